#!/bin/sh
# Following a spool directory over several runs: exactly the new, changed
# and deleted records, with history, scope changes journalled, and the
# records commands' filters and JSON members.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
scratch
V=$FIXTURES/iso19139/variants
db=$tmp/db
spool=$tmp/spool
mkdir -p "$spool/synop" "$spool/radar"
cp "$V/canonical-global.xml" "$spool/synop/smaa01.xml"
sed 's/SMAA01EGRR/SMAA02EGRR/g' "$V/canonical-global.xml" >"$spool/synop/smaa02.xml"
cp "$V/scope-originating.xml" "$spool/radar/ukv.xml"
cp "$FIXTURES/hostile/truncated.xml" "$spool/broken.xml"

h() { "$WISGOV" harvest --db "$db" --json "$@" 2>"$tmp/err"; }
field() { sed -n "s/.*\"$1\":\\([^,}]*\\).*/\\1/p"; }

WISGOV_NOW=2026-11-20T00:00:00Z
export WISGOV_NOW
out=$(h "dir:$spool")
is 0 $? "first run completes"
is 3 "$(echo "$out" | field new)" "three new records"
is 1 "$(echo "$out" | field rejected)" "the broken file is rejected"
contains "$(cat "$tmp/err")" "broken.xml:11: Premature end of data" "and reported with file and line"

out=$(h "dir:$spool")
is "0 3" "$(echo "$out" | field new) $(echo "$out" | field unchanged)" "second run: nothing new, three unchanged"

WISGOV_NOW=2026-11-21T00:00:00Z
sed -i 's/WMOEssential/WMOAdditional/' "$spool/synop/smaa02.xml"
rm "$spool/radar/ukv.xml"
sed 's/SMAA01EGRR/SMAA03EGRR/g' "$V/scope-regional-wis-id.xml" >"$spool/synop/smaa03.xml"
touch "$spool/synop/smaa01.xml"
out=$(h "dir:$spool")
is "1 1 1 1" "$(echo "$out" | field new) $(echo "$out" | field changed) $(echo "$out" | field deleted) $(echo "$out" | field unchanged)" \
	"third run: 1 new, 1 changed, 1 deleted, 1 unchanged (touched, same content)"

WISGOV_NOW=2026-11-22T00:00:00Z
sed -i 's/>GlobalExchange</>RegionalExchange</' "$spool/synop/smaa01.xml"
out=$(h "dir:$spool")
is "1 1" "$(echo "$out" | field changed) $(echo "$out" | field scope_changes)" "a scope change is a change, and counted"

list=$("$WISGOV" records list --db "$db" --json)
is 4 "$(echo "$list" | wc -l | tr -d ' ')" "records list: four records, the deleted one included"
rec=$(echo "$list" | grep SMAA02EGRR)
for m in '"identifier":"urn:x-wmo:md:int.wmo.wis::SMAA02EGRR"' '"datestamp":"' '"deleted":false' \
	'"sets":[]' '"scope":"GlobalExchange"' '"scope_source":"keyword"' \
	'"first_seen":"2026-11-20T00:00:00Z"' '"source":"dir:'; do
	contains "$rec" "$m" "records list --json has $m"
done
contains "$(echo "$list" | grep ukv-2km)" '"deleted":true' "the removed file's record is deleted"
is 1 "$("$WISGOV" records list --db "$db" --json --new-since 2026-11-21 | wc -l | tr -d ' ')" \
	"--new-since lists records first seen since then"
is 2 "$("$WISGOV" records list --db "$db" --json --scope RegionalExchange --live | wc -l | tr -d ' ')" \
	"--scope RegionalExchange --live"
is 3 "$("$WISGOV" records list --db "$db" --json --centre egrr | wc -l | tr -d ' ')" "--centre (any case)"
is 1 "$("$WISGOV" records list --db "$db" --json --deleted | wc -l | tr -d ' ')" "--deleted"

