#!/usr/bin/env bash
# Kill -9 test (issue 13): N kills (default 20) at random moments of a demo-cohort run, across every stage, each
# followed by resumes until the run completes. The tables must be byte-identical to an uninterrupted run's and no
# temp file may be left. Prints, per kill: the moment, the stage(s) running when killed, the resume time and verdict.
# Usage: tools/kill-resume.sh [N] [PATIENTS] [SEED]       (needs the app built: ./rt --rebuild stages)
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-20}"
patients="${2:-1}"
RANDOM="${3:-13}"
work="$(mktemp -d)"
export RT_HOME="$work/home"
child=""
cleanup() {
  [[ -n "$child" ]] && kill -9 "$child" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The compared tables: every CSV the run writes (cohort and per course). results.xlsx is left out: POI stamps the
# creation time into it. run.log and .state/ hold timings and are not tables.
tables() { (cd "$1" && find . -name '*.csv' -not -path './input/*' | sort); }

"$repo/rt" demo "$work/demo" --patients "$patients" >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
input="$work/demo/input"
config="$work/demo/rt-demo.yaml"
out="$work/out"
run() { "$repo/rt" run --dicom-root "$input" --outdir "$out" --config "$config"; }

start=$(date +%s.%N)
run >"$work/ref.log" 2>&1 || { echo "reference run failed:"; tail -20 "$work/ref.log"; exit 1; }
full=$(echo "$(date +%s.%N) - $start" | bc)
mv "$out" "$work/ref"
echo "uninterrupted run: ${full} s, $(tables "$work/ref" | wc -l) tables"

identical=0
for i in $(seq 1 "$n"); do
  rm -rf "$out"
  delay=$(echo "scale=1; 1 + $((RANDOM % 1000)) * ($full - 1) / 1000" | bc)   # uniform over the run
  "$repo/rt" run --dicom-root "$input" --outdir "$out" --config "$config" >"$work/kill-$i.log" 2>&1 &
  launcher=$!   # the ./rt script; the JVM is its child
  sleep "$delay"
  child="$(pgrep -P "$launcher" java || true)"
  running="$(tail -1 "$out/cohort/run.log" 2>/dev/null | cut -c10-80)"
  if [[ -n "$child" ]]; then kill -9 "$child"; else running="run ended before the kill"; fi
  wait "$launcher" 2>/dev/null
  child=""
  t0=$(date +%s.%N)
  tries=0
  code=1
  while [[ $code -ne 0 && $tries -lt 3 ]]; do
    run >"$work/resume-$i.log" 2>&1
    code=$?
    tries=$((tries + 1))
  done
  resume=$(echo "$(date +%s.%N) - $t0" | bc)
  same=true
  if [[ "$(tables "$out")" != "$(tables "$work/ref")" ]]; then same=false; fi
  for t in $(tables "$work/ref"); do cmp -s "$out/$t" "$work/ref/$t" || { same=false; echo "  differs: $t"; }; done
  temps="$(find "$out" \( -name '*.tmp' -o -name '*.tmp.*' -o -name 'poi-*' \) | wc -l)"
  if [[ $same == true && $temps -eq 0 && $code -eq 0 ]]; then
    identical=$((identical + 1))
  else
    keep="$(mktemp -d /tmp/kill-resume-diff-XXXX)"; cp -r "$out" "$keep/out"; cp "$work"/*-"$i".log "$keep/"
    echo "  kept for inspection: $keep (reference tables: rerun the uninterrupted run)"
  fi
  echo "kill $i at ${delay} s (last log line: ${running:-none yet, framework starting}): resume exit $code in ${resume} s" \
       "($tries run(s)), tables identical: $same, temp files left: $temps"
done
echo "kill -9 test: $identical/$n resumes gave tables identical to the uninterrupted run, no temp files left"
[[ $identical -eq $n ]]
