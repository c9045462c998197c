#!/bin/sh
# Hostile and broken documents are refused with a clear message, nothing
# leaks from the local file system, memory stays bounded, and the run goes
# on with the next input.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
scratch
H=$FIXTURES/hostile
V=$FIXTURES/iso19139/variants

code_of() {
	"$WISGOV" check --json "$1" 2>/dev/null | sed -n 's/.*"findings":\[{"code":"\([^"]*\)".*/\1/p'
}

is hostile-xml "$(code_of "$H/doctype.xml")" "DOCTYPE refused"
is hostile-xml "$(code_of "$H/billion-laughs.xml")" "billion laughs refused"
is hostile-xml "$(code_of "$H/quadratic-blowup.xml")" "quadratic blow-up refused"
is hostile-xml "$(code_of "$H/xxe-file.xml")" "external entity refused"
is hostile-xml "$(code_of "$H/xxe-parameter.xml")" "external parameter entity refused"
is hostile-xml "$(code_of "$H/xxe-external-dtd.xml")" "external DTD refused"
is invalid-encoding "$(code_of "$H/invalid-utf8.xml")" "invalid UTF-8 refused"
is not-xml "$(code_of "$H/truncated.xml")" "truncated document refused"
is not-xml "$(code_of "$H/not-xml.xml")" "text file refused"
is not-xml "$(code_of "$H/html-502.xml")" "HTML error page refused"
is not-xml "$(code_of "$H/empty.xml")" "empty file refused"
is not-xml "$(code_of "$H/whitespace.xml")" "blank file refused"
is not-xml "$(code_of "$H/control-char.xml")" "illegal character reference refused"
is too-deep "$(code_of "$H/deep-nesting.xml")" "20,000 nested elements refused"
is not-metadata "$(code_of "$H/not-metadata.xml")" "XML that is no record refused"
is not-metadata "$(code_of "$H/oai-error.xml")" "OAI-PMH error response has no record"

# Nothing from /etc/passwd may ever appear, whatever the verdict.
out=$("$WISGOV" check -v --json "$H/xxe-file.xml" "$H/xxe-parameter.xml" 2>&1)
case $out in
*root:*) ok 1 "no local file content in the output" ;;
*) ok 0 "no local file content in the output" ;;
esac

# The whole hostile set, then a good record: the good one is still judged.
"$WISGOV" check "$H" "$V/canonical-global.xml" >"$tmp/out" 2>"$tmp/err"
is 1 $? "hostile set exits 1 (failed records, not a crash)"
contains "$(cat "$tmp/out")" "canonical-global.xml: record 1: PASS" "a good record after them is judged"
contains "$(cat "$tmp/err")" "17 records: 1 passed, 0 warned, 16 failed" "every hostile file is one failed record"

# A 100 MB document: refused by the size cap with a clear message.
{
	printf '<?xml version="1.0"?>\n<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd">\n'
	yes '<gmd:abstract>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</gmd:abstract>' |
		head -c 104857600
	printf '</gmd:MD_Metadata>\n'
} >"$tmp/huge.xml"
# Memory is compared with a run on a small record, so the bounds hold in
# sanitizer builds too.
rss_of() {
	# rss_of INPUT-MODE ARGS...: max RSS in kB of wisgov check ARGS
	mode=$1
	shift
	if [ "$mode" = pipe ]; then
		# shellcheck disable=SC2002 # the pipe is the point: a stream of unknown size
		cat "$tmp/huge.xml" | /usr/bin/time -f %M -o "$tmp/rss" "$WISGOV" check "$@" >"$tmp/out" 2>"$tmp/err"
	else
		/usr/bin/time -f %M -o "$tmp/rss" "$WISGOV" check "$@" >"$tmp/out" 2>"$tmp/err"
	fi
	tail -n 1 "$tmp/rss"
}
if [ -x /usr/bin/time ]; then
	base=$(rss_of file "$V/canonical-global.xml")
	diag "baseline: max RSS ${base} kB checking one small record"

	rss=$(rss_of file --json "$tmp/huge.xml")
	contains "$(cat "$tmp/out")" '"code":"too-large"' "100 MB file is a failed record: too-large"
	contains "$(cat "$tmp/out")" "larger than the 64.0 MiB size limit" "with a clear message"
	ok "$([ "$rss" -lt $((base + 10000)) ] && echo 0 || echo 1)" \
		"refused from its size before reading: max RSS ${rss} kB < baseline + 10 MB"

	rss=$(rss_of pipe --json -)
	contains "$(cat "$tmp/out")" '"code":"too-large"' "100 MB through a pipe is refused too"

	rss=$(rss_of pipe --json --max-size 8MiB -)
	contains "$(cat "$tmp/out")" "larger than the 8.0 MiB size limit" "a stream stops at --max-size 8MiB"
	ok "$([ "$rss" -lt $((base + 40000)) ] && echo 0 || echo 1)" \
		"memory bounded by the cap, not the input: max RSS ${rss} kB < baseline + 40 MB"
else
	skip "/usr/bin/time not installed"
fi

done_testing
