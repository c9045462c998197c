#!/bin/sh
# Crash safety of ingestion: an ingest killed with SIGKILL at random points
# and restarted ends with exactly the counters of an uninterrupted run:
# nothing lost, nothing counted twice.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
: "${top_srcdir:?}"
scratch

WISGOV_NOW=2026-11-22T06:00:00Z
export WISGOV_NOW
"$top_srcdir/tools/gen-records.sh" 2000 "$tmp/records"
"$top_srcdir/tools/gen-traffic.sh" 400000 2500 2026-11-21T06:00:00Z >"$tmp/cache.log"
for db in clean killed; do
	"$WISGOV" harvest --db "$tmp/$db" -q "dir:$tmp/records" || exit 1
done

report() {
	"$WISGOV" budget report --db "$tmp/$1" --json --top 100000 --at 2026-11-22T05:59:59Z
}

t0=$(date +%s.%N)
"$WISGOV" ingest --db "$tmp/clean" -q --batch 20000 "$tmp/cache.log"
ok $? "an uninterrupted ingest"
took=$(echo "$t0 $(date +%s.%N)" | awk '{printf "%.3f", $2 - $1}')
diag "an uninterrupted ingest takes $took s"
report clean >"$tmp/clean.json"

kills=0
runs=0
seed=${KILL_SEED:-$$}
while [ "$runs" -lt 60 ]; do
	runs=$((runs + 1))
	"$WISGOV" ingest --db "$tmp/killed" -q --batch 20000 "$tmp/cache.log" &
	pid=$!
	sleep "$(awk -v t="$took" -v s=$((seed + runs)) 'BEGIN { srand(s); printf "%.3f", t * (0.05 + 0.25 * rand()) }')"
	if kill -9 "$pid" 2>/dev/null; then
		kills=$((kills + 1))
		wait "$pid" 2>/dev/null
	else
		wait "$pid" && break
	fi
done
diag "$kills kills in $runs runs (seed $seed)"
ok "$([ "$kills" -ge 2 ] && echo 0 || echo 1)" "the ingest was killed at least twice ($kills)"
# On a loaded machine the kills may all come before the end: one last,
# uninterrupted run finishes what is left; after it nothing is.
"$WISGOV" ingest --db "$tmp/killed" -q "$tmp/cache.log"
out=$("$WISGOV" ingest --db "$tmp/killed" --json "$tmp/cache.log")
contains "$out" '"counted":0,' "once complete, nothing is left to count"
report killed >"$tmp/killed.json"
if cmp -s "$tmp/clean.json" "$tmp/killed.json"; then
	ok 0 "the counters equal an uninterrupted run's"
else
	ok 1 "the counters equal an uninterrupted run's"
	diff "$tmp/clean.json" "$tmp/killed.json" | head -c 2000 | sed 's/^/# /'
fi
contains "$(cat "$tmp/clean.json")" '"measured":2000,' "every record was measured"

done_testing
