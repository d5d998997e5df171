#!/usr/bin/env python3
"""Sums the JUnit XML reports of Surefire (unit tests), bnd-testing (OSGi tests) and the end-to-end checks of the
launcher (target/e2e-reports, written by tools/e2e/run-check.sh) of the whole reactor.

Prints the Surefire-style total and one closing line 'N passed, N failed, N skipped'. Exits 1 when a test failed
or when no test ran at all: JUnit >= 5.12 with the bnd 7.1.0 tester runs 0 tests while staying green, and a
green build that ran nothing must not count as a pass.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 else "."
# Modules are the top-level folders. No "**" from the root: glob follows symlinks, and test outputs under target/
# hold symlink loops on purpose (the hostile-input corpus), which would send a recursive walk round for ever.
patterns = ["*/target/surefire-reports/TEST-*.xml", "*/target/test-reports/**/TEST-*.xml",
            "target/e2e-reports/TEST-*.xml"]
files = sorted({f for p in patterns for f in glob.glob(os.path.join(root, p), recursive=True)})
tests = failures = errors = skipped = 0
per_module = {}
for f in files:
    try:
        tree = ET.parse(f)
    except ET.ParseError as e:
        print(f"unreadable test report {f}: {e}", file=sys.stderr)
        errors += 1
        continue
    suites = [tree.getroot()] if tree.getroot().tag == "testsuite" else tree.getroot().findall("testsuite")
    for s in suites:
        t, fa, er, sk = (int(s.get(k, "0") or 0) for k in ("tests", "failures", "errors", "skipped"))
        tests += t
        failures += fa
        errors += er
        skipped += sk
        module = os.path.relpath(f, root).split(os.sep)[0]
        per_module[module] = per_module.get(module, 0) + t

for module, n in sorted(per_module.items()):
    print(f"  {module}: {n} tests")
print(f"Tests run: {tests}, Failures: {failures}, Errors: {errors}, Skipped: {skipped}")
failed = failures + errors
passed = tests - failed - skipped
print(f"{passed} passed, {failed} failed, {skipped} skipped")
if tests == 0:
    print("no test ran: treating as failure", file=sys.stderr)
    sys.exit(1)
sys.exit(1 if failed else 0)
