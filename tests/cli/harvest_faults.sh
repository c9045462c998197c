#!/bin/sh
# The OAI-PMH harvester against a provider that misbehaves on purpose
# (tests/helpers/fake-oai): every fault either is recovered from, or stops
# the run with a message naming the source, the page and the cause --
# and in every case nothing already stored is lost and the next run
# resumes where the last one stopped.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
: "${FAKE_OAI:?run through make check}" "${top_srcdir:?}"
need curl
scratch
S=$top_srcdir/tests/helpers/fake_oai
fpid=

start_fake() {
	# start_fake SET [FAULT...]: serve fixture set SET, base URL in $base
	set_=$1
	shift
	rm -f "$tmp/port" "$tmp/log"
	fa=
	for f in "$@"; do
		fa="$fa --fault $f"
	done
	case $set_ in
	/*) dir_=$set_ ;;
	*) dir_=$S/$set_ ;;
	esac
	# shellcheck disable=SC2086 # one word per --fault argument
	"$FAKE_OAI" --dir "$dir_" --port-file "$tmp/port" --log "$tmp/log" $fa 2>>"$tmp/fake.err" &
	fpid=$!
	n=0
	while [ ! -s "$tmp/port" ] && [ "$n" -lt 100 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	base=http://127.0.0.1:$(cat "$tmp/port")/oai
}

stop_fake() {
	[ -n "$fpid" ] && kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
	fpid=
}
trap 'stop_fake; rm -rf "$tmp"' EXIT

# Every store starts with two records from elsewhere, which no fault may touch.
mkdir -p "$tmp/spool"
cp "$FIXTURES/iso19139/variants/scope-originating.xml" "$tmp/spool/a.xml"
sed 's/SMAA01EGRR/XXXX01EGRR/g' "$FIXTURES/iso19139/variants/canonical-global.xml" >"$tmp/spool/b.xml"
fresh_db() {
	rm -rf "$tmp/db"
	"$WISGOV" harvest --db "$tmp/db" -q "dir:$tmp/spool" || echo "spool harvest failed"
	"$WISGOV" records list --db "$tmp/db" --json --source "dir:$tmp/spool" >"$tmp/before"
}
untouched() {
	"$WISGOV" records list --db "$tmp/db" --json --source "dir:$tmp/spool" >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after"
	ok $? "$1: the records stored before are untouched"
}
count_oai() {
	"$WISGOV" records list --db "$tmp/db" --json --source fake | wc -l | tr -d ' '
}

H="--db $tmp/db --name fake --backoff 0.1 --max-wait 3"
harvest() {
	# shellcheck disable=SC2086 # $H holds several options
	"$WISGOV" harvest $H --json --url "$base" "$@" >"$tmp/out" 2>"$tmp/err"
}

# -- What a healthy provider gives: the reference for the rest.
fresh_db
start_fake basic
harvest
is 0 $? "basic: complete"
contains "$(cat "$tmp/out")" '"pages":5,"records":20,"new":19,"changed":0,"deleted":1,' \
	"basic: 5 pages, 19 new records and a deletion"
is 20 "$(count_oai)" "basic: 20 records stored (a tombstone included)"
is 5 "$(grep -c ' ListRecords ' "$tmp/log")" "basic: one request per page"
is 4 "$(grep ' ListRecords ' "$tmp/log" | grep -c ' verb=ListRecords&resumptionToken=[^&]*$')" \
	"basic: after the first page, only verb and resumptionToken are sent"
"$WISGOV" records list --db "$tmp/db" --json --source fake | sed 's/"last_seen":"[^"]*",//; s/"first_seen":"[^"]*",//; s/"last_changed":"[^"]*",//' >"$tmp/reference"
harvest
contains "$(cat "$tmp/out")" '"unchanged":20,' "basic: a second run finds nothing new (overlap re-harvest)"
contains "$(grep ' ListRecords ' "$tmp/log" | tail -n 5 | head -n 1)" "from=" "basic: the second run asks from the last run's start"
# A source first harvested with --url --name is named again without them.
"$WISGOV" harvest --db "$tmp/db" --json --backoff 0.1 fake >"$tmp/out" 2>"$tmp/err"
is 0 $? "basic: a source harvested with --url --name is harvested again by its name"
contains "$(cat "$tmp/out")" '"source":"fake","complete":true,' "basic: as the same source"
contains "$(cat "$tmp/out")" '"unchanged":20,' "basic: going on from its last run"
contains "$(grep ' ListRecords ' "$tmp/log" | tail -n 5 | head -n 1)" "from=" "basic: from that run's start"
stop_fake
untouched basic

same_as_reference() {
	"$WISGOV" records list --db "$tmp/db" --json --source fake | sed 's/"last_seen":"[^"]*",//; s/"first_seen":"[^"]*",//; s/"last_changed":"[^"]*",//' >"$tmp/now"
	cmp -s "$tmp/reference" "$tmp/now"
	ok $? "$1: the records equal a healthy harvest's"
}

# -- Faults that are recovered from.
for case in "tokens" "basic 503:2" "basic 503-bare:1" "basic 503-date:1" "basic 429:2" \
	"basic 500:2" "basic truncate:3:1" "basic truncate-close:3:1" "basic gzip:2" \
	"basic redirect-ok:2" "basic slow:2:1500" "no-token-end" "empty-page-token" "prefix-upper"; do
	fresh_db
	# shellcheck disable=SC2086 # "SET FAULT" splits on purpose
	start_fake $case
	harvest
	is 0 $? "$case: recovered, complete"
	out_json=$(cat "$tmp/out")
	same_as_reference "$case"
	stop_fake
	if [ "$case" = "basic 503:2" ]; then
		# The run's bytes and retries are journalled as summarised.
		j=$("$WISGOV" journal list --db "$tmp/db" --json | grep '"action":"harvest","object":"fake"' | tail -n 1)
		is "$(echo "$out_json" | sed -n 's/.*"retries":\([0-9]*\),"bytes":\([0-9]*\),.*/\1 \2/p')" \
			"$(echo "$j" | sed -n 's/.*"retries":\([0-9]*\),"bytes":\([0-9]*\)}.*/\1 \2/p')" \
			"503:2: the journal has the run's retries and bytes"
		contains "$j" '"retries":2,"bytes":' "503:2: two retries, journalled"
	fi
	if [ "$case" = empty-page-token ]; then
		is 6 "$(grep -c ' ListRecords ' "$tmp/log")" "empty-page-token: stopped at the page without records"
	fi
