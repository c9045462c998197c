#!/bin/sh
# tools/ and the test scripts stay shellcheck-clean.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
: "${top_srcdir:?}"

if command -v shellcheck >/dev/null 2>&1; then
	out=$(cd "$top_srcdir" && shellcheck -x -s sh tools/*.sh tools/bench tools/demo tests/cli/*.sh tests/helpers/*.sh \
		tests/helpers/fake_oai/*.sh .ci/run 2>&1)
	ok $? "shellcheck is clean"
	[ -z "$out" ] || printf '%s\n' "$out" | head -n 40 | sed 's/^/# /'
else
	skip "shellcheck not installed"
fi

done_testing
