#!/bin/sh
# Generate N distinct metadata records for benchmarks:
#   tools/gen-records.sh N OUTDIR
# Each is one of the variant fixtures with its own TTAAii identifier, so
# the set mixes passing, warning and failing records like a real catalogue.
set -eu
n=${1:?usage: gen-records.sh N OUTDIR}
out=${2:?usage: gen-records.sh N OUTDIR}
src=$(cd "$(dirname "$0")/../fixtures/iso19139/variants" && pwd)
mkdir -p "$out"
i=0
while [ "$i" -lt "$n" ]; do
	for f in "$src"/*.xml; do
		[ "$i" -lt "$n" ] || break
		# SMAA01EGRR -> SM + two letters + two digits, unique per record
		letters=$(printf '%b' "$(printf '\\%03o\\%03o' $((65 + i / 100 % 26)) $((65 + i / 2600 % 26)))")
		sed "s/SMAA01EGRR/SM${letters}$(printf '%02d' $((i % 100)))EGRR/g" "$f" \
			>"$out/rec$(printf '%06d' "$i").xml"
		i=$((i + 1))
	done
done
