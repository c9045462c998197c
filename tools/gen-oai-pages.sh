#!/bin/sh
# Generate an OAI-PMH ListRecords sequence for benchmarks and tests:
#   tools/gen-oai-pages.sh RECORDS PER-PAGE OUTDIR
# writes OUTDIR/identify.xml and OUTDIR/page-1.xml ... page-K.xml, page N
# ending with resumptionToken N+1 and the last with an empty token, the
# layout tests/helpers/fake_oai serves.  Records are the variant fixtures
# with distinct identifiers (as tools/gen-records.sh makes them), all in
# UTF-8 since they share one document.
set -eu
n=${1:?usage: gen-oai-pages.sh RECORDS PER-PAGE OUTDIR}
per=${2:?usage: gen-oai-pages.sh RECORDS PER-PAGE OUTDIR}
out=${3:?usage: gen-oai-pages.sh RECORDS PER-PAGE OUTDIR}
src=$(cd "$(dirname "$0")/../fixtures/iso19139/variants" && pwd)
mkdir -p "$out"
cat >"$out/identify.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2026-11-22T06:00:00Z</responseDate>
  <request verb="Identify">http://127.0.0.1/oai</request>
  <Identify>
    <repositoryName>wisgov benchmark provider</repositoryName>
    <baseURL>http://127.0.0.1/oai</baseURL>
    <protocolVersion>2.0</protocolVersion>
    <adminEmail>bench@localhost</adminEmail>
    <earliestDatestamp>2026-01-01T00:00:00Z</earliestDatestamp>
    <deletedRecord>persistent</deletedRecord>
    <granularity>YYYY-MM-DDThh:mm:ssZ</granularity>
  </Identify>
</OAI-PMH>
XML
grep -l 'SMAA01EGRR' "$src"/*.xml | xargs grep -L 'ISO-8859-1' | awk -v n="$n" -v per="$per" -v out="$out" '
	{ files[nf++] = $0 }
	END {
		for (k = 0; k < nf; k++) {
			text[k] = ""
			while ((getline line < files[k]) > 0)
				if (line !~ /^<\?xml/)
					text[k] = text[k] line "\n"
			close(files[k])
		}
		letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		pages = int((n + per - 1) / per)
		for (p = 1; p <= pages; p++) {
			f = sprintf("%s/page-%d.xml", out, p)
			printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\n<responseDate>2026-11-22T06:00:00Z</responseDate>\n<request verb=\"ListRecords\" metadataPrefix=\"iso19139\">http://127.0.0.1/oai</request>\n<ListRecords>\n" > f
			for (i = (p - 1) * per; i < p * per && i < n; i++) {
				id = "SM" substr(letters, int(i / 100) % 26 + 1, 1) \
				     substr(letters, int(i / 2600) % 26 + 1, 1) \
				     sprintf("%02d", i % 100) substr(letters, int(i / 67600) % 26 + 1, 1) "GRR"
				t = text[i % nf]
				gsub(/SMAA01EGRR/, id, t)
				printf "<record><header><identifier>urn:x-wmo:md:int.wmo.wis::%s</identifier><datestamp>2026-11-%02dT%02d:%02d:00Z</datestamp><setSpec>SYNOP</setSpec></header>\n<metadata>\n%s</metadata></record>\n", id, 1 + i % 20, i % 24, i % 60, t > f
			}
			if (p < pages)
				printf "<resumptionToken completeListSize=\"%d\" cursor=\"%d\">%d</resumptionToken>\n", n, (p - 1) * per, p + 1 > f
			else
				printf "<resumptionToken completeListSize=\"%d\" cursor=\"%d\"/>\n", n, (p - 1) * per > f
			printf "</ListRecords>\n</OAI-PMH>\n" > f
			close(f)
		}
	}'
