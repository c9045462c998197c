#!/bin/sh
# Regenerate the fixture sets beside this script from the record template
# fixtures/iso19139/variants/canonical-global.xml.  The output is kept in
# git; rerun this only after changing it or the template:
#
#   sh tests/helpers/fake_oai/gen-fixtures.sh
#
# Records are numbered 1..20: identifier urn:x-wmo:md:int.wmo.wis::SMAAnnEGRR,
# datestamp 2026-11-01T(nn-1):00:00Z (or 2026-11-nn with day granularity),
# odd records in set SYNOP and even ones in RADAR, record 10 deleted.
# Pages hold 4 records each, so page N has records 4N-3..4N.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
top=$(CDPATH='' cd -- "$here/../../.." && pwd)
template=$top/fixtures/iso19139/variants/canonical-global.xml
[ -r "$template" ] || {
	echo "gen-fixtures.sh: $template: not found" >&2
	exit 1
}

RESPONSE_DATE=2026-11-02T00:00:00Z
BASE_URL=http://127.0.0.1/oai
DELETED=10
TOTAL=20
PAGES=5

envelope_open() { # VERB REQUEST-ATTRIBUTES
	cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
  <responseDate>$RESPONSE_DATE</responseDate>
  <request verb="$1"$2>$BASE_URL</request>
EOF
}

envelope_close() {
	echo '</OAI-PMH>'
}

datestamp() { # I GRANULARITY
	if [ "$2" = day ]; then
		printf '2026-11-%02d' "$1"
	else
		printf '2026-11-01T%02d:00:00Z' $(($1 - 1))
	fi
}

setspec() { # I
	if [ $(($1 % 2)) -eq 1 ]; then echo SYNOP; else echo RADAR; fi
}

record() { # I GRANULARITY
	id=$(printf 'SMAA%02dEGRR' "$1")
	status=
	[ "$1" -ne "$DELETED" ] || status=' status="deleted"'
	cat <<EOF
    <record>
      <header$status>
        <identifier>urn:x-wmo:md:int.wmo.wis::$id</identifier>
        <datestamp>$(datestamp "$1" "$2")</datestamp>
        <setSpec>$(setspec "$1")</setSpec>
      </header>
EOF
	if [ -z "$status" ]; then
		echo '      <metadata>'
		sed -e 1d -e "s/SMAA01EGRR/$id/g" \
			-e "s/SMAA01 EGRR/$(printf 'SMAA%02d EGRR' "$1")/g" \
			-e 's/^/        /' "$template"
		echo '      </metadata>'
	fi
	echo '    </record>'
}

# page OUT N PREFIX GRANULARITY REQUEST-TOKEN TOKEN-ELEMENT [FIRST LAST]
# An empty REQUEST-TOKEN means the list's first request (with PREFIX).
page() {
	out=$1 n=$2 prefix=$3 gran=$4 reqtok=$5 tokel=$6
	first=${7:-$((4 * n - 3))} last=${8:-$((4 * n))}
	if [ -z "$reqtok" ]; then
		attrs=" metadataPrefix=\"$prefix\""
	else
		attrs=" resumptionToken=\"$reqtok\""
	fi
	{
		envelope_open ListRecords "$attrs"
		echo '  <ListRecords>'
		i=$first
		while [ "$i" -le "$last" ]; do
			record "$i" "$gran"
			i=$((i + 1))
		done
		[ -z "$tokel" ] || printf '%s\n' "$tokel"
		echo '  </ListRecords>'
		envelope_close
	} >"$out"
}

token_element() { # N TOKEN -- the token page N hands out
	printf '    <resumptionToken completeListSize="%s" cursor="%s">%s</resumptionToken>' \
		"$TOTAL" $((4 * ($1 - 1))) "$2"
}

last_token_element() {
	printf '    <resumptionToken completeListSize="%s" cursor="%s"/>' \
		"$TOTAL" $((4 * (PAGES - 1)))
}

oai_error() { # OUT VERB REQUEST-ATTRIBUTES CODE MESSAGE
	{
		envelope_open "$2" "$3"
		printf '  <error code="%s">%s</error>\n' "$4" "$5"
		envelope_close
	} >"$1"
}

identify() { # OUT NAME GRANULARITY
	if [ "$3" = day ]; then
		g=YYYY-MM-DD earliest=2026-11-01
	else
		g=YYYY-MM-DDThh:mm:ssZ earliest=2026-11-01T00:00:00Z
	fi
	{
		envelope_open Identify ''
		cat <<EOF
  <Identify>
    <repositoryName>fake_oai $2</repositoryName>
    <baseURL>$BASE_URL</baseURL>
    <protocolVersion>2.0</protocolVersion>
    <adminEmail>wisgov-dev@localhost</adminEmail>
    <earliestDatestamp>$earliest</earliestDatestamp>
    <deletedRecord>persistent</deletedRecord>
    <granularity>$g</granularity>
  </Identify>
EOF
		envelope_close
	} >"$1"
}