done

# -- Faults that stop the run: message, nothing lost, resume.
fail_case() {
	# fail_case "SET FAULT..." PAGE WORDS RECORDS-KEPT
	fresh_db
	# shellcheck disable=SC2086
	start_fake $1
	harvest --retries 2
	is 1 $? "$1: the run stops (exit 1)"
	contains "$(cat "$tmp/err")" "fake: page $2 (http://127.0.0.1:" "$1: the message names the source and page $2"
	contains "$(cat "$tmp/err")" "$3" "$1: and the cause: $3"
	is "$4" "$(count_oai)" "$1: the records of the pages before are kept ($4)"
	untouched "$1"
	stop_fake
}
fail_case "malformed-p3" 3 "gave up after 3 attempts: malformed XML at line" 8
# badResumptionToken restarts the list once (from page 1 again); when the
# restarted list's token dies too, the run stops at its page 3.
fail_case "oai-error-p3" 3 "badResumptionToken again after restarting the list" 8
contains "$(cat "$tmp/err")" "page 3: badResumptionToken; restarting the list" "oai-error-p3: the restart is logged"
contains "$(cat "$tmp/err")" "the next run starts the list from the beginning" "oai-error-p3: and what happens next"
fail_case "repeat-token" 2 "sent back the resumptionToken it was given" 4
fail_case "basic truncate:3" 3 "gave up after 3 attempts: transfer failed" 8
fail_case "basic gzip-bomb:2" 2 "larger than 64.0 MiB after decompression; refused" 4
fail_case "basic redirect-file:2" 2 "refused a redirect to a scheme other than http or https" 4
fail_case "basic 503:10:2" 2 "gave up after 3 attempts: HTTP 503 with Retry-After" 4

