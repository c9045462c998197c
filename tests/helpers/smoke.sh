#!/bin/sh
# Self-test of the OAI-PMH test peer (oai-provider.sh) and of the reference
# harvester (oai-reference.sh).  Prints TAP; exit status 0 when all pass,
# 77 (automake "skip") when the Debian packages are missing.
#   tests/helpers/smoke.sh
set -u

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
top=$(CDPATH='' cd -- "$here/../.." && pwd)
template=$top/fixtures/iso19139/variants/canonical-global.xml

for t in starman oai_pmh curl perl; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "1..0 # SKIP $t missing (run WISGOV_DEPS_TEST=1 tools/deps-debian.sh)"
		exit 77
	fi
done

tmp=$(mktemp -d)
pidfile=$tmp/peer.pid
pidfile2=$tmp/peer2.pid
cleanup() {
	"$here/oai-provider.sh" stop "$pidfile" >/dev/null 2>&1
	"$here/oai-provider.sh" stop "$pidfile2" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}
# check DESCRIPTION COMMAND...: one TAP line from a command's status.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# eq DESCRIPTION GOT WANT
eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   got:  $2"
		echo "#   want: $3"
	fi
}
has() { grep -q -- "$2" "$1"; }
count() { grep -c -- "$2" "$1" || true; }
wellformed() {
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout "$@" 2>/dev/null
	else
		true
	fi
}

# A free port above 20000 on 127.0.0.1.
free_port() {
	p=$((20000 + ($$ * 7 + $1) % 9000))
	while :; do
		if command -v ss >/dev/null 2>&1; then
			[ -z "$(ss -Htln "sport = :$p" 2>/dev/null)" ] && break
		elif ! curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$p/"; then
			break
		fi
		p=$((p + 1))
	done
	echo "$p"
}

alive() {
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $st in Z*) return 1 ;; esac
	return 0
}

# ---------------------------------------------------------------- records
# 25 records SMAA01EGRR..SMAA25EGRR:
#   01-10 top level (no set), 11-17 set WIS-GISC-EXETER,
#   18-24 set WIS-GISC-EXETER:NC-UK, 25 deleted (0 bytes) in NC-UK.
#   mtimes: 01-05 2020-06-01T12:00:00Z, 06-25 2024-03-01T00:00:<NN>Z,
#   except 25: 2025-01-01T00:00:00Z.
dir=$tmp/records
s1=WIS-GISC-EXETER
s2=WIS-GISC-EXETER:NC-UK
mkdir -p "$dir/$s1/NC-UK"
urn=urn:x-wmo:md:int.wmo.wis::
prefix=oai:oai-peer.test:
expected=$tmp/expected.tsv
: >"$expected"
i=1
while [ "$i" -le 25 ]; do
	nn=$(printf %02d "$i")
	id=${urn}SMAA${nn}EGRR
	if [ "$i" -le 10 ]; then sub='' set=''
	elif [ "$i" -le 17 ]; then sub=$s1/ set=$s1
	else sub=$s1/NC-UK/ set=$s2
	fi
	f=$dir/$sub$id.xml
	if [ "$i" -eq 25 ]; then
		: >"$f"
		TZ=UTC0 touch -t 202501010000.00 "$f"
		ds=2025-01-01T00:00:00Z state=deleted
	else
		sed "s/SMAA01EGRR/SMAA${nn}EGRR/g" "$template" >"$f"
		if [ "$i" -le 5 ]; then
			TZ=UTC0 touch -t 202006011200.00 "$f"
			ds=2020-06-01T12:00:00Z
		else
			TZ=UTC0 touch -t "2024030100${nn}.${nn}" "$f"
			ds=2024-03-01T00:${nn}:${nn}Z
		fi
		state=live
	fi
	printf '%s\t%s\t%s\t%s\n' "$prefix$id" "$ds" "$state" "$set" >>"$expected"
	i=$((i + 1))
done
LC_ALL=C sort -o "$expected" "$expected"
cut -f1 "$expected" >"$tmp/expected.ids"