show=$("$WISGOV" records show --db "$db" --history urn:x-wmo:md:int.wmo.wis::smaa01egrr)
is 0 $? "records show finds a record in any case"
contains "$show" "scope           RegionalExchange (keyword)" "show: current scope"
contains "$show" "first seen      2026-11-20T00:00:00Z" "show: first seen kept"
is 2 "$(echo "$show" | grep -c '^  2026')" "history: new, then the scope change"
json=$("$WISGOV" records show --db "$db" --history --json urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
contains "$json" '"history":[{"seq":' "show --json carries the history"
"$WISGOV" records show --db "$db" urn:x-wmo:md:int.wmo.wis::NOSUCH >/dev/null 2>"$tmp/err"
is 1 $? "an unknown record exits 1"
contains "$(cat "$tmp/err")" 'no record "urn:x-wmo:md:int.wmo.wis::NOSUCH"' "and says so"

j=$("$WISGOV" journal list --db "$db")
is 4 "$(echo "$j" | grep -c '"action":"harvest"')" "every run is journalled"
contains "$(echo "$j" | grep scope-change)" '"from":"GlobalExchange","to":"RegionalExchange"' \
	"the scope change is journalled with from and to"
"$WISGOV" journal verify --db "$db" >"$tmp/out"
is 0 $? "journal verify"
contains "$(cat "$tmp/out")" "journal verified: 5 entries" "five entries"

# Two files with the same fileIdentifier: removing one does not delete
# the record; removing both does.
mkdir -p "$tmp/dup"
cp "$V/canonical-global.xml" "$tmp/dup/one.xml"
cp "$V/canonical-global.xml" "$tmp/dup/two.xml"
"$WISGOV" harvest --db "$tmp/dupdb" -q "dir:$tmp/dup" 2>"$tmp/err"
contains "$(cat "$tmp/err")" "two.xml holds the identifier urn:x-wmo:md:int.wmo.wis::SMAA01EGRR, as one.xml does" \
	"a duplicated identifier is reported"
rm "$tmp/dup/one.xml"
"$WISGOV" harvest --db "$tmp/dupdb" -q "dir:$tmp/dup" 2>/dev/null
contains "$("$WISGOV" records list --db "$tmp/dupdb" --json)" '"deleted":false' \
	"removing one of two files that hold a record keeps it"
rm "$tmp/dup/two.xml"
"$WISGOV" harvest --db "$tmp/dupdb" -q "dir:$tmp/dup" 2>/dev/null
contains "$("$WISGOV" records list --db "$tmp/dupdb" --json)" '"deleted":true' "removing the last one deletes it"

# A listing that could not be completed deletes nothing: a file it did
# not see may still be there.  Nesting deeper than 64 levels is one such
# listing (root reads every directory, so permissions cannot show it).
mkdir -p "$tmp/deep"
cp "$V/canonical-global.xml" "$tmp/deep/top.xml"
"$WISGOV" harvest --db "$tmp/deepdb" -q "dir:$tmp/deep" 2>/dev/null
rm "$tmp/deep/top.xml"
d=$tmp/deep
i=0
while [ $i -lt 70 ]; do d=$d/n; i=$((i + 1)); done
mkdir -p "$d"
out=$("$WISGOV" harvest --db "$tmp/deepdb" --json "dir:$tmp/deep" 2>"$tmp/err")
is 0 "$(echo "$out" | field deleted)" "an incomplete listing deletes nothing"
contains "$(cat "$tmp/err")" "nested too deep; not listed" "the skipped directory is named"
contains "$(cat "$tmp/err")" "no record is deleted in this run" "and the consequence said"
rm -r "$tmp/deep/n"
out=$("$WISGOV" harvest --db "$tmp/deepdb" --json "dir:$tmp/deep" 2>"$tmp/err")
is 1 "$(echo "$out" | field deleted)" "a complete listing again deletes what is gone"

# Items are keyed by source NUL relative path, and LMDB keys stop at 511
# bytes: a file whose key would be 512 bytes is skipped with a warning, the
# rest of its batch is applied, and one of exactly 511 bytes is kept.
long=$tmp/long
src="dir:$long"
mkdir -p "$long"
# relpath LEN: a relative path of exactly LEN bytes ending in .xml, in
# directories of at most 200 bytes.
relpath() {
	rest=$1 p=
	while [ "$rest" -gt 210 ]; do
		seg=$(printf '%0200d' 0)
		p=$p$seg/
		rest=$((rest - 201))
	done
	printf '%s%s.xml' "$p" "$(printf "%0$((rest - 4))d" 0)"
}
r511=$(relpath $((511 - ${#src} - 1)))
r512=$(relpath $((512 - ${#src} - 1)))
mkdir -p "$long/$(dirname "$r511")" "$long/$(dirname "$r512")"
cp "$V/canonical-global.xml" "$long/$r511"
sed 's/SMAA01EGRR/SMAA09EGRR/g' "$V/canonical-global.xml" >"$long/$r512"
cp "$V/scope-originating.xml" "$long/short.xml"
out=$("$WISGOV" harvest --db "$tmp/longdb" --json "dir:$long" 2>"$tmp/err")
is "0 2 1" "$? $(echo "$out" | field new) $(echo "$out" | field rejected)" \
	"a 512-byte item key: that file is skipped, the others are kept"
contains "$(cat "$tmp/err")" "the item name is too long to keep" "and the skipped file is reported"
out=$("$WISGOV" harvest --db "$tmp/longdb" --json "dir:$long" 2>/dev/null)
is "0 0 2" "$? $(echo "$out" | field deleted) $(echo "$out" | field unchanged)" \
	"the next run deletes nothing and finds both unchanged"

# A scope change's journal details are JSON whatever the source is called.
odd=$tmp/'sp"o\ol'
mkdir -p "$odd"
cp "$V/canonical-global.xml" "$odd/a.xml"
"$WISGOV" harvest --db "$tmp/odddb" -q "dir:$odd" 2>/dev/null
sed -i 's/GlobalExchange/RegionalExchange/' "$odd/a.xml"
touch -d 2030-01-01 "$odd/a.xml"
"$WISGOV" harvest --db "$tmp/odddb" -q "dir:$odd" 2>/dev/null
contains "$("$WISGOV" journal list --db "$tmp/odddb" --json | grep scope-change)" \
	'"details":{"from":"GlobalExchange","to":"RegionalExchange","scope_source":"keyword","source":"dir:'"$tmp"'/sp\"o\\ol"}' \
	"a quote and a backslash in a source name are escaped in the journal"
contains "$("$WISGOV" sources --db "$tmp/odddb" --json)" '{"source":"dir:'"$tmp"'/sp\"o\\ol","checkpoint":{' \
	"and in sources --json"

"$WISGOV" records list --db "$tmp/nowhere" >/dev/null 2>"$tmp/err"
is 2 $? "a store that does not exist exits 2"
contains "$(cat "$tmp/err")" "no store here" "with a clear message"
"$WISGOV" harvest --db "$db" nosuchsource >/dev/null 2>"$tmp/err"
is 2 $? "an unknown source is a usage error"

done_testing
