#!/bin/sh
# Exit statuses of `wisgov check` (wisgov(1), EXIT STATUS): 0 when every
# record passes or warns, 1 when one fails, 2 for usage errors and inputs
# that cannot be read at all -- and a bad input never stops the run.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
scratch
V=$FIXTURES/iso19139/variants

run() {
	"$WISGOV" "$@" >"$tmp/out" 2>"$tmp/err"
	echo $?
}

is 0 "$(run check "$V/canonical-global.xml")" "a passing record exits 0"
is 0 "$(run check "$V/scope-datacenter.xml")" "a record that only warns exits 0"
is 1 "$(run check "$V/policy-missing.xml")" "a failing record exits 1"
is 1 "$(run check "$V/canonical-global.xml" "$V/policy-missing.xml")" "one failure among passes exits 1"
is 1 "$(run check "$FIXTURES/hostile/not-xml.xml")" "a file that is not XML is a failed record (1)"
contains "$(cat "$tmp/err")" "1 record: 0 passed, 0 warned, 1 failed" "and the summary counts it"

is 2 "$(run check /nonexistent/record.xml "$V/canonical-global.xml")" "an unreadable input exits 2"
contains "$(cat "$tmp/err")" "/nonexistent/record.xml: cannot open: No such file or directory" \
	"and names the file and the reason"
contains "$(cat "$tmp/out")" "canonical-global.xml: record 1: PASS" "and the run went on with the next input"

is 2 "$(run check)" "no PATH is a usage error"
contains "$(cat "$tmp/err")" "no PATH given" "which says so"
is 2 "$(run check --no-such-option "$V/canonical-global.xml")" "unknown option is a usage error"
is 2 "$(run check --expect-bytes-per-day lots "$V/canonical-global.xml")" "bad --expect-bytes-per-day"
contains "$(cat "$tmp/err")" '"lots" is not a size' "which says what was wrong"
is 2 "$(run check --expect-per-day 1.5 "$V/canonical-global.xml")" "bad --expect-per-day"
is 2 "$(run check --max-size 0 "$V/canonical-global.xml")" "bad --max-size"
is 2 "$(run nonsense)" "unknown command"
is 0 "$(run check --help)" "--help exits 0"
contains "$(cat "$tmp/out")" "usage: wisgov check" "--help prints the usage"
is 0 "$(run --version)" "--version exits 0"
contains "$(cat "$tmp/out")" "wisgov " "--version prints the version"

is 2 "$(run check --rules /nonexistent "$V/canonical-global.xml")" "a missing rule directory exits 2"
contains "$(cat "$tmp/err")" "/nonexistent/budgets.yaml" "and names the file"
mkdir "$tmp/rules"
cp "$WISGOV_RULES/centres.csv" "$tmp/rules/"
cp "$FIXTURES/yaml/dup-key.yaml" "$tmp/rules/budgets.yaml"
is 2 "$(run check --rules "$tmp/rules" "$V/canonical-global.xml")" "a broken budgets.yaml exits 2"
contains "$(cat "$tmp/err")" "budgets.yaml:9:3: duplicate key \"bytes-per-day\" (first defined at line 3)" \
	"with file:line:col and the reason"

# The rule directory can come from the environment.
cp "$FIXTURES/yaml/small-budget.yaml" "$tmp/rules/budgets.yaml"
WISGOV_RULES=$tmp/rules "$WISGOV" check --expect-bytes-per-day 20MB "$V/canonical-global.xml" >"$tmp/out" 2>&1
contains "$(cat "$tmp/out")" "above the 10.0 MB/day" "WISGOV_RULES selects another budget"

done_testing
