#!/bin/sh
# Traffic measurement: the bundled sample traffic (fixtures/traffic) gives
# the totals an independent computation (awk, below) gives; re-reading and
# growing logs count nothing twice; bad lines are reported by kind and line.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
: "${top_srcdir:?}"
scratch
T=$FIXTURES/traffic
AT=2026-11-22T05:59:59Z
WISGOV_NOW=2026-11-20T00:00:00Z
export WISGOV_NOW
"$WISGOV" harvest --db "$tmp/db" -q "dir:$T/records"
WISGOV_NOW=2026-11-22T06:00:00Z
ing() { "$WISGOV" ingest --db "$tmp/db" --config "$T/config.yaml" --json "$@"; }
field() { sed -n "s/.*\"$1\":\\([^,}]*\\).*/\\1/p" | head -n 1; }

# The independent reading: the same mapping rules, in awk.  Prints
# "key bytes count" for the 24 h up to $AT; keys are record identifiers or
# "unmatched:CENTRE".
expect_24h() {
	awk -v lo=2026-11-21T06:00:00Z -v hi="$AT" '
	/^#/ || NF < 3 { next }
	$1 < lo || $1 > hi { next }
	{
		name = $3
		if (name ~ /^T_PAAH22_C_EUOC_/) key = "urn:x-wmo:md:int.wmo.wis::PAAH22EUOC"
		else if (name ~ /^A_SMAA01EGRR/) key = "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR"
		else if (name == "ISMD01" || name ~ /^A_ISMD01EDZW/) key = "urn:x-wmo:md:int.wmo.wis::ISMD01EDZW"
		else if (name ~ /^W_GB-metoffice-exeter,MODEL,UKV\+2KM/) key = "urn:x-wmo:md:uk.gov.metoffice::ukv-2km"
		else if (name ~ /^A_SNFR20LFPW/) key = "unmatched:LFPW"
		else if (name ~ /^T_USUS01_C_KWBC/) key = "unmatched:KWBC"
		else if (name ~ /^Z_NAFP_C_BABJ/) key = "unmatched:BABJ"
		else key = "?" name
		b[key] += $2; n[key]++
	}
	END { for (k in b) print k, b[k], n[k] }' "$T/cache.log" | sort
}

out=$(ing "$T/cache.log")
is 0 $? "the sample cache log is ingested"
is 763 "$(echo "$out" | field lines)" "763 lines read"
is 762 "$(echo "$out" | field counted)" "762 counted (one comment)"
is 0 "$(echo "$out" | field bad)" "no bad line"
exp_unmatched=$(awk '!/^#/ && ($3 ~ /^A_SNFR20LFPW|^T_USUS01_C_KWBC|^Z_NAFP_C_BABJ/) {n++} END {print n}' "$T/cache.log")
is "$exp_unmatched" "$(echo "$out" | field unmatched)" "data without metadata counted ($exp_unmatched lines)"

expect_24h >"$tmp/expected"
ok "$(grep -c '^?' "$tmp/expected" | grep -q '^0$' && echo 0 || echo 1)" "the reference mapping covers every name"
while read -r key bytes n; do
	case $key in
	unmatched:*) continue ;;
	esac
	got=$("$WISGOV" records show --db "$tmp/db" --json --at "$AT" "$key")
	is "$bytes $n" "$(echo "$got" | field bytes_24h) $(echo "$got" | field count_24h)" \
		"$key: bytes and files over 24 h equal the independent sum"
	contains "$got" '"measured":true' "$key: measured, not estimated"
done <"$tmp/expected"

