#!/bin/sh
# Where records come from: files, directories (recursively, *.xml only,
# in a stable order), standard input, OAI-PMH responses.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
scratch
V=$FIXTURES/iso19139/variants

mkdir -p "$tmp/tree/b" "$tmp/tree/a/deeper" "$tmp/tree/.hidden"
cp "$V/canonical-global.xml" "$tmp/tree/b/2.xml"
cp "$V/policy-missing.xml" "$tmp/tree/a/deeper/1.XML"
cp "$V/scope-datacenter.xml" "$tmp/tree/a/0.xml"
cp "$V/canonical-global.xml" "$tmp/tree/notes.txt"
cp "$V/canonical-global.xml" "$tmp/tree/.hidden/x.xml"
ln -s "$tmp/tree" "$tmp/tree/a/loop"

"$WISGOV" check --json "$tmp/tree" >"$tmp/out" 2>"$tmp/err"
is 1 $? "directory with one failing record exits 1"
files=$(sed 's/^{"file":"\([^"]*\)".*/\1/' "$tmp/out" | sed "s|^$tmp/tree/||" | tr '\n' ' ')
is "a/0.xml a/deeper/1.XML b/2.xml " "$files" \
	"recursion: *.xml in any case, sorted, no hidden files, no symlink loops"

"$WISGOV" check --json - <"$V/canonical-global.xml" >"$tmp/out" 2>"$tmp/err"
is 0 $? "standard input"
contains "$(cat "$tmp/out")" '"file":"-","index":0,"identifier":"urn:x-wmo:md:int.wmo.wis::SMAA01EGRR"' \
	"standard input is reported as -"

"$WISGOV" check --json "$FIXTURES/oai/listrecords-3.xml" >"$tmp/out" 2>"$tmp/err"
is 3 "$(wc -l <"$tmp/out" | tr -d ' ')" "ListRecords response: one report per live record (the deleted one has none)"
contains "$(sed -n 2p "$tmp/out")" '"index":1,' "records are numbered within the file"
contains "$(sed -n 2p "$tmp/out")" '"oai":{"identifier":"urn:x-wmo:md:int.wmo.wis::SMAA01EGRR-bad","datestamp":"2026-11-20T11:00:00Z"}' \
	"each report carries its OAI header"
contains "$(sed -n 2p "$tmp/out")" '"code":"scope-invalid"' "and is judged on its own"
contains "$(sed -n 3p "$tmp/out")" '"scope":"OriginatingCentre"' "third record"

"$WISGOV" check --json "$FIXTURES/oai/getrecord.xml" >"$tmp/out" 2>"$tmp/err"
contains "$(cat "$tmp/out")" '"scope_source":"identifier"' "GetRecord response"

# Quiet mode prints only what needs attention.
"$WISGOV" check -q "$V/canonical-global.xml" "$V/policy-missing.xml" >"$tmp/out" 2>"$tmp/err"
is 1 "$(grep -c ': record ' "$tmp/out")" "-q prints only the failing record"

# Expected flow from the options, against rules/budgets.yaml.
"$WISGOV" check --json --expect-bytes-per-day 2GB "$V/canonical-global.xml" >"$tmp/out"
is 0 $? "an exceptional flow warns but does not fail"
contains "$(cat "$tmp/out")" '"code":"exceptional-flow","severity":"warning","requirement":"Guide 7.7.3"' \
	"--expect-bytes-per-day 2GB is exceptional"
contains "$(cat "$tmp/out")" "GISC Exeter, the principal GISC of EGRR, will review it" \
	"and names the principal GISC that reviews it"
"$WISGOV" check --json --expect-per-day 5000 "$V/canonical-global.xml" >"$tmp/out"
contains "$(cat "$tmp/out")" "an expected 5000 files/day (--expect-per-day)" "--expect-per-day 5000 is exceptional"
"$WISGOV" check --json --expect-bytes-per-day 2GB "$V/scope-originating.xml" >"$tmp/out"
case $(cat "$tmp/out") in
*exceptional-flow*) ok 1 "OriginatingCentre data are not reviewed for global exchange" ;;
*) ok 0 "OriginatingCentre data are not reviewed for global exchange" ;;
esac

# The principal GISC of a WIS 2.0 record: its centre-id, exactly or by its
# country code; sources that disagree are said, retired ids warned about.
wis2() {
	sed "s|urn:x-wmo:md:int.wmo.wis::SMAA01EGRR|urn:wmo:md:$1:synop|" "$V/canonical-global.xml" >"$tmp/wis2.xml"
	"$WISGOV" check --json "$tmp/wis2.xml"
}
out=$(wis2 de-dwd)
contains "$out" '"centre":"EDZW","centre_id":"de-dwd","principal_gisc":"Offenbach","principal_gisc_match":"centre-id"' \
	"de-dwd: Offenbach by its centre-id, and DWD's CCCC"
out=$(wis2 tn-inm)
contains "$out" '"centre":null,"centre_id":"tn-inm","principal_gisc":"Casablanca","principal_gisc_match":"tld"' \
	"tn-inm: Casablanca by the country code tn"
contains "$out" '"code":"principal-gisc-disputed","severity":"info","requirement":null,"message":"the centre table gives Casablanca as the principal GISC of tn-inm, and its sources also name Toulouse' \
	"and the 2020 table's Toulouse is reported"
out=$(wis2 eu-eumetnet-femdi)
contains "$out" '"code":"centre-id-retired","severity":"warning"' "a retired centre-id is warned about"
contains "$out" '"principal_gisc":null,"principal_gisc_match":null' "EUMETNET has no principal GISC"
contains "$out" '"code":"principal-gisc-unknown"' "which is said"
out=$(wis2 zz-nowhere)
contains "$out" '"principal_gisc":null' "an unknown country code: no guess"

done_testing
