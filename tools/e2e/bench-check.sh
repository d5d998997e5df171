#!/usr/bin/env bash
# ./rt bench end to end on a tiny course (run by .ci/run after the build): the pipeline with 1 and 2 workers, the DVH
# comparison and the radiomics split; checks that every table the bench prints is well formed and its figures are
# positive. Then ./rt dvh --batch and ./rt radiomics --batch on the bench's own plan (written by our writers): one
# table for all inputs, a bad line named with its line number and exit 1. Prints one line per check.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rt-e2e-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export RT_HOME="$work/home"
fail=0
rt() { (cd "$work" && timeout 900 "$repo/rt" "$@"); }

rt bench "$work/b" --courses 1 --pixels 48 --slices 12 --rois 6 --scale 0.3 --workers 1,2 --dvh-repeats 1 \
  --split PTV >"$work/bench.log" 2>&1
code=$?
[[ $code -eq 0 ]] && echo "ok   bench exit 0" || { echo "FAIL bench exit $code"; tail -40 "$work/bench.log"; fail=1; }
python3 - "$work/bench.log" <<'PY' || fail=1
import re, sys
text = open(sys.argv[1]).read()
bad = []
def need(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        bad.append(what)
for w in (1, 2):
    m = re.search(r"^== workers %d: 1 course\(s\), wall ([\d.]+) s, CPU ([\d.]+) s \(([\d.]+) cores busy\), peak RSS (\d+) MiB"
                  r".*?, ([\d.]+) courses/h, rt:run exit 0$" % w, text, re.M)
    need(m is not None and all(float(g) > 0 for g in m.groups()), f"workers {w}: run line with positive figures")
    block = text[text.index(f"== workers {w}:"):] if m else ""
    rows = {}
    for line in block.splitlines()[2:]:
        f = line.split()
        if not f or f[0] == "(between":
            continue
        rows[f[0]] = f
        if f[0] == "total":
            break
    for stage in ("organize", "structures", "dvh", "radiomics", "qc", "report"):
        r = rows.get(stage)
        need(r is not None and len(r) == 8 and r[1] == "1" and r[3] == "0"
             and float(r[4]) >= 0 and float(r[5]) >= 0 and int(r[7]) > 0, f"workers {w}: stage row {stage} {r}")
    need(float(rows.get("radiomics", [0] * 8)[5]) > 0 and float(rows.get("radiomics", [0] * 8)[4]) > 0,
         f"workers {w}: radiomics wall and CPU-s > 0")
    t = rows.get("total")
    need(t is not None and float(t[1]) > 0 and float(t[2]) > 0, f"workers {w}: total row {t}")
m = re.search(r"^courses/h ratio workers 2 / workers 1: ([\d.]+)$", text, re.M)
need(m is not None and float(m.group(1)) > 0, "courses/h ratio line")
m = re.search(r"^== DVH of one plan: 6 ROIs, dose grid 3.0 mm \(\d+x\d+x\d+\); whole command", text, re.M)
need(m is not None, "DVH comparison header")
for tool in ("./rt dvh", "rt:dvh in-process (warm)"):
    m = re.search(r"^%s +([\d.]+) +([\d.]+)$" % re.escape(tool), text, re.M)
    need(m is not None and float(m.group(1)) > 0, f"DVH row {tool}")
for tool in ("plastimatch dvh", "dicompyler-core"):
    m = re.search(r"^%s +(?:([\d.]+) +([\d.]+)|- +- +(.+))$" % re.escape(tool), text, re.M)
    need(m is not None and (m.group(1) is None and "not found" in m.group(3) or m.group(1) and float(m.group(1)) > 0),
         f"DVH row {tool} (timed, or its program not found)")
m = re.search(r"^PTV +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+)$", text, re.M)
need(m is not None and all(float(g) > 0 for g in m.groups()), "radiomics split row PTV: cc and 5 CPU-s columns")
need(re.search(r"^bench: warm-up run on one course \(not counted\): wall [\d.]+ s, CPU [\d.]+ s$", text, re.M)
     is not None, "warm-up line")
need(re.search(r"^\s+at [a-z]+\.", text, re.M) is None, "no stack trace")
sys.exit(1 if bad else 0)
PY
[[ $fail -eq 0 ]] || tail -60 "$work/bench.log"

# Batch calls on the bench's plan: two good lines and one naming a missing file.
plan="$work/b/dvh/plan"
printf '%s\n' "# two plans" "--rtstruct RS.dcm --rtdose RD.dcm" "--rtstruct nowhere.dcm --rtdose RD.dcm" \
  "--rtstruct '$plan/RS.dcm' --rtdose '$plan/RD.dcm' --roi PTV" >"$plan/plans.txt"
rt dvh --batch "$plan/plans.txt" --out "$work/all.csv" >"$work/dvh.log" 2>&1
code=$?
rows=$(($(wc -l <"$work/all.csv" 2>/dev/null || echo 0) - 1))
if [[ $code -eq 1 && $rows -eq 7 ]] && grep -q 'plans.txt line 3: .*nowhere.dcm' "$work/dvh.log"; then
  echo "ok   dvh --batch: 7 rows (6 + 1 ROI), line 3 named, exit 1"
else
  echo "FAIL dvh --batch: exit $code, $rows rows"; cat "$work/dvh.log"; fail=1
fi
ct="$work/b/radiomics-split/ct"
printf '%s\n' "--image '$ct' --mask '$plan/RS.dcm' --roi PTV" "--image '$ct' --mask '$plan/RS.dcm' --roi HEART" \
  "--image '$ct' --mask '$plan/RS.dcm' --roi NOSUCH" >"$work/inputs.txt"
rt radiomics --batch "$work/inputs.txt" --modality CT --image-types Original --feature-classes firstorder,shape \
  --out "$work/rad.csv" >"$work/rad.log" 2>&1
code=$?
rows=$(($(wc -l <"$work/rad.csv" 2>/dev/null || echo 0) - 1))
if [[ $code -eq 1 && $rows -eq 2 ]] && grep -q "inputs.txt line 3: .*'NOSUCH'" "$work/rad.log"; then
  echo "ok   radiomics --batch: 2 rows, line 3 named, exit 1"
else
  echo "FAIL radiomics --batch: exit $code, $rows rows"; cat "$work/rad.log"; fail=1
fi
# The launcher's collector settings (G1's marking from a fixed 70 % of the heap) reach the JVM; RT_JAVA_OPTS wins.
if rt doctor | grep -q '^  gc *: G1 (.*), concurrent marking from 70 % of the heap (fixed)$' \
  && RT_JAVA_OPTS=-XX:+UseParallelGC rt doctor | grep -q '^  gc *: PS MarkSweep, PS Scavenge$'; then
  echo "ok   doctor: G1 marking from 70 % (fixed); -XX:+UseParallelGC in RT_JAVA_OPTS wins"
else
  echo "FAIL doctor gc line:"; rt doctor | grep '^  gc'; RT_JAVA_OPTS=-XX:+UseParallelGC rt doctor | grep '^  gc'; fail=1
fi
exit $fail