# Resume after a failure: the next run continues at the failed page.
fresh_db
start_fake basic truncate:3
harvest --retries 0
is 1 $? "truncate: stops"
"$WISGOV" sources --db "$tmp/db" >"$tmp/src"
contains "$(cat "$tmp/src")" "interrupted run at page 2" "the checkpoint says where to resume"
stop_fake
start_fake basic
harvest
is 0 $? "the next run completes"
contains "$(cat "$tmp/out")" '"resumed":true,"pages":3,' "resuming at page 3: three more pages"
contains "$(cat "$tmp/err")" "the base URL changed from" "a changed base URL is reported"
is 3 "$(grep -c ' ListRecords ' "$tmp/log")" "no page fetched twice"
same_as_reference "after resuming"
stop_fake

# A provider whose old tokens are all dead (expired, or a restarted
# provider): the tokens set, but its pages are reachable only through the
# tokens in tokens.txt, so the numeric tokens of the basic set are refused.
rm -rf "$tmp/newtok"
mkdir "$tmp/newtok"
cp "$S/tokens/identify.xml" "$S/tokens/formats.xml" "$S/tokens/page-1.xml" "$tmp/newtok/"
for n in 2 3 4 5; do
	cp "$S/tokens/page-$n.xml" "$tmp/newtok/t-$n.xml"
done
sed 's/\tpage-\([0-9]\)\.xml$/\tt-\1.xml/' "$S/tokens/tokens.txt" >"$tmp/newtok/tokens.txt"
first_list() {
	# first_list: the first ListRecords request of the last run of the fake
	grep ' ListRecords ' "$tmp/log" | head -n 1
}

# A token that dies every time: the run stops with a message naming the
# source and the page, and forgets the dead token, so the next run starts
# the list from the beginning rather than being stuck on it for ever.
fresh_db
start_fake oai-error-p3
harvest --retries 0
is 1 $? "dead token: the run stops"
contains "$(cat "$tmp/err")" "fake: page 3 (http://127.0.0.1:" "dead token: the message names the source and the page"
contains "$(cat "$tmp/err")" "badResumptionToken again after restarting the list" "dead token: and the cause"
contains "$(cat "$tmp/out")" '"complete":false,' "dead token: reported incomplete"
"$WISGOV" sources --db "$tmp/db" >"$tmp/src"
ok "$(grep -q 'interrupted run' "$tmp/src" && echo 1 || echo 0)" "dead token: no interrupted run left to resume"
stop_fake
start_fake "$tmp/newtok"
harvest
is 0 $? "dead token: the next run completes once the provider behaves"
contains "$(cat "$tmp/out")" '"resumed":false,"pages":5,' "dead token: the next run starts from the beginning"
contains "$(first_list)" "metadataPrefix=iso19139" "dead token: its first request lists from the start"
same_as_reference "dead token, next run"
stop_fake
fresh_db
start_fake oai-error-p3
harvest --retries 0
stop_fake
start_fake "$tmp/newtok"
harvest --full
is 0 $? "dead token: a --full run completes too"
contains "$(cat "$tmp/out")" '"resumed":false,"pages":5,' "dead token: --full starts from the beginning"
stop_fake

# --full never resumes an interrupted run's token: an incremental run's
# list (with from) is not the complete list.
fresh_db
start_fake basic
harvest
stop_fake
start_fake basic truncate:3
harvest --retries 0
is 1 $? "--full after an interrupted run: the interrupted run stops at page 3"
stop_fake
start_fake basic
harvest --full
is 0 $? "--full after an interrupted run: completes"
contains "$(cat "$tmp/out")" '"resumed":false,"pages":5,' "--full after an interrupted run: lists all five pages"
contains "$(first_list)" "metadataPrefix=iso19139" "--full after an interrupted run: starts with metadataPrefix"
ok "$(first_list | grep -q 'from=' && echo 1 || echo 0)" "--full after an interrupted run: and without from"
stop_fake