# ---------------------------------------------------------------- start
port=$(free_port 1)
t0=$(date +%s)
if base=$("$here/oai-provider.sh" start "$dir" "$port" 10 "$pidfile"); then
	ok "provider started on 127.0.0.1:$port in $(($(date +%s) - t0)) s"
else
	not_ok "provider started on 127.0.0.1:$port"
	echo "1..$n"
	exit 1
fi
pid=$(cat "$pidfile")
check "pid file holds a live pid ($pid)" alive "$pid"
eq "base URL" "$base" "http://127.0.0.1:$port/oai"
if command -v ss >/dev/null 2>&1; then
	check "listens on 127.0.0.1 only" sh -c \
		"ss -Htln 'sport = :$port' | awk '{print \$4}' | grep -qx '127.0.0.1:$port'"
fi

get() { curl -sS --max-time 30 "$base?$1" >"$2"; }

# ---------------------------------------------------------------- Identify
get verb=Identify "$tmp/id.xml"
check "Identify: well-formed, granularity seconds, deletedRecord persistent" sh -c "
	grep -q '<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>' '$tmp/id.xml' &&
	grep -q '<deletedRecord>persistent</deletedRecord>' '$tmp/id.xml' &&
	grep -q '<protocolVersion>2.0</protocolVersion>' '$tmp/id.xml'" &&
	wellformed "$tmp/id.xml"
check "Identify: earliestDatestamp is the oldest mtime" \
	has "$tmp/id.xml" '<earliestDatestamp>2020-06-01T12:00:00Z</earliestDatestamp>'
check "Identify: compression gzip announced" has "$tmp/id.xml" '<compression>gzip</compression>'

# ---------------------------------------------------------------- formats, sets
get verb=ListMetadataFormats "$tmp/mf.xml"
check "ListMetadataFormats: iso19139 with the gmd namespace" sh -c "
	grep -q '<metadataPrefix>iso19139</metadataPrefix>' '$tmp/mf.xml' &&
	grep -q '<metadataNamespace>http://www.isotc211.org/2005/gmd</metadataNamespace>' '$tmp/mf.xml'"
check "ListMetadataFormats: oai_dc offered" has "$tmp/mf.xml" '<metadataPrefix>oai_dc</metadataPrefix>'
get verb=ListSets "$tmp/sets.xml"
check "ListSets: $s1 and $s2" sh -c "
	grep -q '<setSpec>$s1</setSpec>' '$tmp/sets.xml' &&
	grep -q '<setSpec>$s2</setSpec>' '$tmp/sets.xml' &&
	[ \$(grep -c '<set>' '$tmp/sets.xml') -eq 2 ]"

# ---------------------------------------------------------------- paging
# harvest VERB QUERY OUT: follow resumption tokens; pages in OUT.pages
harvest() {
	: >"$3"
	url="$base?verb=$1&$2"
	pages=0
	while :; do
		pages=$((pages + 1))
		curl -sS --max-time 30 "$url" >"$3.page" || return 1
		wellformed "$3.page" || return 1
		cat "$3.page" >>"$3"
		tok=$(sed -n 's/.*<resumptionToken[^>]*>\([^<]*\)<\/resumptionToken>.*/\1/p' "$3.page")
		[ -z "$tok" ] && break
		[ "$pages" -ge 50 ] && return 1
		url="$base?verb=$1&resumptionToken=$tok"
	done
	echo "$pages" >"$3.pages"
}
ids() { sed -n 's/.*<identifier>\(.*\)<\/identifier>.*/\1/p' "$1" | LC_ALL=C sort; }

check "ListRecords: harvest to the end" harvest ListRecords metadataPrefix=iso19139 "$tmp/lr.xml"
eq "ListRecords: 3 pages of at most 10" "$(cat "$tmp/lr.xml.pages" 2>/dev/null)" 3
eq "ListRecords: 25 headers" "$(count "$tmp/lr.xml" '<header')" 25
eq "ListRecords: 24 with metadata" "$(count "$tmp/lr.xml" '<metadata>')" 24
eq "ListRecords: 1 deleted" "$(count "$tmp/lr.xml" 'status="deleted"')" 1
check "ListRecords: completeListSize=25" has "$tmp/lr.xml" 'completeListSize="25"'
check "ListRecords: last page ends with an empty token" \
	has "$tmp/lr.xml.page" '<resumptionToken completeListSize="25"/>'
