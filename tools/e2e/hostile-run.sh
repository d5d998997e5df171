#!/usr/bin/env bash
# Issue 13's hostile-input suite through the real launcher: the corpus HostileInputTest wrote during the build
# (rt.organize/target/hostile-corpus: 1,000+ mutated RT objects, special files, symlink loops, bombs, beside two valid
# demo courses) goes through `./rt inspect` and `./rt run` with every installed stage. Checks: bounded time, exit codes
# by the README, no stack trace, nothing written outside OUT (the input and /tmp unchanged), both control courses
# processed by every per-course stage. Prints the outcomes.
# Usage: tools/e2e/hostile-run.sh   (after `mvn verify`; run by .ci/run)
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$repo/rt.organize/target/hostile-corpus"
if [[ ! -d "$corpus/hostile" ]]; then echo "no corpus at $corpus: run the rt.organize tests first"; exit 1; fi
work="$(mktemp -d "${TMPDIR:-/tmp}/rt-e2e-hostile-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export RT_HOME="$work/home"
fail=0
files="$(find "$corpus" -type f | wc -l)"
before_in="$(find "$corpus" -printf '%P %s %T@\n' 2>/dev/null | sort | md5sum)"
before_tmp="$(ls -A /tmp | sort)"

start=$(date +%s)
timeout 300 "$repo/rt" inspect "$corpus" >"$work/inspect.log" 2>&1
code=$?
notused="$(grep -c 'NOT USED' "$work/inspect.log")"
echo "inspect: exit $code in $(( $(date +%s) - start )) s, $files files, $notused lines NOT USED"
[[ $code -eq 1 ]] || { echo "FAIL inspect exit $code (expected 1: some inputs are not usable)"; fail=1; }

# Every stage; radiomics on the original image only (as the kill test), to keep the check within a minute or two.
cfg="$work/config.yaml"
params="$work/params.yaml"
python3 -c "import sys; sys.path.insert(0, '$repo/tools/e2e'); import cohort_checks; open('$params','w').write(cohort_checks.LIGHT_PARAMS)"
printf 'radiomics:\n  params: %s\nradiomics.robustness:\n  params: %s\n  rois: [PTV]\n  n_random_contour_realizations: 0\n' "$params" "$params" >"$cfg"
start=$(date +%s)
timeout 900 "$repo/rt" run --dicom-root "$corpus" --outdir "$work/out" --config "$cfg" >"$work/run.log" 2>&1
code=$?
echo "run: exit $code in $(( $(date +%s) - start )) s; $(grep -c '^  ' "$work/run.log") rows in the closing tables"
tail -3 "$work/run.log" | sed 's/^/    /'
[[ $code -eq 0 || $code -eq 1 ]] || { echo "FAIL run exit $code (expected 0 or 1)"; fail=1; }
if grep -qE '^\s+at [a-zA-Z$_.]+\(|^Exception in thread|^Caused by:' "$work/run.log" "$work/inspect.log"; then
  echo "FAIL a stack trace on the console:"; grep -m3 -E '^\s+at |Exception in thread|^Caused by:' "$work/run.log" "$work/inspect.log"; fail=1
fi
for control in DEMO001 DEMO002; do
  for f in dvh/dvh_metrics.csv radiomics/radiomics.csv qc/qc.json report.html; do
    found="$(find "$work/out/$control" -path "*/$f" 2>/dev/null | head -1)"
    [[ -n "$found" ]] || { echo "FAIL control course $control has no $f"; fail=1; }
  done
done
[[ -f "$work/out/cohort/results.xlsx" ]] || { echo "FAIL no cohort tables"; fail=1; }
[[ "$(find "$corpus" -printf '%P %s %T@\n' 2>/dev/null | sort | md5sum)" == "$before_in" ]] \
  || { echo "FAIL the input folder changed"; fail=1; }
new_tmp="$(comm -13 <(echo "$before_tmp") <(ls -A /tmp | sort) | grep -v "^$(basename "$work")\$" | grep -iE 'poi|onnx|rt-|felix|fileinstall|\.tmp$' || true)"
[[ -z "$new_tmp" ]] || { echo "FAIL left in /tmp: $new_tmp"; fail=1; }
[[ $fail -eq 0 ]] && echo "hostile-run: $files files through inspect and run; both control courses through every stage"
exit $fail
