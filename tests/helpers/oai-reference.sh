#!/bin/sh
# Reference harvest with a third-party OAI-PMH client: HTTP::OAI's oai_pmh
# (Debian libhttp-oai-perl).  It does the whole protocol (paging with
# resumption tokens, OAI errors, 503/Retry-After); this script only reshapes
# its output into one sorted line per record:
#
#   identifier<TAB>datestamp<TAB>deleted|live<TAB>set,set,...   (sets sorted)
#
#   oai-reference.sh BASEURL [SET]
#
# Optional environment: OAI_REF_PREFIX (default iso19139), OAI_REF_FROM,
# OAI_REF_UNTIL (passed as --from / --until).
# Exit status: oai_pmh's (non-zero on an OAI error other than
# noRecordsMatch, which gives empty output, or on an HTTP failure).
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 BASEURL [SET]" >&2
	exit 2
fi
base=$1
set=${2:-}
command -v oai_pmh >/dev/null 2>&1 ||
	{ echo "oai-reference.sh: oai_pmh not found (Debian libhttp-oai-perl)" >&2; exit 1; }

tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.err"' EXIT
trap 'exit 130' HUP INT TERM

# -X is required: without it oai_pmh forces metadataPrefix=oai_dc.
set -- -X ListRecords --metadataPrefix "${OAI_REF_PREFIX:-iso19139}"
[ -n "$set" ] && set -- "$@" --set "$set"
[ -n "${OAI_REF_FROM:-}" ] && set -- "$@" --from "$OAI_REF_FROM"
[ -n "${OAI_REF_UNTIL:-}" ] && set -- "$@" --until "$OAI_REF_UNTIL"

# "Wide character" warnings on non-ASCII metadata are noise; errors are not.
rc=0
oai_pmh "$@" "$base" >"$tmp" 2>"$tmp.err" || rc=$?
grep -v '^Wide character' "$tmp.err" >&2 || true
if [ "$rc" -ne 0 ]; then
	exit "$rc"
fi

# Records are separated by form feeds; each starts with "key: value" header
# lines up to the first empty line, then the metadata.
awk '
function flush(   n, i, j, t, s, sets) {
	if (id == "") return
	n = 0
	for (i = 1; i <= nset; i++) a[++n] = setv[i]
	for (i = 2; i <= n; i++) {          # insertion sort, byte order
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	sets = ""
	for (i = 1; i <= n; i++) sets = sets (i > 1 ? "," : "") a[i]
	printf "%s\t%s\t%s\t%s\n", id, ds, (status == "deleted" ? "deleted" : "live"), sets
}
function start() { flush(); id = ""; ds = ""; status = ""; nset = 0; inhdr = 1 }
BEGIN { start() }
{
	line = $0
	while ((p = index(line, "\f")) > 0) {   # a form feed ends a record
		if (inhdr) hdr(substr(line, 1, p - 1))
		start()
		line = substr(line, p + 1)
	}
	if (inhdr) hdr(line)
}
function hdr(l,   v) {
	if (l == "") { if (id != "") inhdr = 0; return }
	v = l; sub(/^[A-Za-z]+: ?/, "", v)
	if (l ~ /^identifier:/) id = v
	else if (l ~ /^datestamp:/) ds = v
	else if (l ~ /^status:/) status = v
	else if (l ~ /^setSpec:/) setv[++nset] = v
}
END { flush() }
' "$tmp" | LC_ALL=C sort
