#!/bin/sh
# Start or stop a real third-party OAI-PMH 2.0 provider on 127.0.0.1:
# Debian's Dancer::Plugin::Catmandu::OAI under starman, serving a directory
# of ISO 19139 files through the read-only store in lib/ (see README.md).
#
#   oai-provider.sh start DIR PORT PAGESIZE PIDFILE [FAULT]
#   oai-provider.sh stop PIDFILE
#
# start returns once the provider answers ?verb=Identify (30 s at most) and
# prints its base URL.  The server's log goes to PIDFILE.log.
# FAULT "503": every 3rd request (readiness probes not counted) answers
# HTTP 503 with Retry-After: 1.
# Environment passed through to the provider (see oai-peer.psgi):
#   OAI_PEER_REPO_ID   repositoryIdentifier (oai-peer.test); identifiers are
#                      printed as oai:<REPO_ID>:<file name without .xml>
#   OAI_PEER_BARE_IDS  1: print identifiers as the bare file names
#   OAI_PEER_ORDER     datestamp (default) or id: the list order
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

usage() {
	echo "usage: $0 start DIR PORT PAGESIZE PIDFILE [503]" >&2
	echo "       $0 stop PIDFILE" >&2
	exit 2
}

die() {
	echo "oai-provider.sh: $*" >&2
	exit 1
}

is_uint() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	esac
	return 0
}

# A pid counts as alive unless it is gone or a zombie.
alive() {
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $st in
	Z*) return 1 ;;
	esac
	return 0
}

probe() {
	curl -fsS --max-time 5 -H 'X-OAI-Peer-Probe: 1' \
		"http://127.0.0.1:$1/oai?verb=Identify" 2>/dev/null |
		grep -q '<Identify>'
}

do_stop() {
	pidfile=$1
	[ -f "$pidfile" ] || { echo "oai-provider.sh: no $pidfile; nothing to stop" >&2; return 0; }
	pid=$(cat "$pidfile")
	is_uint "$pid" || die "bad pid in $pidfile"
	if ! alive "$pid"; then
		rm -f "$pidfile"
		return 0
	fi
	kids=$(pgrep -P "$pid" || true)
	kill -TERM "$pid" 2>/dev/null || true
	i=0
	while :; do
		left=
		for p in $pid $kids; do
			if alive "$p"; then left="$left $p"; fi
		done
		[ -z "$left" ] && break
		i=$((i + 1))
		if [ "$i" -ge 100 ]; then # 10 s: force
			# shellcheck disable=SC2086 # a list of pids
			kill -KILL $left 2>/dev/null || true
		fi
		if [ "$i" -ge 150 ]; then
			die "pids$left would not die"
		fi
		sleep 0.1
	done
	rm -f "$pidfile"
}

do_start() {
	if [ $# -lt 4 ] || [ $# -gt 5 ]; then usage; fi
	dir=$1 port=$2 pagesize=$3 pidfile=$4 fault=${5:-}
	[ -d "$dir" ] || die "$dir is not a directory"
	if ! is_uint "$port" || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
		die "bad port $port"
	fi
	if ! is_uint "$pagesize" || [ "$pagesize" -lt 1 ]; then
		die "bad page size $pagesize"
	fi
	case $fault in
	'' | 503) ;;
	*) die "unknown fault '$fault' (only 503)" ;;
	esac
	command -v starman >/dev/null 2>&1 ||
		die "starman not found: run WISGOV_DEPS_TEST=1 tools/deps-debian.sh"
	if [ -f "$pidfile" ] && alive "$(cat "$pidfile")"; then
		die "already running: pid $(cat "$pidfile") in $pidfile"
	fi
	if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
		die "127.0.0.1:$port is already in use"
	fi
	dir=$(CDPATH='' cd -- "$dir" && pwd)
	log=$pidfile.log

	OAI_PEER_DIR=$dir OAI_PEER_PAGESIZE=$pagesize OAI_PEER_FAULT=$fault \
		starman -E deployment --listen "127.0.0.1:$port" --workers 1 \
		--preload-app "$here/oai-peer.psgi" >"$log" 2>&1 </dev/null &
	pid=$!
	echo "$pid" >"$pidfile"

	i=0
	while ! probe "$port"; do
		if ! alive "$pid"; then
			rm -f "$pidfile"
			tail -n 20 "$log" >&2
			die "provider exited during start-up (log: $log)"
		fi
		i=$((i + 1))
		if [ "$i" -ge 150 ]; then # 150 x 0.2 s = 30 s
			do_stop "$pidfile"
			tail -n 20 "$log" >&2
			die "provider did not answer Identify on 127.0.0.1:$port within 30 s (log: $log)"
		fi
		sleep 0.2
	done
	echo "http://127.0.0.1:$port/oai"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case $cmd in
start) do_start "$@" ;;
stop)
	[ $# -eq 1 ] || usage
	do_stop "$1"
	;;
*) usage ;;
esac
