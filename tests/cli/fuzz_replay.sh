#!/bin/sh
# Replay every fuzz target over its corpus: the seed corpus under
# tests/fuzz/corpus/, every fixture, and whatever fuzzing campaigns found.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
: "${top_builddir:?}" "${top_srcdir:?}"

replay() {
	target=$1
	shift
	if [ "${WISGOV_LIBFUZZER:-no}" = yes ]; then
		# libFuzzer's own main: -runs=0 replays the corpus without fuzzing
		# (and without writing new inputs into the source tree).
		out=$("$top_builddir/tests/fuzz/$target" -runs=0 "$@" 2>&1)
		rc=$?
		ok "$rc" "$target replays its corpus under libFuzzer"
		[ "$rc" -eq 0 ] || printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
		return
	fi
	out=$("$top_builddir/tests/fuzz/$target" "$@" 2>&1)
	rc=$?
	n=$(printf '%s\n' "$out" | grep -c '^ok ')
	bad=$(printf '%s\n' "$out" | grep -c '^not ok ')
	ok "$([ "$rc" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$n" -gt 0 ] && echo 0 || echo 1)" \
		"$target replays $n inputs without a crash"
	[ "$rc" -eq 0 ] || printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
}

replay fuzz_record "$top_srcdir/tests/fuzz/corpus/record" "$FIXTURES/iso19139" \
	"$FIXTURES/hostile" "$FIXTURES/oai"
replay fuzz_yaml "$top_srcdir/tests/fuzz/corpus/yaml" "$FIXTURES/yaml" "$top_srcdir/rules"
replay fuzz_oai "$top_srcdir/tests/fuzz/corpus/oai" "$FIXTURES/oai" "$FIXTURES/hostile"
replay fuzz_traffic_log "$top_srcdir/tests/fuzz/corpus/traffic_log" "$FIXTURES/traffic/cache.log" \
	"$FIXTURES/traffic/bad.log"
replay fuzz_traffic_wnm "$top_srcdir/tests/fuzz/corpus/traffic_wnm" "$FIXTURES/traffic/notifications.jsonl" \
	"$FIXTURES/traffic/bad.log"

replay fuzz_ingest "$top_srcdir/tests/fuzz/corpus/ingest" "$FIXTURES/traffic/cache.log" \
	"$FIXTURES/traffic/bad.log" "$FIXTURES/traffic/notifications.jsonl"

done_testing
