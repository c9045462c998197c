#!/bin/sh
# Generate N distinct metadata records for benchmarks and tests:
#   tools/gen-records.sh N OUTDIR
# Each is one of the variant fixtures with its own TTAAii identifier, so
# the set mixes passing, warning and failing records like a real
# catalogue.  One awk process writes them all (fast even for 150,000).
set -eu
n=${1:?usage: gen-records.sh N OUTDIR}
out=${2:?usage: gen-records.sh N OUTDIR}
src=$(cd "$(dirname "$0")/../fixtures/iso19139/variants" && pwd)
mkdir -p "$out"
# Only templates whose identifier is the substitutable SMAA01EGRR.
grep -l 'SMAA01EGRR' "$src"/*.xml | awk -v n="$n" -v out="$out" '
	{ files[nf++] = $0 }
	END {
		for (k = 0; k < nf; k++) {
			text[k] = ""
			while ((getline line < files[k]) > 0)
				text[k] = text[k] line "\n"
			close(files[k])
		}
		letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		for (i = 0; i < n; i++) {
			id = "SM" substr(letters, int(i / 100) % 26 + 1, 1) \
			     substr(letters, int(i / 2600) % 26 + 1, 1) \
			     sprintf("%02d", i % 100) substr(letters, int(i / 67600) % 26 + 1, 1) "GRR"
			t = text[i % nf]
			gsub(/SMAA01EGRR/, id, t)
			f = sprintf("%s/rec%06d.xml", out, i)
			printf "%s", t > f
			close(f)
		}
	}'
