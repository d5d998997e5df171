#!/usr/bin/env bash
# Issue 13 end to end through ./rt (run by .ci/run after the build): path guards, bad input in a real cohort, and a
# code-carrying jar in deploy/. Checks exit codes against the README, bounded time, no bare stack traces, nothing
# written outside OUT. Prints one line per check.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rt-e2e-hostile.XXXXXX")"
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
export RT_HOME="$work/home"
fail=0
rt() { (cd "$work" && timeout 300 "$repo/rt" "$@"); }
check() { # name expected-exit actual-exit log
  if [[ "$2" != "$3" ]] || grep -qE '^\s+at [a-z]+\.' "$4"; then
    echo "FAIL $1: exit $3 (expected $2)"; sed -n '1,40p' "$4"; fail=1
  else
    echo "ok   $1: exit $3"
  fi
}

# A valid demo cohort (our writers), then hostile additions: a FIFO, a symlink loop, a broken link, a text file.
# RT_STAGES=organize: only the input is needed here, not the whole pipeline.
RT_STAGES=organize rt demo "$work/demo" --patients 1 >"$work/demo.log" 2>&1 || { echo "FAIL demo input"; cat "$work/demo.log"; exit 1; }
in="$work/in"; mkdir -p "$in"; cp -r "$work/demo/input/." "$in/"
mkfifo "$in/pipe.dcm"; ln -s "$in" "$in/loop"; ln -s "$in/nowhere" "$in/broken.dcm"; echo "not DICOM" >"$in/notes.txt"

rt inspect "$in" >"$work/inspect.log" 2>&1; check "inspect with a FIFO, a loop and a text file" 1 $? "$work/inspect.log"
grep -q 'NOT USED .*pipe.dcm: special file' "$work/inspect.log" || { echo "FAIL inspect does not name the FIFO"; fail=1; }

rt run --dicom-root "$in" --outdir "$in" >"$work/same.log" 2>&1; check "--outdir = --dicom-root" 2 $? "$work/same.log"
[[ -e "$in/cohort" ]] && { echo "FAIL OUT written inside the input"; fail=1; }
rt run --dicom-root "$work/nope" --outdir "$work/out0" >"$work/nope.log" 2>&1; check "missing --dicom-root" 2 $? "$work/nope.log"
[[ -e "$work/out0" ]] && { echo "FAIL OUT created for a missing input"; fail=1; }

before="$(find "$in" | sort | md5sum)"
rt run --dicom-root "$in" --outdir "$work/out" --stage organize >"$work/run.log" 2>&1; check "organize beside bad inputs" 0 $? "$work/run.log"
[[ -f "$work/out/DEMO001/2024-03/course.json" ]] || { echo "FAIL the valid course was not organized"; fail=1; }
[[ "$(find "$in" | sort | md5sum)" == "$before" ]] || { echo "FAIL the input folder changed"; fail=1; }

# A jar that carries code, dropped into deploy/: refused, its activator class never loads.
mkdir -p "$work/jar/META-INF" "$RT_HOME/deploy"
printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: e2e.hostile\nBundle-Version: 1.0.0\nBundle-Activator: e2e.Hostile\nImport-Package: org.osgi.framework\n' >"$work/jar/META-INF/MANIFEST.MF"
(cd "$work/jar" && jar cfm "$RT_HOME/deploy/hostile.jar" META-INF/MANIFEST.MF)
start=$(date +%s)
rt stages >"$work/stages.log" 2>&1; check "stages with a code jar in deploy/" 0 $? "$work/stages.log"
grep -q 'refused hostile.jar from the deploy folder: it carries code (manifest header Bundle-Activator' "$work/stages.log" \
  || { echo "FAIL no refusal message"; sed -n '1,20p' "$work/stages.log"; fail=1; }
echo "     stages with a refused jar took $(( $(date +%s) - start )) s"
[[ $fail -eq 0 ]] && echo "hostile-cli: all checks passed"
exit $fail