"$WISGOV" budget report --db "$tmp/db" --config "$T/config.yaml" --json --at "$AT" >"$tmp/r1"
is 0 $? "budget report"
while read -r key bytes n; do
	case $key in
	unmatched:*)
		c=${key#unmatched:}
		contains "$(cat "$tmp/r1")" "{\"centre\":\"$c\",\"cccc\":\"$c\",\"bytes_24h\":$bytes,\"count_24h\":$n}" \
			"data without metadata from $c: $bytes bytes in $n files"
		;;
	esac
done <"$tmp/expected"
global=$(awk '$1 ~ /PAAH22EUOC|SMAA01EGRR|ISMD01EDZW/ {s += $2} END {print s}' "$tmp/expected")
contains "$(cat "$tmp/r1")" "\"global_bytes_24h\":$global," "the cache holds the global records' sum ($global bytes)"
peak=$(awk -v lo=2026-11-21T06:00:00Z '!/^#/ && $1 >= lo && $3 ~ /^T_PAAH22|^A_SMAA01EGRR|^A_ISMD01EDZW|^ISMD01/ {
	h[substr($1, 1, 13)] += $2 } END { for (k in h) if (h[k] > m) m = h[k]; printf "%.15g", m / 3600 }' "$T/cache.log")
contains "$(cat "$tmp/r1")" "\"name\":\"link:Exeter-Offenbach\",\"kind\":\"link\",\"unit\":\"bytes/s\",\"warn\":8000,\"exceed\":10000,\"usage\":$peak," \
	"a link carries the global peak hour ($peak bytes/s)"
contains "$(cat "$tmp/r1")" '"name":"cache","kind":"cache","unit":"bytes/24h","warn":500000000,"exceed":1000000000,' "the cache budget, seeded from the configuration"
contains "$(cat "$tmp/r1")" '"state":"warn","set_by":"config:' "the cache is above its warn threshold"
contains "$(cat "$tmp/r1")" '"records_over_warn":1,"records_over_exceed":1' "one record above the per-record budget"

# Re-reading the same file counts nothing; the report does not move.
out=$(ing "$T/cache.log")
is "0 763" "$(echo "$out" | field counted) $(echo "$out" | field start_line)" "re-ingesting: nothing counted, resumed after line 763"
"$WISGOV" budget report --db "$tmp/db" --config "$T/config.yaml" --json --at "$AT" >"$tmp/r2"
cmp -s "$tmp/r1" "$tmp/r2"
ok $? "the report is unchanged by re-ingestion"

# A log that grows: two ingests of the growing file equal one of the whole.
head -n 400 "$T/cache.log" >"$tmp/growing.log"
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/db2" -q "dir:$T/records"
"$WISGOV" ingest --db "$tmp/db2" --config "$T/config.yaml" -q "$tmp/growing.log"
tail -n +401 "$T/cache.log" >>"$tmp/growing.log"
out=$("$WISGOV" ingest --db "$tmp/db2" --config "$T/config.yaml" --json "$tmp/growing.log")
is "363 400" "$(echo "$out" | field lines) $(echo "$out" | field start_line)" "the grown log is read on from line 400"
"$WISGOV" budget report --db "$tmp/db2" --config "$T/config.yaml" --json --at "$AT" >"$tmp/r3"
cmp -s "$tmp/r1" "$tmp/r3"
ok $? "and gives the same report as the whole log at once"

# A log shorter than its fingerprint (256 bytes) that grows is read on
# from where it stopped; one whose first bytes changed is a new file.
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/db6" -q "dir:$T/records"
printf '2026-11-21T06:00:00Z 100 SMAA01 EGRR 210600\n2026-11-21T07:00:00Z 200 SMAA01 EGRR 210700\n' >"$tmp/short.log"
out=$("$WISGOV" ingest --db "$tmp/db6" --json "$tmp/short.log")
is "2 2" "$(echo "$out" | field lines) $(echo "$out" | field counted)" "a short log: 2 lines counted"
printf '2026-11-21T08:00:00Z 400 SMAA01 EGRR 210800\n2026-11-21T09:00:00Z 800 SMAA01 EGRR 210900\n' >>"$tmp/short.log"
out=$("$WISGOV" ingest --db "$tmp/db6" --json "$tmp/short.log")
is "2 2 2" "$(echo "$out" | field lines) $(echo "$out" | field start_line) $(echo "$out" | field counted)" \
	"the grown short log is read on from line 2"
got=$("$WISGOV" records show --db "$tmp/db6" --json --at 2026-11-21T23:59:59Z urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
is "1500 4" "$(echo "$got" | field bytes_24h) $(echo "$got" | field count_24h)" "each of its lines is counted once"
awk 'BEGIN { for (i = 0; i < 8; i++) printf "2026-11-21T1%d:00:00Z 1000 SMAA01 EGRR 211%d00\n", i, i }' >>"$tmp/short.log"
out=$("$WISGOV" ingest --db "$tmp/db6" --json "$tmp/short.log")
is "8 4 8" "$(echo "$out" | field lines) $(echo "$out" | field start_line) $(echo "$out" | field counted)" \
	"grown past 256 bytes, it is still read on"
out=$("$WISGOV" ingest --db "$tmp/db6" --json "$tmp/short.log")
is "0 12" "$(echo "$out" | field counted) $(echo "$out" | field start_line)" "and recognised again with its longer fingerprint"
printf '2026-11-21T20:00:00Z 5 SMAA01 EGRR 212000\n2026-11-21T21:00:00Z 5 SMAA01 EGRR 212100\n2026-11-21T22:00:00Z 5 SMAA01 EGRR 212200\n' >"$tmp/short.log"
out=$("$WISGOV" ingest --db "$tmp/db6" --json "$tmp/short.log")
is "3 0 3" "$(echo "$out" | field lines) $(echo "$out" | field start_line) $(echo "$out" | field counted)" \
	"rewritten in place with other first bytes, it is a new file read from its start"
got=$("$WISGOV" records show --db "$tmp/db6" --json --at 2026-11-21T23:59:59Z urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
is "9515 15" "$(echo "$got" | field bytes_24h) $(echo "$got" | field count_24h)" "so nothing is lost or counted twice"

# A last line without its newline may still be being written: it is left
# for the next run, which reads it whole, once.  Standard input that has
# ended is complete, newline or not.
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/db9" -q "dir:$T/records"
printf '2026-11-21T06:00:00Z 100 SMAA01 EGRR 210600\n2026-11-21T07:00:00Z 25' >"$tmp/partial.log"
out=$("$WISGOV" ingest --db "$tmp/db9" --json "$tmp/partial.log")
is "1 1 0" "$(echo "$out" | field lines) $(echo "$out" | field counted) $(echo "$out" | field bad)" \
	"a partial last line is neither counted nor bad"
printf '00 SMAA01 EGRR 210700\n' >>"$tmp/partial.log"
out=$("$WISGOV" ingest --db "$tmp/db9" --json "$tmp/partial.log")
is "1 1 1 2500 0" "$(echo "$out" | field start_line) $(echo "$out" | field lines) $(echo "$out" | field counted) $(echo "$out" | field bytes) $(echo "$out" | field bad)" \
	"once complete, the next run counts it whole"
got=$("$WISGOV" records show --db "$tmp/db9" --json --at 2026-11-21T23:59:59Z urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
is "2600 2" "$(echo "$got" | field bytes_24h) $(echo "$got" | field count_24h)" "each line counted once, with its size"
# A file whose last line stays unterminated and unchanged from one run to
# the next (a finished file without its final newline) is not written to
# any more: the second run counts that line, and a third nothing.
printf '2026-11-21T09:00:00Z 400 SMAA01 EGRR 210900\n2026-11-21T10:00:00Z 500 SMAA01 EGRR 211000' >"$tmp/final.log"
out=$("$WISGOV" ingest --db "$tmp/db9" --json "$tmp/final.log")
is "1 400" "$(echo "$out" | field counted) $(echo "$out" | field bytes)" "a finished file's last line: not yet"
out=$("$WISGOV" ingest --db "$tmp/db9" --json "$tmp/final.log")
is "1 500 0" "$(echo "$out" | field counted) $(echo "$out" | field bytes) $(echo "$out" | field bad)" \
	"the next run finds it unchanged and counts it"
out=$("$WISGOV" ingest --db "$tmp/db9" --json "$tmp/final.log")
is "0 0" "$(echo "$out" | field lines) $(echo "$out" | field counted)" "and the one after, nothing"
out=$(printf '2026-11-21T08:00:00Z 300 SMAA01 EGRR 210800' | "$WISGOV" ingest --db "$tmp/db9" --json -)
is "1 300" "$(echo "$out" | field counted) $(echo "$out" | field bytes)" "a pipe's last line without a newline is counted"

# --at: a report over the past is reproducible.
"$WISGOV" budget report --db "$tmp/db" --config "$T/config.yaml" --json --at 2026-11-21T05:59:59Z >"$tmp/r4"
first=$(awk '!/^#/ && $1 <= "2026-11-21T05:59:59Z" && $3 ~ /^T_PAAH22/ {s += $2} END {print s}' "$T/cache.log")
contains "$(cat "$tmp/r4")" "\"identifier\":\"urn:x-wmo:md:int.wmo.wis::PAAH22EUOC\",\"scope\":\"GlobalExchange\",\"centre\":\"EUOC\",\"first_seen\":\"2026-11-20T00:00:00Z\",\"measured\":true,\"bytes_24h\":$first," \
	"--at the first day: the radar record's first 24 hours ($first bytes)"

# WIS 2.0 notifications.
out=$(ing "$T/notifications.jsonl")
is "61 49 12 1" "$(echo "$out" | field lines) $(echo "$out" | field matched) $(echo "$out" | field unmatched) $(echo "$out" | field no_size)" \
	"notifications: 49 for the record, 12 without metadata, one without a length"
wb=$(sed -n 's/.*"metadata_id":"urn:wmo:md:de-dwd:synop".*"length":\([0-9]*\).*/\1/p' "$T/notifications.jsonl" | awk '{s += $1} END {print s}')
got=$("$WISGOV" records show --db "$tmp/db" --json --at "$AT" urn:wmo:md:de-dwd:synop)
is "$wb 49" "$(echo "$got" | field bytes_24h) $(echo "$got" | field count_24h)" "the WIS 2.0 record's bytes are the sum of its links' lengths"
# The same notifications from a second Global Broker (another file), and
# a message repeated within a file, are counted once: by data_id and
# pubtime, as a Global Cache deduplicates (Guide 2.7.4.2).
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/dbdup" -q "dir:$T/records"
head -n 10 "$T/notifications.jsonl" >"$tmp/gb1.jsonl"
sed -n 3p "$T/notifications.jsonl" | sed 's/"id":"[^"]*"/"id":"republished"/' >>"$tmp/gb1.jsonl"
head -n 12 "$T/notifications.jsonl" >"$tmp/gb2.jsonl"
out=$("$WISGOV" ingest --db "$tmp/dbdup" --json "$tmp/gb1.jsonl")
is "11 10 1" "$(echo "$out" | field lines) $(echo "$out" | field counted) $(echo "$out" | field duplicates)" \
	"a notification repeated under a new message id is counted once"
out=$("$WISGOV" ingest --db "$tmp/dbdup" --json "$tmp/gb2.jsonl")
is "12 2 10" "$(echo "$out" | field lines) $(echo "$out" | field counted) $(echo "$out" | field duplicates)" \
	"the second broker's copy: only the two new notifications count"
contains "$("$WISGOV" ingest --db "$tmp/dbdup" "$tmp/gb1.jsonl" 2>&1; cp "$tmp/gb1.jsonl" "$tmp/gb3.jsonl"; "$WISGOV" ingest --db "$tmp/dbdup" "$tmp/gb3.jsonl")" \
	"0 counted (0 matched, 0 without metadata), 0 B; 0 bad; 11 duplicate notifications" "and the text summary says so"
two=$(head -n 12 "$T/notifications.jsonl" | sed -n 's/.*"metadata_id":"urn:wmo:md:de-dwd:synop".*"length":\([0-9]*\).*/\1/p' | awk '{s += $1} END {print s}')
got=$("$WISGOV" records show --db "$tmp/dbdup" --json --at "$AT" urn:wmo:md:de-dwd:synop)
is "$two" "$(echo "$got" | field bytes_24h)" "the record's bytes are those of the distinct notifications ($two)"

# Data without metadata from fr-meteofrance (a centre-id) and from LFPW
# (a CCCC) are Meteo-France's both: centre:LFPW counts the two.
fr=$(sed -n 's/.*"metadata_id":"urn:wmo:md:fr-meteofrance:[^"]*".*"length":\([0-9]*\).*/\1/p' "$T/notifications.jsonl" | awk '{s += $1} END {print s}')
lf=$(awk -v lo=2026-11-21T06:00:00Z -v hi=2026-11-22T06:00:00Z '!/^#/ && $1 >= lo && $1 < hi && $3 ~ /^A_SNFR20LFPW/ {s += $2} END {print s}' "$T/cache.log")
"$WISGOV" budget set --db "$tmp/db" centre:LFPW --warn 1MB --exceed 2MB
"$WISGOV" budget report --db "$tmp/db" --config "$T/config.yaml" --json --at "$AT" >"$tmp/r5"
contains "$(cat "$tmp/r5")" "{\"centre\":\"fr-meteofrance\",\"cccc\":\"LFPW\",\"bytes_24h\":$fr," \
	"fr-meteofrance's data without metadata: LFPW's ($fr bytes)"
contains "$(cat "$tmp/r5")" "\"name\":\"centre:LFPW\",\"kind\":\"centre\",\"unit\":\"bytes/24h\",\"warn\":1000000,\"exceed\":2000000,\"usage\":$((fr + lf))," \
	"centre:LFPW counts its CCCC's and its centre-id's data ($lf + $fr bytes)"

# Bad lines: counted by kind with their line numbers, never fatal.
out=$(ing "$T/bad.log")
is 0 $? "a file of bad lines is not an error"
is "16 3 12" "$(echo "$out" | field lines) $(echo "$out" | field counted) $(echo "$out" | field bad)" "16 lines: 3 counted, 12 bad"
contains "$out" '"bad_lines":{"malformed":{"count":2,"first_lines":[3,4]},"bad time":{"count":4,"first_lines":[5,6,7,8]},"bad size":{"count":3,"first_lines":[9,10,11]},"binary garbage":{"count":2,"first_lines":[13,14]},"too long":{"count":1,"first_lines":[15]}}' \
	"each kind of bad line, with its line numbers"
text=$("$WISGOV" ingest --db "$tmp/db3" "$T/bad.log")
contains "$text" "4 bad time: line 5, 6, 7, 8" "the text summary names them too"

# Over-long lines: notifications may be 64 KiB, log lines 4 KiB.  The
# 10 KB notification crosses the 1 MiB read chunk (1043 lines of 1000
# bytes before it); the 70 KB one is reported with its line and skipped.
awk 'function pad(n,  s) { s = ""; while (length(s) < n) s = s "x"; return s }
function wnm(t, len, extra) {
	return "{\"type\":\"Feature\",\"properties\":{\"metadata_id\":\"urn:wmo:md:de-dwd:synop\",\"pubtime\":\"" t "\",\"comment\":\"" extra "\"},\"links\":[{\"rel\":\"canonical\",\"length\":" len "}]}"
}
BEGIN {
	base = length(wnm("2026-11-21T06:00:00Z", 1, ""))
	for (i = 0; i < 1043; i++) print wnm("2026-11-21T06:00:00Z", 1, pad(999 - base))
	print wnm("2026-11-21T07:00:00Z", 4242, pad(10000))
	print wnm("2026-11-21T08:00:00Z", 99999, pad(70000))
	print wnm("2026-11-21T09:00:00Z", 7, "")
}' >"$tmp/long.jsonl"
is 1043000 "$(head -n 1043 "$tmp/long.jsonl" | wc -c | tr -d ' ')" "the filler ends before the 1 MiB chunk"
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/db7" -q "dir:$T/records"
out=$("$WISGOV" ingest --db "$tmp/db7" --json "$tmp/long.jsonl" 2>"$tmp/err")
is "1046 1045 5292" "$(echo "$out" | field lines) $(echo "$out" | field counted) $(echo "$out" | field bytes)" \
	"a 10 KB notification across the read chunk is counted, and the line after the 70 KB one"
contains "$out" '"bad_lines":{"too long":{"count":1,"first_lines":[1045]}}' "the 70 KB one is too long"
contains "$(cat "$tmp/err")" "$tmp/long.jsonl:1045: line longer than 65536 bytes; skipped" "and said so with its line"
printf '2026-11-21T06:00:00Z 100 SMAA01 EGRR 210600 %s\n2026-11-21T07:00:00Z 200 SMAA01 EGRR 210700\n' \
	"$(awk 'BEGIN { while (length(s) < 5000) s = s "x"; print s }')" >"$tmp/long.log"
out=$("$WISGOV" ingest --db "$tmp/db7" --json "$tmp/long.log" 2>"$tmp/err")
is "2 1 200" "$(echo "$out" | field lines) $(echo "$out" | field counted) $(echo "$out" | field bytes)" \
	"a 5000-byte log line is too long, the next is counted"
contains "$(cat "$tmp/err")" "$tmp/long.log:1: line longer than 4096 bytes; skipped" "log lines stop at 4096 bytes"

"$WISGOV" ingest --db "$tmp/db" /nonexistent.log 2>"$tmp/err"
is 2 $? "an input that cannot be read exits 2"
contains "$(cat "$tmp/err")" "/nonexistent.log: cannot open" "and says so"
"$WISGOV" ingest --db "$tmp/db" --format xml "$T/bad.log" 2>/dev/null
is 2 $? "a bad --format is a usage error"

# --follow: a log that grows while it is read.
head -n 100 "$T/cache.log" >"$tmp/live.log"
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/db4" -q "dir:$T/records"
"$WISGOV" ingest --db "$tmp/db4" --config "$T/config.yaml" --json --follow --poll 0.1 --idle-exit 1.5 \
	"$tmp/live.log" >"$tmp/follow.out" &
fpid=$!
sleep 0.5
sed -n '101,300p' "$T/cache.log" >>"$tmp/live.log"
sleep 0.5
# A line written in two pieces is counted once, whole.
sed -n '301p' "$T/cache.log" | head -c 20 >>"$tmp/live.log"
sleep 0.3
sed -n '301p' "$T/cache.log" | tail -c +21 >>"$tmp/live.log"
wait "$fpid"
is 0 $? "--follow stops after --idle-exit"
is 301 "$(field lines <"$tmp/follow.out")" "and read every line appended meanwhile, the split one whole"
is 0 "$(field bad <"$tmp/follow.out")" "with no bad line"

# --follow forgets the names it did not know at every commit: a record
# harvested while it runs is recognised in the lines that come after.
printf '2026-11-21T06:00:00Z 100 SMAA01 EGRR 210600\n' >"$tmp/live2.log"
"$WISGOV" ingest --db "$tmp/db8" --json --follow --poll 0.1 --idle-exit 1.5 \
	"$tmp/live2.log" >"$tmp/follow2.out" &
fpid=$!
# Wait until the first line is committed (without metadata), however slow
# the machine, before the record appears.
i=0
until "$WISGOV" budget report --db "$tmp/db8" --json --at 2026-11-21T23:00:00Z 2>/dev/null |
	grep -q '"unmatched":\[{"centre":"EGRR"' || [ "$i" -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/db8" -q "dir:$T/records"
printf '2026-11-21T07:00:00Z 200 SMAA01 EGRR 210700\n' >>"$tmp/live2.log"
wait "$fpid"
is "2 1 1" "$(field lines <"$tmp/follow2.out") $(field unmatched <"$tmp/follow2.out") $(field matched <"$tmp/follow2.out")" \
	"--follow: the line before the harvest is without metadata, the one after counts for the record"
got=$("$WISGOV" records show --db "$tmp/db8" --json --at 2026-11-21T23:59:59Z urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
is "200 1" "$(echo "$got" | field bytes_24h) $(echo "$got" | field count_24h)" "and the record's counter has it"

# Retention: counters older than 35 days are dropped.
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --db "$tmp/db5" -q "dir:$T/records"
printf '2026-09-01T06:00:00Z 1000 SMAA01 EGRR 010600\n2026-11-21T06:00:00Z 2000 SMAA01 EGRR 210600\n' >"$tmp/old.log"
"$WISGOV" ingest --db "$tmp/db5" -q "$tmp/old.log"
old=$("$WISGOV" records show --db "$tmp/db5" --json --at 2026-09-01T07:00:00Z urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
contains "$old" '"measured":false' "a day older than the retention is gone"
new=$("$WISGOV" records show --db "$tmp/db5" --json --at 2026-11-21T07:00:00Z urn:x-wmo:md:int.wmo.wis::SMAA01EGRR)
contains "$new" '"measured":true,"bytes_24h":2000,' "a recent one is kept"

# A store at its size limit refuses the change whole, says so, and keeps
# everything it held.
printf 'store:\n  max-size: 1 MiB\n' >"$tmp/small.yaml"
WISGOV_NOW=2026-11-20T00:00:00Z "$WISGOV" harvest --config "$tmp/small.yaml" --db "$tmp/small" -q "dir:$T/records"
# 20,000 originating centres with data but no metadata: 20,000 counters.
awk 'BEGIN { L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for (i = 0; i < 20000; i++)
		printf "2026-11-21T%02d:00:00Z 100 SMAA01 %s%s%s%s 210000\n", i % 24,
			substr(L, i % 26 + 1, 1), substr(L, int(i / 26) % 26 + 1, 1),
			substr(L, int(i / 676) % 26 + 1, 1), substr(L, int(i / 17576) % 26 + 1, 1) }' >"$tmp/big.log"
"$WISGOV" ingest --config "$tmp/small.yaml" --db "$tmp/small" -q "$tmp/big.log" 2>"$tmp/err"
is 2 $? "an ingest that does not fit exits 2"
contains "$(cat "$tmp/err")" "the store is full at its 1048576-byte limit (store: max-size); nothing of this change was written" \
	"and says the store is full"
is 5 "$("$WISGOV" records list --db "$tmp/small" --json | wc -l | tr -d ' ')" "the records stored before are intact"

done_testing
