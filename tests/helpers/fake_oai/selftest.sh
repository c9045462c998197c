#!/bin/sh
# selftest.sh -- check fake_oai itself: routing, the fixture sets and every
# fault, with curl.  TAP output.
#
#   FAKE_OAI=/path/to/fake_oai sh tests/helpers/fake_oai/selftest.sh
set -u

: "${FAKE_OAI:?set FAKE_OAI to the fake_oai binary}"
export LC_ALL=C

if ! command -v curl >/dev/null 2>&1; then
	echo "1..0 # SKIP curl not installed"
	exit 0
fi

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fake_oai-selftest.XXXXXX")
pids=
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

tap_n=0
tap_failed=0

ok() { # ok STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

is() { # is WANT GOT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   wanted: $1"
		echo "#   got:    $2"
	fi
}

has() { # has FILE TEXT DESCRIPTION
	if grep -qF -- "$2" "$1"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   \"$2\" not in $1:"
		head -c 600 "$1" | sed 's/^/#     /'
		echo
	fi
}

# start NAME SET [--fault SPEC]...: run fake_oai, wait for its port file
# and set $pid, $log and $base.
start() {
	name=$1 set=$2
	shift 2
	log=$tmp/$name.log
	"$FAKE_OAI" --dir "$here/$set" --port-file "$tmp/$name.port" --log "$log" "$@" \
		2>"$tmp/$name.err" &
	pid=$!
	pids="$pids $pid"
	i=0
	while [ ! -s "$tmp/$name.port" ] && [ "$i" -lt 200 ]; do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	port=$(cat "$tmp/$name.port" 2>/dev/null)
	case $port in
	'' | *[!0-9]*)
		ok 1 "$name: fake_oai started"
		sed 's/^/#   /' "$tmp/$name.err"
		base=http://127.0.0.1:1/oai
		return 1
		;;
	esac
	base=http://127.0.0.1:$port/oai
}

# stop NAME: SIGTERM, then it must exit 0, be gone and remove its port file.
stop() {
	kill "$pid"
	wait "$pid"
	rc=$?
	gone=0
	kill -0 "$pid" 2>/dev/null && gone=1
	[ ! -e "$tmp/$1.port" ] || gone=1
	is "0 0" "$rc $gone" "$1: SIGTERM stops it with exit 0"
}

# get FILE ARG...: GET base with the -d/--data-urlencode ARGs, body to FILE;
# prints the HTTP status, returns curl's exit status.
get() {
	out=$1
	shift
	curl -sS -G -o "$out" -w '%{http_code}' "$@" "$base"
}

oai_error() { # FILE -> the OAI error code, if any
	sed -n 's/.*<error code="\([A-Za-z]*\)".*/\1/p' "$1"
}

records() {
	grep -c '<record>' "$1"
}

token_of() { # FILE -> its resumptionToken, trimmed; empty for none or <.../>
	tr '\n' ' ' <"$1" |
		sed -n 's:.*<resumptionToken[^>/]*>\(.*\)</resumptionToken>.*:\1:p' |
		sed 's/^[[:space:]]*//; s/[[:space:]]*$//'
}

# walk PREFIX: follow a ListRecords list; sets $pages, $nrec and $tokens.
walk() {
	pages=0 nrec=0 tokens=
	get "$tmp/page" -d verb=ListRecords -d "metadataPrefix=$1" >/dev/null || return 1
	while [ "$pages" -lt 20 ]; do
		pages=$((pages + 1))
		nrec=$((nrec + $(records "$tmp/page")))
		tok=$(token_of "$tmp/page")
		[ -n "$tok" ] || return 0
		tokens="$tokens|$tok"
		get "$tmp/page" -d verb=ListRecords --data-urlencode "resumptionToken=$tok" \
			>/dev/null || return 1
	done
	return 1
}

# --- basic: routing, the protocol checks and the log. ---
start basic basic
case $port in
*[!0-9]* | '') ;;
*) ok 0 "basic: the port file holds a port number ($port)" ;;
esac
if command -v ss >/dev/null 2>&1; then
	addr=$(ss -ltnH "sport = :$port" | awk '{print $4}')
	is "127.0.0.1:$port" "$addr" "basic: listens on 127.0.0.1 only"
