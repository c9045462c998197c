#!/bin/sh
# Crash safety of the spool-directory harvester: SIGKILL at random points.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/cli/harvest_kill.lib.sh
. "$(dirname "$0")/harvest_kill.lib.sh"
scratch
: "${top_srcdir:?}"

# The clock is fixed so that two stores can be compared byte for byte.
WISGOV_NOW=2026-11-22T00:00:00Z
export WISGOV_NOW
"$top_srcdir/tools/gen-records.sh" 6000 "$tmp/spool" || exit 1
kill_test dir "dir:$tmp/spool"

done_testing
