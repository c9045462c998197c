#!/bin/sh
# Install everything wisgov needs to build, test and benchmark on Debian 12,
# from Debian's own packages only.  Run as root (or through sudo).
set -eu

pkgs="ca-certificates git build-essential autoconf automake libtool pkg-config
	libxml2-dev libxml2-utils libpcre2-dev liblmdb-dev lmdb-utils
	libcurl4-openssl-dev libyaml-dev libjansson-dev libmicrohttpd-dev
	libmosquitto-dev libssl-dev
	mandoc shellcheck mawk time"

if [ "${WISGOV_DEPS_TEST:-0}" = 1 ]; then
	# Real third-party peers the test suite starts on 127.0.0.1.
	pkgs="$pkgs clang libclang-rt-14-dev"
	# OAI-PMH test peer and reference harvester (tests/helpers/README.md):
	# Dancer::Plugin::Catmandu::OAI under starman, CQL::Parser for its
	# directory store, Plack's Deflater for gzip, HTTP::OAI's oai_pmh.
	pkgs="$pkgs libdancer-plugin-catmandu-oai-perl starman libcql-parser-perl
	libplack-middleware-deflater-perl libhttp-oai-perl curl procps iproute2"
fi

SUDO=
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
fi

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086 # word splitting of the package list is intended
$SUDO apt-get install -y -q --no-install-recommends $missing
