#!/bin/sh
# wisgov.yaml: a complete configuration drives a harvest; every mistake is
# refused with file:line:col and the reason.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
scratch
C=$FIXTURES/config
mkdir "$tmp/spool"
cp "$FIXTURES/iso19139/variants/canonical-global.xml" "$tmp/spool/"
sed "s|SPOOL|$tmp/spool|; s|/tmp/wisgov-config-test-store|$tmp/store|" "$C/good.yaml" >"$tmp/good.yaml"

out=$("$WISGOV" harvest --config "$tmp/good.yaml" --json spool 2>&1)
is 0 $? "a configured spool source harvests"
contains "$out" '"source":"spool","complete":true' "and completes"
ok "$([ -f "$tmp/store/data.mdb" ] && echo 0 || echo 1)" "into the store the configuration names"
WISGOV_CONFIG=$tmp/good.yaml "$WISGOV" records list >"$tmp/out" 2>&1
contains "$(cat "$tmp/out")" "SMAA01EGRR" "WISGOV_CONFIG selects the configuration"

refused() {
	# refused FILE WANT DESCRIPTION
	"$WISGOV" harvest --config "$C/$1" --db "$tmp/other" dwd >/dev/null 2>"$tmp/err"
	is 2 $? "$3: exit 2"
	contains "$(cat "$tmp/err")" "$2" "$3: $2"
}
refused unknown-key.yaml "unknown-key.yaml:4:5: unknown key \"prefx\" in a source" "a misspelt key"
refused both-url-dir.yaml "both-url-dir.yaml:3:5: source \"odd\" needs exactly one of \"url\" and \"dir\"" \
	"url and dir together"
refused bad-scheme.yaml "bad-scheme.yaml:3:10: source \"ftp\": the url must be http:// or https://" \
	"a non-HTTP URL"
refused long-set.yaml "long-set.yaml:5:10: source \"dwd\": the set is longer than 255 bytes" \
	"a set longer than a checkpoint keeps"
refused dup-source.yaml "dup-source.yaml:4:3: duplicate key \"dwd\" (first defined at line 2)" \
	"a source defined twice"
refused ../yaml/alias-bomb.yaml "alias-bomb.yaml:1:4: YAML anchors (&a) are not allowed" "YAML anchors"
seg=$(printf '%0130d' 0)
long=$tmp/$seg/$seg
mkdir -p "$long"
"$WISGOV" harvest --db "$tmp/longdb" "dir:$long" >/dev/null 2>"$tmp/err"
is 1 $? "a dir: source whose name is too long fails"
contains "$(cat "$tmp/err")" "the name is longer than 255 bytes" "and says why"
"$WISGOV" harvest --config "$tmp/nonexistent.yaml" dwd >/dev/null 2>"$tmp/err"
is 2 $? "a missing configuration file exits 2"
contains "$(cat "$tmp/err")" "nonexistent.yaml: cannot open" "and names it"

done_testing