eq "ListRecords: identifiers = the 25 files" "$(ids "$tmp/lr.xml" | tr '\n' ' ')" \
	"$(tr '\n' ' ' <"$tmp/expected.ids")"
check "ListRecords: no XML declaration inside <metadata>" sh -c \
	"[ \$(grep -c '<?xml' '$tmp/lr.xml') -eq 3 ]"
harvest ListIdentifiers metadataPrefix=iso19139 "$tmp/li.xml"
eq "ListIdentifiers: 25 headers" "$(count "$tmp/li.xml" '<header')" 25

# ---------------------------------------------------------------- GetRecord
get "verb=GetRecord&metadataPrefix=iso19139&identifier=${prefix}${urn}SMAA25EGRR" "$tmp/del.xml"
check "GetRecord deleted: status=deleted, no metadata" sh -c "
	grep -q '<header status=\"deleted\">' '$tmp/del.xml' &&
	! grep -q '<metadata>' '$tmp/del.xml'"
get "verb=GetRecord&metadataPrefix=iso19139&identifier=${prefix}${urn}SMAA12EGRR" "$tmp/one.xml"
check "GetRecord live: record as-is, in its set" sh -c "
	grep -q '<gco:CharacterString>${urn}SMAA12EGRR</gco:CharacterString>' '$tmp/one.xml' &&
	grep -q '<setSpec>$s1</setSpec>' '$tmp/one.xml' &&
	grep -q '<datestamp>2024-03-01T00:12:12Z</datestamp>' '$tmp/one.xml'" &&
	wellformed "$tmp/one.xml"

# ---------------------------------------------------------------- selective
harvest ListIdentifiers "metadataPrefix=iso19139&set=$s1" "$tmp/s1.xml"
eq "set=$s1: 15 (its own and $s2's)" "$(count "$tmp/s1.xml" '<header')" 15
harvest ListIdentifiers "metadataPrefix=iso19139&set=$s2" "$tmp/s2.xml"
eq "set=$s2: 8" "$(count "$tmp/s2.xml" '<header')" 8
harvest ListIdentifiers "metadataPrefix=iso19139&from=2024-01-01" "$tmp/f.xml"
eq "from=2024-01-01: 20" "$(count "$tmp/f.xml" '<header')" 20
harvest ListIdentifiers "metadataPrefix=iso19139&until=2020-06-01" "$tmp/u.xml"
eq "until=2020-06-01: 5" "$(count "$tmp/u.xml" '<header')" 5
harvest ListIdentifiers "metadataPrefix=iso19139&from=2024-03-01T00:10:10Z&until=2024-03-01T00:12:12Z" "$tmp/fu.xml"
eq "from..until at seconds, inclusive: 3" "$(count "$tmp/fu.xml" '<header')" 3

# ---------------------------------------------------------------- errors
err() { # QUERY CODE
	get "$1" "$tmp/err.xml"
	has "$tmp/err.xml" "<error code=\"$2\">"
}
check "error badVerb" err verb=Nonsense badVerb
check "error cannotDisseminateFormat" err "verb=ListRecords&metadataPrefix=nope" cannotDisseminateFormat
check "error idDoesNotExist" err "verb=GetRecord&metadataPrefix=iso19139&identifier=${prefix}nope" idDoesNotExist
check "error noRecordsMatch" err "verb=ListRecords&metadataPrefix=iso19139&from=2030-01-01" noRecordsMatch
check "error badResumptionToken" err "verb=ListRecords&resumptionToken=garbage" badResumptionToken
check "error badArgument (from > until)" err \
	"verb=ListRecords&metadataPrefix=iso19139&from=2024-01-02&until=2024-01-01" badArgument

# ---------------------------------------------------------------- gzip
curl -sS --max-time 30 -D "$tmp/gz.hdr" -o /dev/null -H 'Accept-Encoding: gzip' \
	"$base?verb=ListRecords&metadataPrefix=iso19139"
