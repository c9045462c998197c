#!/bin/sh
# Generate a cache arrival log ("TIME SIZE NAME" per line, wisgov(1) INGEST):
#   tools/gen-traffic.sh LINES HEADINGS START [SPAN-SECONDS] > FILE
# LINES lines over SPAN seconds (default 86400) from START (a datestamp),
# spread over HEADINGS distinct headings SMxxNNxGRR-style (the identifiers
# tools/gen-records.sh and gen-oai-pages.sh give), named as A_ files,
# T_ files and bare headings in turn.  Deterministic (awk's srand(1)).
set -eu
lines=${1:?usage: gen-traffic.sh LINES HEADINGS START [SPAN]}
headings=${2:?usage: gen-traffic.sh LINES HEADINGS START [SPAN]}
start=${3:?usage: gen-traffic.sh LINES HEADINGS START [SPAN]}
span=${4:-86400}
t0=$(date -u -d "$start" +%s)
awk -v n="$lines" -v h="$headings" -v t0="$t0" -v span="$span" 'BEGIN {
	srand(1)
	letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for (i = 0; i < n; i++) {
		k = int(rand() * h)
		tta = "SM" substr(letters, int(k / 100) % 26 + 1, 1) substr(letters, int(k / 2600) % 26 + 1, 1) \
		      sprintf("%02d", k % 100)
		cccc = substr(letters, int(k / 67600) % 26 + 1, 1) "GRR"
		t = t0 + int(i * span / n)
		ts = strftime("%Y-%m-%dT%H:%M:%SZ", t, 1)
		size = 200 + int(rand() * 5000)
		if (i % 3 == 0)
			name = "A_" tta cccc strftime("%d%H%M", t, 1) "_C_EDZW_" strftime("%Y%m%d%H%M%S", t, 1) ".txt"
		else if (i % 3 == 1)
			name = "T_" tta "_C_" cccc "_" strftime("%Y%m%d%H%M%S", t, 1) ".bin"
		else
			name = tta " " cccc " " strftime("%d%H%M", t, 1)
		printf "%s %d %s\n", ts, size, name
	}
}'