# A token that expires mid-list: the list restarts once, and the summary
# counts the restarted list as the journal does (the eight records of pages
# 1-2 were new before the restart and are unchanged in the restarted list).
fresh_db
start_fake basic badtoken:1:3
harvest
is 0 $? "an expired token: the restarted list completes"
contains "$(cat "$tmp/out")" '"pages":5,"records":20,"new":11,"changed":0,"deleted":1,"restored":0,"unchanged":8,' \
	"an expired token: the summary counts the restarted list"
j=$("$WISGOV" journal list --db "$tmp/db" --json | grep '"action":"harvest","object":"fake"' | tail -n 1)
contains "$j" '"pages":5,"records":20,"new":11,"changed":0,"deleted":1,"restored":0,"unchanged":8,' \
	"an expired token: and so does the journal"
same_as_reference "an expired token"
stop_fake

# A resumed token that died is restarted once, and the restarted list is
# counted from page 1: --max-pages 5 is enough for the five pages.
fresh_db
start_fake basic truncate:3
harvest --retries 0
stop_fake
start_fake "$tmp/newtok"
harvest --max-pages 5
is 0 $? "restart of a resumed run: completes within --max-pages 5"
contains "$(cat "$tmp/err")" "page 3: badResumptionToken; restarting the list" "restart of a resumed run: logged"
"$WISGOV" journal list --db "$tmp/db" --json | grep '"harvest"' | grep '"fake"' | tail -n 1 >"$tmp/j"
contains "$(cat "$tmp/j")" '"pages":5,' "restart of a resumed run: the journal counts the five pages of the restarted list"
same_as_reference "restart of a resumed run"
stop_fake

# Day granularity: from is sent as YYYY-MM-DD, which the provider checks.
fresh_db
start_fake day-granularity
harvest && harvest
is 0 $? "day granularity: two runs complete"
contains "$(grep ' ListRecords ' "$tmp/log" | grep from= | head -n 1)" "from=2026-" "from is sent"
ok "$(grep ' ListRecords ' "$tmp/log" | grep -q 'from=[^&]*T' && echo 1 || echo 0)" \
	"from has day granularity, as Identify says"
stop_fake

# An empty result is a success.
fresh_db
start_fake norecordsmatch
harvest
is 0 $? "noRecordsMatch: an empty, complete run"
contains "$(cat "$tmp/out")" '"records":0,' "with no records"
stop_fake

# A slow provider beyond --timeout: the transfer is abandoned and retried.
fresh_db
start_fake basic slow:2:3000
harvest --timeout 1 --retries 0
is 1 $? "slow: a transfer over --timeout fails"
contains "$(cat "$tmp/err")" "page 2" "and names the page"
stop_fake

# A provider that does not report deletions (deletedRecord no): a --full
# run deletes what it no longer lists; one that lost most of its list
# deletes nothing and says so.
mk_set() {
	# mk_set NAME: a copy of the basic set whose provider keeps no deletions
	rm -rf "${tmp:?}/$1"
	cp -r "$S/basic" "$tmp/$1"
	sed -i 's|<deletedRecord>persistent</deletedRecord>|<deletedRecord>no</deletedRecord>|' "$tmp/$1/identify.xml"
}
mk_set nodel
mk_set nodel-shrunk
# SMAA05EGRR (first record of page 2) is no longer listed.
awk '/<record>/ { buf = ""; inrec = 1 }
	inrec { buf = buf $0 "\n"; if (/<\/record>/) { inrec = 0; if (buf !~ /SMAA05EGRR/) printf "%s", buf }; next }
	{ print }' "$S/basic/page-2.xml" >"$tmp/nodel-shrunk/page-2.xml"
mk_set nodel-lost
sed 's|<resumptionToken[^>]*>[^<]*</resumptionToken>|<resumptionToken/>|' "$S/basic/page-1.xml" >"$tmp/nodel-lost/page-1.xml"

