#!/usr/bin/env bash
# Readiness under load (issue 13 item 1): N headless `./rt stages` in a row (default 50) while two CPU hogs run,
# with a model bundle in deploy/. Every run must list every installed stage, including the deploy model's
# segmentation.custom stage. Prints one line per run and a summary; exits 1 when any run missed a stage.
# Usage: tools/readiness-under-load.sh [N]      (needs the app built: ./rt --rebuild stages)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-50}"
work="$(mktemp -d)"
hogs=()
cleanup() {
  for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# A model bundle that is not part of the app: the rules model renamed, packed by the app's own model-pack.
mkdir -p "$work/model" "$work/home/deploy"
cp "$repo/rt.model.rules/src/main/resources/model/"* "$work/model/"
sed -i 's/^name: .*/name: loadtest/' "$work/model/model.yaml"
RT_HOME="$work/packer" "$repo/rt" model-pack "$work/model" "$work/home/deploy/loadtest.jar" >/dev/null

expected="$(RT_HOME="$work/home" "$repo/rt" stages | awk 'NR>1 {print $1}' | sort)"
if ! grep -qx 'segmentation.custom:loadtest' <<<"$expected"; then
  echo "baseline run (no load) does not list segmentation.custom:loadtest:"; echo "$expected"; exit 1
fi
echo "expected $(wc -l <<<"$expected") stages: $(tr '\n' ' ' <<<"$expected")"

yes >/dev/null & hogs+=($!)
yes >/dev/null & hogs+=($!)
ok=0
for i in $(seq 1 "$n"); do
  start=$(date +%s.%N)
  set +e
  got="$(RT_HOME="$work/home" "$repo/rt" stages 2>"$work/err" | awk 'NR>1 {print $1}' | sort)"
  code=$?
  set -e
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  missing="$(comm -23 <(echo "$expected") <(echo "$got") | tr '\n' ' ')"
  if [[ $code -eq 0 && -z "$missing" ]]; then
    ok=$((ok + 1)); echo "run $i: ok (${secs} s)"
  else
    echo "run $i: exit $code, missing: ${missing:-none}; stdout first fields: $(tr '\n' ' ' <<<"$got" | head -c 300);" \
         "stderr: $(head -c 300 "$work/err")"
  fi
done
echo "readiness under load: $ok/$n runs listed every installed stage"
[[ $ok -eq $n ]]
