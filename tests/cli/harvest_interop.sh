#!/bin/sh
# Interoperability: harvest a real third-party OAI-PMH provider (Debian's
# Dancer::Plugin::Catmandu::OAI under starman, on 127.0.0.1, pages of 7
# records) and compare what wisgov stored with what a third-party
# harvester (HTTP::OAI's oai_pmh) sees on the same provider -- after a
# first full harvest, after changes (a changed record, a deletion, a new
# record), and for a set.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
need starman oai_pmh curl ss
: "${top_srcdir:?}"
H=$top_srcdir/tests/helpers
scratch
pidfile=$tmp/provider.pid
trap '"$H/oai-provider.sh" stop "$pidfile" >/dev/null 2>&1; rm -rf "$tmp"' EXIT

# 40 records in three sets (SYNOP, SYNOP:EUROPE, RADAR) and none, named by
# their fileIdentifier, plus one deleted record (a 0-byte file).
repo=$tmp/repo
"$top_srcdir/tools/gen-records.sh" 40 "$tmp/gen"
mkdir -p "$repo/SYNOP/EUROPE" "$repo/RADAR"
i=0
for f in "$tmp"/gen/*.xml; do
	id=$(sed -n 's/.*<gmd:fileIdentifier><gco:CharacterString>\([^<]*\)<.*/\1/p' "$f" | head -n 1)
	[ -n "$id" ] || continue
	case $((i % 4)) in
	0) d=$repo ;;
	1) d=$repo/SYNOP ;;
	2) d=$repo/SYNOP/EUROPE ;;
	3) d=$repo/RADAR ;;
	esac
	[ -e "$d/$id.xml" ] || cp "$f" "$d/$id.xml"
	i=$((i + 1))
done
: >"$repo/RADAR/urn:x-wmo:md:int.wmo.wis::PAXX99EUOC.xml"
nlive=$(find "$repo" -name '*.xml' -size +0 | wc -l | tr -d ' ')
ntotal=$(find "$repo" -name '*.xml' | wc -l | tr -d ' ')
diag "$ntotal records in the repository, $nlive live"

port=$(free_port)
url=$(OAI_PEER_BARE_IDS=1 "$H/oai-provider.sh" start "$repo" "$port" 7 "$pidfile")
ok $? "the third-party provider started on 127.0.0.1:$port"

