#!/bin/sh
# Budgets: set, change, list, show, remove; every change journalled with
# who made it; configuration budgets seeded but never over the store's own;
# bad names and thresholds refused.  Estimates before traffic.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
scratch
T=$FIXTURES/traffic
db=$tmp/db
b() { "$WISGOV" budget "$@" --db "$db"; }

WISGOV_NOW=2026-11-21T00:00:00Z "$WISGOV" harvest --db "$db" -q "dir:$T/records"
WISGOV_NOW=2026-11-22T00:00:00Z
export WISGOV_NOW
b set cache --warn 40GB --exceed 50GB
is 0 $? "budget set cache"
b set link:Exeter-Offenbach --warn 8MB --exceed 10MB
is 0 $? "budget set link:Exeter-Offenbach (bytes per second)"
b set centre:egrr --warn 1GB --exceed 2GB
is 0 $? "budget set centre:egrr"
b set record --warn 500MB --exceed 1GB --count-warn 500 --count-exceed 1000
is 0 $? "budget set record with counts"
b set cache --warn 45GB --exceed 60GB
is 0 $? "a budget can be changed"
list=$(b list --json)
is 4 "$(echo "$list" | wc -l | tr -d ' ')" "four budgets"
contains "$list" '"name":"cache","kind":"cache","unit":"bytes/24h","warn":45000000000,"exceed":60000000000,' "the change is kept"
contains "$list" '"name":"centre:EGRR"' "centre names are upper case"
contains "$list" '"count_warn":500,"count_exceed":1000' "record counts"
contains "$(b show link:Exeter-Offenbach)" "link:Exeter-Offenbach" "budget show"
j=$("$WISGOV" journal list --db "$db")
contains "$j" '"action":"budget-set","object":"cache"' "setting is journalled"
contains "$j" '"action":"budget-change","object":"cache","details":{"name":"cache"' "changing is journalled with the new limits"
contains "$(echo "$j" | grep budget-change)" "\"actor\":\"$(id -un)@" "with the actor"
b rm centre:EGRR
is 0 $? "budget rm"
b rm centre:EGRR 2>/dev/null
is 1 $? "removing what is not there exits 1"
contains "$("$WISGOV" journal list --db "$db")" '"action":"budget-remove","object":"centre:EGRR"' "removal journalled"
"$WISGOV" journal verify --db "$db" >/dev/null
is 0 $? "the journal verifies"

# Refusals.
b set nonsense --warn 1 --exceed 2 2>"$tmp/err"
is 2 $? "an unknown budget name is refused"
contains "$(cat "$tmp/err")" 'unknown budget "nonsense"' "with the reason"
b set link:Exeter --warn 1 --exceed 2 2>"$tmp/err"
is 2 $? "a link needs two GISCs"
b set link:Foo-Bar --warn 1kB --exceed 2kB 2>"$tmp/err"
is 2 $? "a link between GISCs nobody knows is refused"
contains "$(cat "$tmp/err")" "Foo is not a GISC" "naming the unknown one"
long=$(printf '%0100d' 0)
b set "link:$long-Exeter" --warn 1kB --exceed 2kB 2>"$tmp/err"
is 2 $? "a link name too long to keep is refused (not cut short)"
b set link:Exeter-EXETER --warn 1kB --exceed 2kB 2>"$tmp/err"
is 2 $? "a link from a GISC to itself is refused"
b set link:new\ delhi-tokyo --warn 1kB --exceed 2kB
is 0 $? "GISC names in any case"
contains "$(b list)" "link:New Delhi-Tokyo" "are kept as rules/centres.csv spells them"
b rm "link:New Delhi-Tokyo" >/dev/null
b set centre:EG --warn 1 --exceed 2 2>/dev/null
is 2 $? "a centre needs four letters"
b set cache --warn 2GB --exceed 1GB 2>"$tmp/err"
is 2 $? "warn above exceed is refused"
b set cache --warn 1GB 2>/dev/null
is 2 $? "both thresholds are needed"
b set cache --warn lots --exceed 1GB 2>/dev/null
is 2 $? "sizes must be sizes"
b set cache --warn 1GB --exceed 2GB --count-warn 5 --count-exceed 6 2>/dev/null
is 2 $? "counts only for the record budget"

# Configuration budgets are seeded, the store's own win.
b report --config "$T/config.yaml" >/dev/null
list=$(b list --json)
contains "$list" '"name":"cache","kind":"cache","unit":"bytes/24h","warn":45000000000,' "the store's cache budget is kept"
contains "$list" '"name":"centre:EGRR","kind":"centre","unit":"bytes/24h","warn":400000000,"exceed":600000000,' \
	"a budget only the configuration has is seeded"
contains "$("$WISGOV" journal list --db "$db" | grep budget-seed)" '"actor":"config:' "seeding is journalled as the configuration"

# Before any traffic: estimates, marked as such.
r=$("$WISGOV" records show --db "$db" --json urn:x-wmo:md:int.wmo.wis::PAAH22EUOC)
contains "$r" '"measured":false,"bytes_24h":921600000,"count_24h":288,' "a record with no traffic: its declared flow (PT5M x 3.2 MB)"
contains "$r" '"estimate_source":"record"' "marked as an estimate from the record"
r=$("$WISGOV" records show --db "$db" --json urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
contains "$r" '"measured":false,"bytes_24h":12000,"count_24h":4,' "the SYNOP record declares PT6H x 3 kB"
r=$("$WISGOV" records show --db "$db" --json urn:x-wmo:md:int.wmo.wis::ISMD01EDZW)
contains "$r" '"measured":false,"bytes_24h":24000,"count_24h":8,"peak_hour_bytes":1000,"estimate_source":"data-type:IS"' \
	"a record that declares nothing: the default for its data type (IS)"
rep=$(b report --json)
contains "$rep" '"new_records":[{"identifier":"urn:wmo:md:de-dwd:synop"' "records first seen within the window are listed"
contains "$rep" '"estimate":{"bytes_24h":921600000,"count_24h":288,"source":"record"}' "with their estimated flow"
# Budgets projected with the estimates: the four global records declare or
# default to 921,600,000 + 12,000 + 24,000 + 12,000 bytes a day, and
# EDZW's two (ISMD01EDZW, and urn:wmo:md:de-dwd:synop by its centre-id)
# 24,000 + 12,000.
b set centre:EDZW --warn 10kB --exceed 30kB
contains "$rep" '"name":"cache","kind":"cache","unit":"bytes/24h","warn":45000000000,"exceed":60000000000,"usage":0,"headroom":60000000000,"share":0,"projected":921648000,"projected_state":"ok"' \
	"the cache: nothing measured, 921.6 MB projected"
rep=$(b report --json)
contains "$rep" '"name":"centre:EDZW","kind":"centre","unit":"bytes/24h","warn":10000,"exceed":30000,"usage":0,"headroom":30000,"share":0,"projected":36000,"projected_state":"exceed"' \
	"a centre's projection counts its WIS 2.0 record by centre-id"
contains "$(b report)" "centre:EDZW                     0 B of    30.0 kB (warn 10.0 kB)  headroom 30.0 kB  ok  (with estimates 36.0 kB: exceed)" \
	"and the text report says so"
b rm centre:EDZW >/dev/null
# As of a time before the records were first seen: none of them is listed,
# estimated or over its budget.
rep=$(b report --json --at 2026-11-19T00:00:00Z)
contains "$rep" '"records":0,"measured":0,"estimated":0,' "a report before the records were harvested lists none"
contains "$rep" '"new_records":[]' "and no new record"

done_testing
