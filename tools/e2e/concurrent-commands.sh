#!/usr/bin/env bash
# Issue 13 (6): several ./rt commands at once with one RT_HOME must all work. Starts 4 headless commands together
# and checks that each exits 0 without a stack trace, and that no per-process cache is left behind.
# Usage: tools/e2e/concurrent-commands.sh   (after the app is built; run by .ci/run)
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
home="$(mktemp -d "${TMPDIR:-/tmp}/rt-e2e-home.XXXXXX")"
logs="$(mktemp -d "${TMPDIR:-/tmp}/rt-e2e-logs.XXXXXX")"
trap 'rm -rf "$home" "$logs"' EXIT
pids=()
for i in 1 2 3 4; do
  cmd=stages; [[ $i -eq 1 ]] && cmd=doctor
  (cd "$repo" && RT_HOME="$home" ./rt "$cmd" >"$logs/$i.log" 2>&1; echo $? >"$logs/$i.rc") &
  pids+=($!)
done
wait "${pids[@]}"
fail=0
for i in 1 2 3 4; do
  rc="$(cat "$logs/$i.rc")"
  if [[ "$rc" != 0 ]] || grep -q '^\s*at [a-z]' "$logs/$i.log"; then
    echo "concurrent command $i failed (exit $rc):"; cat "$logs/$i.log"; fail=1
  fi
done
left="$(find "$home" -maxdepth 1 -name 'rt-cache.*' | wc -l)"
if [[ "$left" != 0 ]]; then echo "$left framework cache(s) left in RT_HOME"; fail=1; fi
[[ $fail -eq 0 ]] && echo "concurrent-commands: 4 commands with one RT_HOME, all exit 0, no cache left"
exit $fail
