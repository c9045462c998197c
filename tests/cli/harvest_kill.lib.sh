# shellcheck shell=sh
# harvest_kill.lib.sh -- kill a harvest with SIGKILL at random points,
# restart it until it completes, and compare the store with the one an
# uninterrupted run left: the same records, checkpoint and journal.
#
# kill_test NAME SOURCE-ARGS...  (after scratch, which sets $tmp)

# A pseudo-random delay in [lo, hi) seconds from awk's generator.
rand_delay() {
	awk -v lo="$1" -v hi="$2" -v seed="$3" 'BEGIN { srand(seed); printf "%.3f", lo + rand() * (hi - lo) }'
}

dump_store() {
	db=$1
	"$WISGOV" records list --db "$db" --json --history
	"$WISGOV" sources --db "$db" --json
	"$WISGOV" journal list --db "$db" --json
}

kill_test() {
	: "${tmp:?call scratch first}"
	name=$1
	shift
	t0=$(date +%s.%N)
	"$WISGOV" harvest --db "$tmp/clean-$name" -q "$@" 2>"$tmp/clean-$name.err"
	ok $? "$name: an uninterrupted harvest completes"
	took=$(echo "$t0 $(date +%s.%N)" | awk '{printf "%.3f", $2 - $1}')
	diag "$name: an uninterrupted run takes $took s"
	dump_store "$tmp/clean-$name" >"$tmp/clean-$name.dump"

	kills=0
	runs=0
	seed=${KILL_SEED:-$$}
	# Until the first run is complete, as its checkpoint says (a kill may
	# land after the final commit, while the process is exiting).
	while [ "$runs" -lt 60 ]; do
		"$WISGOV" sources --db "$tmp/killed-$name" --json 2>/dev/null |
			grep -q '"runs":1,"run":null' && break
		runs=$((runs + 1))
		"$WISGOV" harvest --db "$tmp/killed-$name" -q "$@" 2>>"$tmp/killed-$name.err" &
		pid=$!
		# Kill within the first 30 % of a full run's time, so several kills land.
		sleep "$(rand_delay "$(echo "$took" | awk '{print $1 * 0.05}')" \
			"$(echo "$took" | awk '{print $1 * 0.3}')" $((seed + runs)))"
		if kill -9 "$pid" 2>/dev/null; then
			kills=$((kills + 1))
		fi
		wait "$pid" 2>/dev/null
	done
	diag "$name: $kills kills in $runs runs (seed $seed)"
	ok "$([ "$kills" -ge 2 ] && echo 0 || echo 1)" "$name: the harvest was killed at least twice ($kills)"
	# On a loaded machine every run may have been killed before the end:
	# one uninterrupted run completes it, as the clean store's first did.
	"$WISGOV" sources --db "$tmp/killed-$name" --json 2>/dev/null | grep -q '"runs":1,"run":null' ||
		"$WISGOV" harvest --db "$tmp/killed-$name" -q "$@" 2>>"$tmp/killed-$name.err"
	"$WISGOV" harvest --db "$tmp/killed-$name" -q "$@" 2>/dev/null
	dump_store "$tmp/killed-$name" >"$tmp/killed-$name.dump"
	# One more run on the clean store too, so both have run once after completion.
	"$WISGOV" harvest --db "$tmp/clean-$name" -q "$@" 2>/dev/null
	dump_store "$tmp/clean-$name" >"$tmp/clean-$name.dump"
	if cmp -s "$tmp/clean-$name.dump" "$tmp/killed-$name.dump"; then
		ok 0 "$name: records, history, checkpoint and journal equal an uninterrupted run's"
	else
		ok 1 "$name: records, history, checkpoint and journal equal an uninterrupted run's"
		diff "$tmp/clean-$name.dump" "$tmp/killed-$name.dump" | head -n 20 | sed 's/^/# /'
	fi
	"$WISGOV" journal verify --db "$tmp/killed-$name" >/dev/null
	ok $? "$name: the journal of the killed store verifies"
}
