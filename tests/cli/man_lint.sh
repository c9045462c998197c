#!/bin/sh
# The manual pages are valid mdoc (mandoc -Tlint) and document every
# command-line option and every finding code the program has.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
: "${top_srcdir:?}"

if [ -n "$MANDOC" ]; then
	out=$("$MANDOC" -Tlint -Wwarning "$top_srcdir"/doc/*.[15] 2>&1)
	ok $? "mandoc -Tlint -Wwarning is clean"
	[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'
else
	skip "mandoc not installed"
fi

page=$(cat "$top_srcdir/doc/wisgov.1")
for opt in $("$WISGOV" check --help | grep -o -- '--[a-z-]*' | sort -u); do
	contains "$page" "Fl \\-${opt#--}" "wisgov(1) documents check $opt"
done
for code in $(grep -ho 'WCMP_[A-Z]*, "[a-z0-9-]*"' "$top_srcdir"/governor/wcmp/*.c "$top_srcdir"/governor/check/*.c | sed 's/.*"\(.*\)"/\1/' | sort -u) \
	$(grep -ho '"[a-z]*-[a-z-]*-\(missing\|multiple\|invalid\|legacy\)"' "$top_srcdir/governor/wcmp/judge.c" | tr -d '"' | sort -u) \
	not-xml hostile-xml invalid-encoding too-large too-deep not-metadata principal-gisc-unknown; do
	contains "$page" "$code" "wisgov(1) documents finding $code"
done

done_testing
