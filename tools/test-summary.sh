#!/bin/sh
# Print one line "N passed, N failed, N skipped" from automake's .trs files
# (the closing line CI reads).  Usage: tools/test-summary.sh [BUILDDIR]
dir=${1:-.}
find "$dir" -name '*.trs' -exec cat {} + 2>/dev/null |
	awk '/^:test-result: /{c[$2]++}
	END{printf "%d passed, %d failed, %d skipped\n",
		c["PASS"]+c["XFAIL"], c["FAIL"]+c["ERROR"]+c["XPASS"], c["SKIP"]}'