fresh_db
start_fake "$tmp/nodel"
harvest
is 0 $? "deletedRecord no: first harvest"
stop_fake
start_fake "$tmp/nodel-shrunk"
harvest
contains "$(cat "$tmp/out")" '"deleted":0,' "an incremental run cannot see the record that left"
harvest --full
is 0 $? "a --full run completes"
contains "$(cat "$tmp/out")" '"deleted":1,' "and deletes the record no longer listed"
contains "$(cat "$tmp/err")" "1 records no longer listed are deleted (deletedRecord no)" "and says why"
contains "$("$WISGOV" records show --db "$tmp/db" urn:x-wmo:md:int.wmo.wis::SMAA05EGRR)" "(deleted)" \
	"SMAA05EGRR is deleted"
untouched "reconciliation"
stop_fake
start_fake "$tmp/nodel-lost"
harvest --full
is 0 $? "a --full run of a provider that lost most records completes"
contains "$(cat "$tmp/out")" '"deleted":0,' "but deletes nothing"
contains "$(cat "$tmp/err")" "the complete list lacks 14 of 18 records; not deleting them" \
	"and warns about a mass deletion (of the 18 records not already deleted)"
stop_fake

# Records not listed are deleted only when the list really ended: the last
# page had an absent or empty resumptionToken.
deleted_oai() {
	"$WISGOV" records list --db "$tmp/db" --json --source fake --deleted | wc -l | tr -d ' '
}
full_after_nodel() {
	# full_after_nodel SET: a first harvest of nodel, then a --full run of SET
	fresh_db
	start_fake "$tmp/nodel"
	harvest
	stop_fake
	start_fake "$1"
	harvest --full
}
# noRecordsMatch after a token ends the list where the pages before reached
# the announced completeListSize (invenio-app-rdm #2715: the last page was
# exactly full), not before it.
mk_set nodel-nrm2
cp "$S/norecordsmatch/page-1.xml" "$tmp/nodel-nrm2/page-2.xml"
mk_set nodel-nrm5
cp "$S/norecordsmatch/page-1.xml" "$tmp/nodel-nrm5/page-5.xml"
full_after_nodel "$tmp/nodel-nrm2"
is 1 $? "noRecordsMatch on page 2 of a --full list: the run fails"
contains "$(cat "$tmp/out")" '"complete":false,' "noRecordsMatch on page 2: reported incomplete"
contains "$(cat "$tmp/out")" '"deleted":0,' "noRecordsMatch on page 2: nothing deleted"
contains "$(cat "$tmp/err")" "fake: page 2 (http://127.0.0.1:" "noRecordsMatch on page 2: the message names the page"
contains "$(cat "$tmp/err")" "noRecordsMatch after 4 of the 20 records the list announced" "noRecordsMatch on page 2: and the cause"
is 1 "$(deleted_oai)" "noRecordsMatch on page 2: only the record the provider deleted is deleted"
"$WISGOV" sources --db "$tmp/db" >"$tmp/src"
ok "$(grep -q 'interrupted run' "$tmp/src" && echo 1 || echo 0)" "noRecordsMatch on page 2: no interrupted run left to resume"
untouched "noRecordsMatch on page 2"
stop_fake
full_after_nodel "$tmp/nodel-nrm5"
is 1 $? "noRecordsMatch on page 5 of a --full list: the run fails"
contains "$(cat "$tmp/out")" '"complete":false,' "noRecordsMatch on page 5: reported incomplete"
is 1 "$(deleted_oai)" "noRecordsMatch on page 5: the records of page 5 are not deleted"
stop_fake
start_fake "$tmp/nodel"
harvest
is 0 $? "noRecordsMatch on page 5: the next run completes once the provider behaves"
contains "$(cat "$tmp/out")" '"resumed":false,"pages":5,' "noRecordsMatch on page 5: the next run starts from the beginning"
stop_fake
# The last page full, its token answered with noRecordsMatch: the list
# ended (cursor 16 + 4 records = completeListSize 20), so a --full run
# completes and deletes what it no longer lists (SMAA05EGRR).
mk_set nodel-exact
cp "$tmp/nodel-shrunk/page-2.xml" "$tmp/nodel-exact/page-2.xml"
sed -i 's|<resumptionToken completeListSize="20" cursor="16"/>|<resumptionToken completeListSize="20" cursor="16">6</resumptionToken>|' \
	"$tmp/nodel-exact/page-5.xml"
