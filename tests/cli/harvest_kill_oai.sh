#!/bin/sh
# Crash safety of the OAI-PMH harvester: SIGKILL at random points of a
# 6,000-record, 60-page harvest; restarted runs resume from the committed
# checkpoint and the store ends exactly as an uninterrupted run leaves it.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/cli/harvest_kill.lib.sh
. "$(dirname "$0")/harvest_kill.lib.sh"
: "${FAKE_OAI:?run through make check}" "${top_srcdir:?}"
scratch

WISGOV_NOW=2026-11-22T00:00:00Z
export WISGOV_NOW
"$top_srcdir/tools/gen-oai-pages.sh" 6000 100 "$tmp/pages" || exit 1
"$FAKE_OAI" --dir "$tmp/pages" --port-file "$tmp/port" 2>"$tmp/fake.err" &
fpid=$!
trap 'kill "$fpid" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0
while [ ! -s "$tmp/port" ] && [ "$n" -lt 100 ]; do
	sleep 0.05
	n=$((n + 1))
done
kill_test oai --url "http://127.0.0.1:$(cat "$tmp/port")/oai" --prefix iso19139 --name bench
kill "$fpid"
wait "$fpid"

done_testing