check "gzip: Content-Encoding: gzip when asked" grep -qi '^Content-Encoding: gzip' "$tmp/gz.hdr"
curl -sS --max-time 30 --compressed "$base?verb=ListRecords&metadataPrefix=iso19139" >"$tmp/gz.xml"
# (responseDate and the token differ from one response to the next)
check "gzip: curl --compressed body decodes to the same page" sh -c "
	grep -v '<responseDate>\\|<resumptionToken' '$tmp/gz.xml' >'$tmp/gz.a' &&
	curl -sS --max-time 30 '$base?verb=ListRecords&metadataPrefix=iso19139' |
		grep -v '<responseDate>\\|<resumptionToken' >'$tmp/gz.b' &&
	[ -s '$tmp/gz.a' ] && cmp -s '$tmp/gz.a' '$tmp/gz.b'"

# ---------------------------------------------------------------- reference
if "$here/oai-reference.sh" "$base" >"$tmp/ref.tsv" 2>"$tmp/ref.err"; then
	ok "oai-reference.sh (HTTP::OAI oai_pmh) ran"
else
	not_ok "oai-reference.sh (HTTP::OAI oai_pmh) ran"
	sed 's/^/#   /' "$tmp/ref.err"
fi
eq "oai-reference.sh: identifiers as expected" "$(cut -f1 "$tmp/ref.tsv" | tr '\n' ' ')" \
	"$(tr '\n' ' ' <"$tmp/expected.ids")"
check "oai-reference.sh: identifier, datestamp, status and sets as expected" \
	cmp -s "$tmp/ref.tsv" "$expected"
"$here/oai-reference.sh" "$base" "$s2" >"$tmp/ref2.tsv" 2>/dev/null
check "oai-reference.sh with set $s2" sh -c \
	"grep '	$s2\$' '$expected' | cmp -s - '$tmp/ref2.tsv'"

# ---------------------------------------------------------------- DIR changes
new=$dir/${urn}SMZZ99EGRR.xml
sed 's/SMAA01EGRR/SMZZ99EGRR/g' "$template" >"$new"
today=$(date -u +%Y-%m-%d)
harvest ListIdentifiers "metadataPrefix=iso19139&from=$today" "$tmp/new.xml"
check "a file added while running is served (from=$today)" has "$tmp/new.xml" "SMZZ99EGRR"
: >"$dir/${urn}SMAA03EGRR.xml"
get "verb=GetRecord&metadataPrefix=iso19139&identifier=${prefix}${urn}SMAA03EGRR" "$tmp/d3.xml"
check "a file emptied while running becomes deleted" has "$tmp/d3.xml" 'status="deleted"'

# ---------------------------------------------------------------- stop
"$here/oai-provider.sh" stop "$pidfile"
check "stop: pid $pid gone" sh -c "! ps -o stat= -p $pid 2>/dev/null | grep -qv Z"
check "stop: port closed" sh -c "! curl -s --max-time 2 -o /dev/null '$base?verb=Identify'"
check "stop: pid file removed" test ! -e "$pidfile"

# ---------------------------------------------------------------- fault 503
port2=$(free_port 2)
if base2=$(OAI_PEER_BARE_IDS=1 "$here/oai-provider.sh" start "$dir" "$port2" 10 "$pidfile2" 503); then
	codes=
	for k in 1 2 3; do
		c=$(curl -s --max-time 10 -o /dev/null -D "$tmp/f$k.hdr" -w '%{http_code}' "$base2?verb=Identify")
		codes="$codes $c"
	done
	eq "FAULT=503: every 3rd request is 503" "$codes" " 200 200 503"
	check "FAULT=503: Retry-After: 1" grep -qi '^Retry-After: 1' "$tmp/f3.hdr"
	"$here/oai-reference.sh" "$base2" >"$tmp/ref3.tsv" 2>/dev/null
	eq "FAULT=503 + OAI_PEER_BARE_IDS=1: oai_pmh retries and gets all 26, bare ids" \
		"$(wc -l <"$tmp/ref3.tsv" | tr -d ' ') $(grep -c "^${urn}" "$tmp/ref3.tsv")" "26 26"
	"$here/oai-provider.sh" stop "$pidfile2"
else
	not_ok "FAULT=503 provider started"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