cp "$S/norecordsmatch/page-1.xml" "$tmp/nodel-exact/page-6.xml"
full_after_nodel "$tmp/nodel-exact"
is 0 $? "noRecordsMatch after the last full page: the run completes"
contains "$(cat "$tmp/out")" '"complete":true,"resumed":false,"pages":6,' "noRecordsMatch after the last full page: six pages, complete"
contains "$(cat "$tmp/out")" '"deleted":1,' "noRecordsMatch after the last full page: the unlisted record is deleted"
stop_fake
# The same without completeListSize: taken as the end (the run completes
# and its start becomes the next from), but nothing is deleted on a guess.
mk_set nodel-nosize
cp "$tmp/nodel-exact/page-"*.xml "$tmp/nodel-nosize/"
sed -i 's| completeListSize="20"||' "$tmp/nodel-nosize/page-"*.xml
full_after_nodel "$tmp/nodel-nosize"
is 0 $? "noRecordsMatch after a token, no completeListSize: the run completes"
contains "$(cat "$tmp/out")" '"complete":true,' "no completeListSize: reported complete"
contains "$(cat "$tmp/out")" '"deleted":0,' "no completeListSize: nothing deleted"
stop_fake
# A page without records that still carries a token stops the harvest (a
# loop guard); short of completeListSize (16 of 20) the list was cut: the
# run fails, is not complete (its start must not become the next from),
# and nothing is deleted.
mk_set nodel-empty5
cp "$S/empty-page-token/page-6.xml" "$tmp/nodel-empty5/page-5.xml"
full_after_nodel "$tmp/nodel-empty5"
is 1 $? "an empty page with a token short of the list size: the run fails"
contains "$(cat "$tmp/out")" '"complete":false,' "an empty page with a token: reported incomplete"
contains "$(cat "$tmp/out")" '"deleted":0,' "an empty page with a token: nothing deleted"
is 1 "$(deleted_oai)" "an empty page with a token: the records of page 5 are not deleted"
contains "$(cat "$tmp/err")" "a page without records but with a resumptionToken after 16 of the 20 records the list announced" \
	"an empty page with a token: and says why"
"$WISGOV" sources --db "$tmp/db" --json | grep '"source":"fake"' >"$tmp/src"
contains "$(cat "$tmp/src")" '"runs":1,' "an empty page with a token: the run is not counted as a complete one"
stop_fake
# Without completeListSize an empty page with a token is taken as the end,
# but nothing is deleted on a guess.
mk_set nodel-empty-nosize
cp "$S/empty-page-token/page-6.xml" "$tmp/nodel-empty-nosize/page-5.xml"
sed -i 's| completeListSize="20"||' "$tmp/nodel-empty-nosize/page-"*.xml
full_after_nodel "$tmp/nodel-empty-nosize"
is 0 $? "an empty page with a token, no completeListSize: the run completes"
contains "$(cat "$tmp/out")" '"deleted":0,' "no completeListSize: nothing deleted on a guess"
contains "$(cat "$tmp/err")" "the end of the list is not confirmed" "and it says why"
stop_fake
# More than half of the records not already deleted missing is a lost
# catalogue: the records of page 1-2, 9 and the deleted 10 are listed, so
# 10 of the 19 live records are missing (10 of 20 if tombstones counted).
mk_set nodel-half
awk '/<record>/ { buf = ""; inrec = 1 }
	inrec { buf = buf $0 "\n"; if (/<\/record>/) { inrec = 0; if (buf !~ /SMAA1[12]EGRR/) printf "%s", buf }; next }
	{ print }' "$S/basic/page-3.xml" |
	sed 's|<resumptionToken[^>]*>[^<]*</resumptionToken>|<resumptionToken/>|' >"$tmp/nodel-half/page-3.xml"
full_after_nodel "$tmp/nodel-half"
contains "$(cat "$tmp/out")" '"deleted":0,' "10 of 19 live records missing: nothing deleted"
contains "$(cat "$tmp/err")" "the complete list lacks 10 of 19 records; not deleting them" \
	"10 of 19 live records missing: a warning (deleted records are not counted)"
stop_fake

done_testing
