#!/usr/bin/env bash
# Runs one end-to-end check script and records it as a JUnit test report (target/e2e-reports/TEST-<name>.xml), so
# that tools/test-summary.py counts it with the unit and OSGi tests. The script's output goes to the console and
# into the report when it fails. Exit 77 means the check could not run here (e.g. it needs root): recorded as skipped.
# Usage: tools/e2e/run-check.sh NAME SCRIPT [ARGS...]
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
name="$1"; shift
out="$repo/target/e2e-reports"
mkdir -p "$out"
log="$(mktemp)"
start=$(date +%s.%N)
"$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
secs=$(echo "$(date +%s.%N) - $start" | bc)
python3 - "$out/TEST-e2e-$name.xml" "$name" "$secs" "$code" "$log" <<'PY'
import sys
from xml.sax.saxutils import escape
path, name, secs, code, log = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
failure = ""
skipped = 1 if code == 77 else 0
if code == 77:
    failure = f'<skipped message="{escape(open(log, errors="replace").read()[-500:].strip(), {chr(34): "&quot;"})}"/>'
elif code != 0:
    tail = open(log, errors="replace").read()[-4000:]
    failure = f'<failure message="exit {code}">{escape(tail)}</failure>'
with open(path, "w") as f:
    f.write(f'<testsuite name="e2e.{name}" tests="1" failures="{0 if skipped or not code else 1}" errors="0" skipped="{skipped}" '
            f'time="{secs:.1f}"><testcase classname="e2e" name="{name}" time="{secs:.1f}">{failure}</testcase>'
            f'</testsuite>\n')
PY
rm -f "$log"
echo "e2e $name: exit $code in ${secs%.*} s"
[[ $code -eq 77 ]] && exit 0
exit "$code"
