# shellcheck shell=sh
# lib.sh -- TAP helpers for the command-line tests (sourced).
#
# Every test script runs under automake's tap-driver: it prints "ok N -
# ..." / "not ok N - ..." lines and the plan at the end (done_testing).

tap_n=0
tap_failed=0

ok() {
	# ok CONDITION-EXIT-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

is() {
	# is WANT GOT DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $tap_n - $3"
	else
		echo "not ok $tap_n - $3"
		echo "#   wanted: $1"
		echo "#   got:    $2"
		tap_failed=$((tap_failed + 1))
	fi
}

contains() {
	# contains HAYSTACK NEEDLE DESCRIPTION
	case $1 in
	*"$2"*) ok 0 "$3" ;;
	*)
		ok 1 "$3"
		echo "#   \"$2\" not found in:"
		printf '%s\n' "$1" | sed 's/^/#     /' | head -n 20
		;;
	esac
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# A scratch directory removed at exit.
scratch() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/wisgov-test.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
}

: "${WISGOV:?run through make check}"
: "${FIXTURES:?run through make check}"
: "${WISGOV_RULES:?run through make check}"
export LC_ALL=C

# A TCP port on 127.0.0.1 that nothing listens on (20000-59999).
free_port() {
	p=$((20000 + $$ % 20000))
	while ss -ltn 2>/dev/null | awk '{print $4}' | grep -q ":$p\$"; do
		p=$((p + 1))
	done
	echo "$p"
}

# Skip the whole script (automake's 77) when a tool is missing.
need() {
	for t in "$@"; do
		if ! command -v "$t" >/dev/null 2>&1; then
			echo "1..0 # SKIP $t is not installed (WISGOV_DEPS_TEST=1 tools/deps-debian.sh)"
			exit 77
		fi
	done
}
