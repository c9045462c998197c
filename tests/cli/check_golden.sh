#!/bin/sh
# Golden outputs: `wisgov check` over every fixture directory, compared
# whole with fixtures/expected/.  After an intended change, regenerate with
#   WISGOV_REGEN=1 make check TESTS=tests/cli/check_golden.sh
# and review the diff before committing it.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
scratch
cd "$FIXTURES" || exit 1

golden() {
	# golden NAME ARGS...: compare stdout of wisgov ARGS with expected/NAME
	name=$1
	shift
	"$WISGOV" "$@" >"$tmp/$name" 2>"$tmp/$name.err"
	if [ "${WISGOV_REGEN:-0}" = 1 ]; then
		cp "$tmp/$name" "expected/$name"
	fi
	if diff -u "expected/$name" "$tmp/$name" >"$tmp/$name.diff"; then
		ok 0 "wisgov $* matches expected/$name"
	else
		ok 1 "wisgov $* matches expected/$name"
		sed 's/^/# /' "$tmp/$name.diff" | head -n 40
	fi
}

golden variants.jsonl check --json iso19139/variants
golden real.jsonl check --json iso19139/real
golden hostile.jsonl check --json hostile
golden oai.jsonl check --json oai
golden variants.txt check -v iso19139/variants
golden real.txt check iso19139/real
golden hostile.txt check hostile
golden expect-2gb.txt check --expect-bytes-per-day 2GB iso19139/variants/canonical-global.xml

done_testing