fi
s=$(get "$tmp/r" -d verb=Identify)
is 200 "$s" "basic: Identify answers 200"
has "$tmp/r" '<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>' "basic: seconds granularity"
has "$tmp/r" '<deletedRecord>persistent</deletedRecord>' "basic: deletedRecord persistent"
ctype=$(curl -sS -o /dev/null -w '%{content_type}' "$base?verb=Identify")
is 'text/xml; charset=utf-8' "$ctype" "basic: Content-Type"
get "$tmp/r" -d verb=ListMetadataFormats >/dev/null
has "$tmp/r" '<metadataPrefix>iso19139</metadataPrefix>' "basic: ListMetadataFormats"
get "$tmp/r" -d verb=ListSets >/dev/null
has "$tmp/r" '<setSpec>RADAR</setSpec>' "basic: ListSets"
walk iso19139
ok $? "basic: the list ends"
is "5 20 |2|3|4|5" "$pages $nrec $tokens" "basic: 5 pages, 20 records, tokens 2..5"
has "$tmp/page" '<resumptionToken completeListSize="20" cursor="16"/>' \
	"basic: the last page has an empty token"
get "$tmp/r" -d verb=ListRecords -d resumptionToken=3 >/dev/null
is 1 "$(grep -c 'status="deleted"' "$tmp/r")" "basic: page 3 has one deleted record"
get "$tmp/r" -d verb=ListIdentifiers -d resumptionToken=2 >/dev/null
is 4 "$(records "$tmp/r")" "basic: ListIdentifiers uses the same pages"
curl -sS -o "$tmp/r" --data 'verb=ListRecords&resumptionToken=4' "$base"
is 4 "$(records "$tmp/r")" "basic: POST form works"
get "$tmp/r" -d verb=GetRecord -d identifier=urn:x -d metadataPrefix=iso19139 >/dev/null
has "$tmp/r" '<GetRecord>' "basic: GetRecord"
get "$tmp/r" -d verb=GetRecord -d metadataPrefix=iso19139 >/dev/null
is badArgument "$(oai_error "$tmp/r")" "basic: GetRecord without identifier: badArgument"
for a in metadataPrefix=iso19139 set=SYNOP from=2026-11-01 until=2026-11-01; do
	s=$(get "$tmp/r" -d verb=ListRecords -d resumptionToken=2 -d "$a")
	is "200 badArgument" "$s $(oai_error "$tmp/r")" "basic: resumptionToken with $a: badArgument"
done
get "$tmp/r" -d verb=ListRecords >/dev/null
is badArgument "$(oai_error "$tmp/r")" "basic: ListRecords without metadataPrefix: badArgument"
get "$tmp/r" -d verb=ListRecords -d metadataPrefix=oai_dc >/dev/null
is cannotDisseminateFormat "$(oai_error "$tmp/r")" "basic: unknown prefix"
get "$tmp/r" -d verb=ListRecords -d metadataPrefix=iso19139 -d from=2026-11-01T00:00:00Z \
	>/dev/null
is 4 "$(records "$tmp/r")" "basic: from in seconds is accepted"
for t in 6 nope; do
	get "$tmp/r" -d verb=ListRecords -d "resumptionToken=$t" >/dev/null
	is badResumptionToken "$(oai_error "$tmp/r")" "basic: token $t: badResumptionToken"
done
get "$tmp/r" -d verb=Identify -d verb=Identify >/dev/null
is badArgument "$(oai_error "$tmp/r")" "basic: a repeated argument: badArgument"
get "$tmp/r" >/dev/null
is badVerb "$(oai_error "$tmp/r")" "basic: no verb: badVerb"
get "$tmp/r" -d verb=Dance >/dev/null
is badVerb "$(oai_error "$tmp/r")" "basic: unknown verb: badVerb"
stop basic
is "1 GET Identify verb=Identify" "$(sed -n 1p "$log")" "basic: log line 1"
awk '$1 != NR { bad = 1 } END { exit bad }' "$log"
ok $? "basic: log lines are numbered 1, 2, 3..."
grep -Eq '^[0-9]+ GET ListRecords verb=ListRecords&resumptionToken=2$' "$log"
ok $? "basic: log line for a token request"
grep -Eq '^[0-9]+ POST ListRecords verb=ListRecords&resumptionToken=4$' "$log"
ok $? "basic: log line for the POST"
grep -Eq '^[0-9]+ GET Identify verb=Identify&verb=Identify$' "$log"
ok $? "basic: the log keeps repeated arguments"
grep -Eq '^[0-9]+ GET - -$' "$log"
ok $? "basic: a request without arguments logs - -"

# --- tokens: + / = space @, through tokens.txt, sent percent-encoded. ---
start tokens tokens
walk iso19139
ok $? "tokens: the list ends"
is "5 20" "$pages $nrec" "tokens: 5 pages, 20 records"
is "|2+Zm9v/YmFy== p@2|3+Zm9v/YmFy== p@3|4+Zm9v/YmFy== p@4|5+Zm9v/YmFy== p@5" \
	"$tokens" "tokens: the tokens, page 2's trimmed"
get "$tmp/r" -d verb=ListRecords -d resumptionToken=2 >/dev/null
has "$tmp/r" '<request verb="ListRecords" resumptionToken="2+Zm9v' \
	"tokens: page 2 (the file the numeric token names)"
