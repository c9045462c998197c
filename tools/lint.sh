#!/bin/sh
# Style and static checks (make lint): clang-format, cppcheck, shellcheck,
# mandoc, and a banned-function list (curl style).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
rc=0
srcs=$(find governor tests -name '*.[ch]' | sort)

if command -v clang-format >/dev/null 2>&1; then
	# shellcheck disable=SC2086 # one argument per file
	clang-format --dry-run -Werror $srcs || rc=1
fi
if command -v cppcheck >/dev/null 2>&1; then
	cppcheck -q --enable=warning,portability --error-exitcode=1 \
		--suppress=missingIncludeSystem -I governor governor || rc=1
fi
shellcheck -x -s sh tools/*.sh tools/bench tools/demo tests/cli/*.sh tests/helpers/*.sh \
	tests/helpers/fake_oai/*.sh .ci/run || rc=1
mandoc -Tlint -Wwarning doc/*.[15] || rc=1
# Functions that have bitten every C project: use the bounded helpers.
# shellcheck disable=SC2086 # one argument per file
if grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol)\(' $srcs |
	grep -v 'tests/'; then
	echo "lint: banned function (use gov_strlcpy, snprintf, gov_strtou64, strsep)" >&2
	rc=1
fi
exit $rc