formats() { # OUT PREFIX
	{
		envelope_open ListMetadataFormats ''
		cat <<EOF
  <ListMetadataFormats>
    <metadataFormat>
      <metadataPrefix>$2</metadataPrefix>
      <schema>http://www.isotc211.org/2005/gmd/gmd.xsd</schema>
      <metadataNamespace>http://www.isotc211.org/2005/gmd</metadataNamespace>
    </metadataFormat>
  </ListMetadataFormats>
EOF
		envelope_close
	} >"$1"
}

sets() { # OUT
	{
		envelope_open ListSets ''
		cat <<'EOF'
  <ListSets>
    <set>
      <setSpec>SYNOP</setSpec>
      <setName>Surface synoptic observations</setName>
    </set>
    <set>
      <setSpec>RADAR</setSpec>
      <setName>Weather radar products</setName>
    </set>
  </ListSets>
EOF
		envelope_close
	} >"$1"
}

getrecord() { # OUT PREFIX GRANULARITY
	{
		envelope_open GetRecord \
			" identifier=\"urn:x-wmo:md:int.wmo.wis::SMAA01EGRR\" metadataPrefix=\"$2\""
		echo '  <GetRecord>'
		record 1 "$3"
		echo '  </GetRecord>'
		envelope_close
	} >"$1"
}

# The token that asks for page N: plain numbers, or the tokens set's odd ones.
token_for() { # STYLE N
	if [ "$1" = odd ]; then
		printf '%s+Zm9v/YmFy== p@%s' "$2" "$2"
	else
		printf '%s' "$2"
	fi
}

# standard DIR NAME [PREFIX [GRANULARITY [TOKEN-STYLE]]]: the basic set.
standard() {
	dir=$here/$1 name=$2 prefix=${3:-iso19139} gran=${4:-seconds} style=${5:-plain}
	rm -rf "$dir"
	mkdir -p "$dir"
	identify "$dir/identify.xml" "$name" "$gran"
	formats "$dir/formats.xml" "$prefix"
	sets "$dir/sets.xml"
	getrecord "$dir/getrecord.xml" "$prefix" "$gran"
	n=1
	while [ "$n" -le "$PAGES" ]; do
		reqtok=
		[ "$n" -eq 1 ] || reqtok=$(token_for "$style" "$n")
		if [ "$n" -lt "$PAGES" ]; then
			tokel=$(token_element "$n" "$(token_for "$style" $((n + 1)))")
		else
			tokel=$(last_token_element)
		fi
		page "$dir/page-$n.xml" "$n" "$prefix" "$gran" "$reqtok" "$tokel"
		n=$((n + 1))
	done
}

standard basic basic

# tokens: +, /, =, a space and @ in every token, found through tokens.txt;
# page 2 wraps its token in whitespace and newlines.
standard tokens tokens iso19139 seconds odd
: >"$here/tokens/tokens.txt"
n=2
while [ "$n" -le "$PAGES" ]; do
	printf '%s\tpage-%s.xml\n' "$(token_for odd "$n")" "$n" >>"$here/tokens/tokens.txt"
	n=$((n + 1))
done
page "$here/tokens/page-2.xml" 2 iso19139 seconds "$(token_for odd 2)" \
	"$(printf '    <resumptionToken completeListSize="%s" cursor="4">\n      %s  \n    </resumptionToken>' \
		"$TOTAL" "$(token_for odd 3)")"

# malformed-p3: page 3 stops halfway, inside a record.
standard malformed-p3 malformed-p3
f=$here/malformed-p3/page-3.xml
lines=$(wc -l <"$f")
head -n $((lines / 2)) "$f" >"$f.tmp"
mv "$f.tmp" "$f"

standard oai-error-p3 oai-error-p3
oai_error "$here/oai-error-p3/page-3.xml" ListRecords ' resumptionToken="3"' \
	badResumptionToken 'The resumptionToken has expired.'

# repeat-token: page 2 hands back "2", the token that fetched it.
standard repeat-token repeat-token
rm -f "$here/repeat-token/page-3.xml" "$here/repeat-token/page-4.xml" \
	"$here/repeat-token/page-5.xml"
page "$here/repeat-token/page-2.xml" 2 iso19139 seconds 2 "$(token_element 2 2)"

d=$here/norecordsmatch
rm -rf "$d"
mkdir -p "$d"
identify "$d/identify.xml" norecordsmatch seconds
formats "$d/formats.xml" iso19139
oai_error "$d/page-1.xml" ListRecords ' metadataPrefix="iso19139"' noRecordsMatch \
	'No records match the request.'

standard day-granularity day-granularity iso19139 day

standard no-token-end no-token-end
page "$here/no-token-end/page-5.xml" 5 iso19139 seconds 5 ''

# empty-page-token: 20 records on pages 1-5, then a page 6 with no records
# whose token (7) leads nowhere.
standard empty-page-token empty-page-token
page "$here/empty-page-token/page-5.xml" 5 iso19139 seconds 5 "$(token_element 5 6)"
page "$here/empty-page-token/page-6.xml" 6 iso19139 seconds 6 \
	"$(printf '    <resumptionToken completeListSize="%s" cursor="%s">7</resumptionToken>' \
		"$TOTAL" "$TOTAL")" 1 0

standard prefix-upper prefix-upper ISO19139
