#!/bin/sh
# Regenerate the build system.  tap-driver.sh is not installed by
# autoreconf, so it is copied from automake's own data directory.
set -eu
cd "$(dirname "$0")"
mkdir -p build-aux m4
autoreconf -fi
am_dir=$(automake --print-libdir)
cp -f "$am_dir/tap-driver.sh" build-aux/tap-driver.sh