curl -sS -o "$tmp/r" "$base?verb=ListRecords&resumptionToken=3+Zm9v/YmFy==+p@3"
is badResumptionToken "$(oai_error "$tmp/r")" "tokens: an unencoded + decodes as a space"
curl -sS -o "$tmp/r" --data-urlencode verb=ListRecords \
	--data-urlencode 'resumptionToken=4+Zm9v/YmFy== p@4' "$base"
is 4 "$(records "$tmp/r")" "tokens: an encoded token in a POST form"
stop tokens
has "$log" 'GET ListRecords verb=ListRecords&resumptionToken=3+Zm9v/YmFy== p@3' \
	"tokens: the log shows the decoded token"
has "$log" 'POST ListRecords verb=ListRecords&resumptionToken=4+Zm9v/YmFy== p@4' \
	"tokens: the log shows the decoded POST token"

# --- The other sets. ---
start malformed malformed-p3
get "$tmp/r" -d verb=ListRecords -d resumptionToken=3 >/dev/null
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/r" 2>/dev/null
	is 1 $? "malformed-p3: page 3 is not well-formed"
fi
grep -q '</OAI-PMH>' "$tmp/r"
is 1 $? "malformed-p3: page 3 is cut short"
get "$tmp/r" -d verb=ListRecords -d resumptionToken=4 >/dev/null
is 4 "$(records "$tmp/r")" "malformed-p3: page 4 is whole"
stop malformed

start oai-error oai-error-p3
get "$tmp/r" -d verb=ListRecords -d resumptionToken=3 >/dev/null
is badResumptionToken "$(oai_error "$tmp/r")" "oai-error-p3: page 3 is an OAI error"
stop oai-error

start repeat repeat-token
get "$tmp/r" -d verb=ListRecords -d resumptionToken=2 >/dev/null
is 2 "$(token_of "$tmp/r")" "repeat-token: page 2 hands back token 2"
stop repeat

start nrm norecordsmatch
get "$tmp/r" -d verb=ListRecords -d metadataPrefix=iso19139 >/dev/null
is noRecordsMatch "$(oai_error "$tmp/r")" "norecordsmatch: ListRecords"
stop nrm

start day day-granularity
get "$tmp/r" -d verb=Identify >/dev/null
has "$tmp/r" '<granularity>YYYY-MM-DD</granularity>' "day-granularity: Identify"
get "$tmp/r" -d verb=ListRecords -d metadataPrefix=iso19139 -d from=2026-11-01T00:00:00Z \
	>/dev/null
is badArgument "$(oai_error "$tmp/r")" "day-granularity: from in seconds: badArgument"
get "$tmp/r" -d verb=ListRecords -d metadataPrefix=iso19139 -d from=2026-11-01 >/dev/null
has "$tmp/r" '<datestamp>2026-11-01</datestamp>' "day-granularity: day datestamps"
walk iso19139
is "5 20" "$pages $nrec" "day-granularity: 5 pages, 20 records"
stop day

start notok no-token-end
walk iso19139
is "5 20" "$pages $nrec" "no-token-end: 5 pages, 20 records"
grep -q '<resumptionToken' "$tmp/page"
is 1 $? "no-token-end: the last page has no resumptionToken"
stop notok

start empty empty-page-token
get "$tmp/r" -d verb=ListRecords -d resumptionToken=6 >/dev/null
is "0 7" "$(records "$tmp/r") $(token_of "$tmp/r")" "empty-page-token: page 6: no records, token 7"
get "$tmp/r" -d verb=ListRecords -d resumptionToken=7 >/dev/null
is badResumptionToken "$(oai_error "$tmp/r")" "empty-page-token: token 7 leads nowhere"
stop empty

start upper prefix-upper
get "$tmp/r" -d verb=ListMetadataFormats >/dev/null
has "$tmp/r" '<metadataPrefix>ISO19139</metadataPrefix>' "prefix-upper: formats"
get "$tmp/r" -d verb=ListRecords -d metadataPrefix=iso19139 >/dev/null
is cannotDisseminateFormat "$(oai_error "$tmp/r")" "prefix-upper: iso19139 is refused"
walk ISO19139
is "5 20" "$pages $nrec" "prefix-upper: ISO19139 gets 5 pages, 20 records"
stop upper

# --- Status faults: counted, then normal service. ---
start s503 basic --fault 503:2
s1=$(get "$tmp/r" -D "$tmp/h" -d verb=Identify)
has "$tmp/h" 'Retry-After: 1' "503: Retry-After: 1"
s2=$(get "$tmp/r" -d verb=Identify)
s3=$(get "$tmp/r" -d verb=Identify)
is "503 503 200" "$s1 $s2 $s3" "503:2: two 503s, then success"
stop s503
is 3 "$(grep -c '' "$log")" "503: every attempt is logged"