# What wisgov stored, in the reference harvester's format:
# item<TAB>datestamp<TAB>deleted|live<TAB>sets (sorted)
ours() {
	"$WISGOV" records list --db "$tmp/db" --json ${1:+--source "$1"} | awk '
	{
		item = $0; sub(/.*"item":"/, "", item); sub(/".*/, "", item)
		ds = $0; sub(/.*"datestamp":"/, "", ds); sub(/".*/, "", ds)
		del = ($0 ~ /"deleted":true/) ? "deleted" : "live"
		sets = $0; sub(/.*"sets":\[/, "", sets); sub(/\].*/, "", sets); gsub(/"/, "", sets)
		n = split(sets, a, ",")
		for (i = 1; i <= n; i++)
			for (j = i + 1; j <= n; j++)
				if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		s = ""
		for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") a[i]
		printf "%s\t%s\t%s\t%s\n", item, ds, del, s
	}' | sort
}

compare() {
	# compare DESCRIPTION [SET]
	"$H/oai-reference.sh" "$url" ${2:+"$2"} >"$tmp/theirs" 2>"$tmp/ref.err"
	ours "${2:+set-$2}" >"$tmp/ours"
	if cmp -s "$tmp/theirs" "$tmp/ours"; then
		ok 0 "$1 ($(wc -l <"$tmp/ours" | tr -d ' ') records)"
	else
		ok 1 "$1"
		diff "$tmp/theirs" "$tmp/ours" | head -n 20 | sed 's/^/# /'
	fi
}

"$WISGOV" harvest --db "$tmp/db" --json --url "$url" >"$tmp/h1" 2>"$tmp/err"
is 0 $? "first harvest completes"
contains "$(cat "$tmp/h1")" '"complete":true' "the whole list"
contains "$(cat "$tmp/h1")" "\"pages\":$(((ntotal + 6) / 7))," "in pages of 7"
contains "$(cat "$tmp/h1")" "\"new\":$nlive," "$nlive new records"
contains "$(cat "$tmp/h1")" '"deleted":1,' "and the deleted one"
compare "wisgov's store equals what oai_pmh sees"

# Changes: one record changed (scope), one deleted, one new; a second
# later, so the provider's datestamps move.
sleep 1
changed=$(find "$repo/SYNOP" -maxdepth 1 -name '*.xml' -size +0 | sort | head -n 1)
sed -i 's/>GlobalExchange</>RegionalExchange</' "$changed"
gone=$(find "$repo/RADAR" -name '*.xml' -size +0 | sort | head -n 1)
: >"$gone"
sed 's/SMAA01EGRR/SMZZ99EGRR/g' "$FIXTURES/iso19139/variants/canonical-global.xml" \
	>"$repo/urn:x-wmo:md:int.wmo.wis::SMZZ99EGRR.xml"
"$WISGOV" harvest --db "$tmp/db" --json --url "$url" >"$tmp/h2" 2>"$tmp/err"
is 0 $? "incremental harvest completes"
contains "$(cat "$tmp/h2")" '"new":1,' "one new record"
contains "$(cat "$tmp/h2")" '"deleted":1,' "one deletion"
contains "$(cat "$tmp/h2")" '"scope_changes":1,' "one scope change"
compare "after changes, wisgov's store still equals what oai_pmh sees"
cp "$tmp/theirs" "$tmp/reference-after-changes"
id=$(basename "$changed" .xml)
hist=$("$WISGOV" records show --db "$tmp/db" --history "$id")
contains "$hist" "scope           RegionalExchange" "the changed record has its new scope"
is 2 "$(echo "$hist" | grep -c '^  20')" "and a history of two versions"

# A set harvest (hierarchical: SYNOP includes SYNOP:EUROPE).
"$WISGOV" harvest --db "$tmp/db" --json --url "$url" --set SYNOP --name set-SYNOP >"$tmp/h3" 2>"$tmp/err"
is 0 $? "set harvest completes"
compare "a set harvest equals oai_pmh's view of the set" SYNOP

# With prefixed OAI identifiers (oai:oai-peer.test:...), records are still
# keyed by their fileIdentifier, and the OAI identifier is kept as item.
"$H/oai-provider.sh" stop "$pidfile" >/dev/null
url=$("$H/oai-provider.sh" start "$repo" "$port" 7 "$pidfile")
rm -rf "$tmp/db"
"$WISGOV" harvest --db "$tmp/db" -q --url "$url" 2>"$tmp/err"
is 0 $? "harvest of a provider with prefixed identifiers"
compare "prefixed identifiers: equal to oai_pmh's view"
contains "$("$WISGOV" records show --db "$tmp/db" --json "$id")" "\"item\":\"oai:oai-peer.test:$id\"" \
	"the record is keyed by its fileIdentifier, the OAI identifier kept"

# 503 with Retry-After on every third request: the harvest waits and
# completes.
"$H/oai-provider.sh" stop "$pidfile" >/dev/null
url=$(OAI_PEER_BARE_IDS=1 "$H/oai-provider.sh" start "$repo" "$port" 7 "$pidfile" 503)
rm -rf "$tmp/db"
"$WISGOV" harvest --db "$tmp/db" --json --url "$url" >"$tmp/h4" 2>"$tmp/err"
is 0 $? "harvest through HTTP 503 + Retry-After"
contains "$(cat "$tmp/h4")" '"retries":' "counted the retries"
ok "$(grep -q '"retries":0,' "$tmp/h4" && echo 1 || echo 0)" "there were some"
# (oai_pmh itself waits Retry-After + 10 s per 503: compare with its
# earlier view of the same repository instead of asking it again.)
ours >"$tmp/ours"
if cmp -s "$tmp/reference-after-changes" "$tmp/ours"; then
	ok 0 "and the result still equals oai_pmh's view"
else
	ok 1 "and the result still equals oai_pmh's view"
	diff "$tmp/reference-after-changes" "$tmp/ours" | head -n 20 | sed 's/^/# /'
fi

"$H/oai-provider.sh" stop "$pidfile" >/dev/null
ok $? "the provider stopped"
ok "$([ ! -f "$pidfile" ] && echo 0 || echo 1)" "its pid file is gone"

done_testing