start status basic --fault 503-date:1:1 --fault 503-bare:1:2 --fault 429:1:3 --fault 500:1:4
s=$(get "$tmp/r" -d verb=Identify)
is 200 "$s" "page-filtered status faults leave Identify alone"
s=$(get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d metadataPrefix=iso19139)
is 503 "$s" "503-date: 503"
grep -Eq '^Retry-After: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT' "$tmp/h"
ok $? "503-date: Retry-After is an HTTP-date"
s=$(get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d resumptionToken=2)
grep -qi '^Retry-After' "$tmp/h"
is "503 1" "$s $?" "503-bare: 503 without Retry-After"
s=$(get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d resumptionToken=3)
grep -q '^Retry-After: 1' "$tmp/h"
is "429 0" "$s $?" "429: 429 with Retry-After: 1"
s=$(get "$tmp/r" -d verb=ListRecords -d resumptionToken=4)
is 500 "$s" "500: plain 500"
walk iso19139
is "5 20" "$pages $nrec" "after their counts the pages are served"
stop status

# --- Body faults. ---
start body basic --fault slow:2:1000 --fault truncate:3:1 --fault truncate-close:4 \
	--fault gzip:1 --fault gzip-bomb:5
t=$(curl -sS -o "$tmp/r" -w '%{time_total}' "$base?verb=ListRecords&resumptionToken=2")
slow=$(echo "$t" | awk '{ print ($1 >= 0.9 && $1 < 5) ? 0 : 1 }')
is "0 4" "$slow $(records "$tmp/r")" "slow:2:1000: whole page in about 1 s ($t s)"
get "$tmp/r" -d verb=ListRecords -d resumptionToken=3 >/dev/null 2>&1
is 18 $? "truncate:3:1: curl sees a partial transfer (18)"
get "$tmp/r" -d verb=ListRecords -d resumptionToken=3 >/dev/null 2>&1
is "0 4" "$? $(records "$tmp/r")" "truncate:3:1: the retry gets the whole page"
full=$(wc -c <"$here/basic/page-4.xml")
get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d resumptionToken=4 >/dev/null 2>&1
rc=$?
got=$(wc -c <"$tmp/r")
is "0 $((full / 2))" "$rc $got" "truncate-close: curl succeeds with half the body"
grep -qi '^Content-Length' "$tmp/h"
is 1 $? "truncate-close: no Content-Length"
grep -q '</OAI-PMH>' "$tmp/r"
is 1 $? "truncate-close: the document is cut"
get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d metadataPrefix=iso19139 >/dev/null
has "$tmp/h" 'Content-Encoding: gzip' "gzip: Content-Encoding: gzip"
curl -sS --compressed -o "$tmp/r" "$base?verb=ListRecords&metadataPrefix=iso19139"
is 4 "$(records "$tmp/r")" "gzip: curl --compressed gets the page"
get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d resumptionToken=5 >/dev/null
has "$tmp/h" 'Content-Encoding: gzip' "gzip-bomb: Content-Encoding: gzip"
size=$(wc -c <"$tmp/r")
[ "$size" -lt 1000000 ]
ok $? "gzip-bomb: $size bytes on the wire"
if command -v gzip >/dev/null 2>&1; then
	big=$(gzip -dc <"$tmp/r" | wc -c)
	[ "$big" -gt 200000000 ]
	ok $? "gzip-bomb: inflates to $big bytes"
fi
stop body

# --- Redirects. ---
start redir basic --fault redirect-file:1 --fault redirect-ftp:2 --fault redirect-ok:3
s=$(get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d metadataPrefix=iso19139)
grep -q '^Location: file:///etc/passwd' "$tmp/h"
is "302 0" "$s $?" "redirect-file: 302 to file:///etc/passwd"
curl -sSL -o /dev/null "$base?verb=ListRecords&metadataPrefix=iso19139" 2>/dev/null
is 1 $? "redirect-file: curl -L refuses (1)"
s=$(get "$tmp/r" -D "$tmp/h" -d verb=ListRecords -d resumptionToken=2)
grep -q '^Location: ftp://127.0.0.1/x' "$tmp/h"
is "302 0" "$s $?" "redirect-ftp: 302 to ftp://127.0.0.1/x"
u=$(curl -sSL -o "$tmp/r" -w '%{response_code} %{url_effective}' \
	"$base?verb=ListRecords&resumptionToken=3")
is "200 http://127.0.0.1:$port/moved?verb=ListRecords&resumptionToken=3 4" \
	"$u $(records "$tmp/r")" "redirect-ok: 301 to /moved, then the page"
stop redir

"$FAKE_OAI" --dir "$here/basic" --port-file "$tmp/x.port" --fault nonsense:1 2>/dev/null
is 2 $? "a bad --fault is a usage error (2)"

echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]
