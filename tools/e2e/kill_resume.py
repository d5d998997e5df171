#!/usr/bin/env python3
"""Kill -9 test (issue 13): kill a demo-cohort run at N points spread over every stage, resume, compare.

An uninterrupted reference run is watched first: each line that marks progress in OUT/cohort/run.log (organize's
"scanning", then one "<stage> n/n courses" line per stage) is an event, timed by polling. The interval after an event
is the time the next stage runs. Kill k picks interval k mod (number of intervals) -- so every stage, start-up,
organize and aggregate included, gets at least one kill when N >= the number of intervals -- waits in a fresh run for
the event that opens it, sleeps a uniform random part of the interval's reference length, and kill -9s the JVM. One
resume (`rt run` again) must then exit 0 and leave:
  - every CSV the reference run wrote (per course and cohort) byte-identical,
  - results.xlsx identical entry by entry (docProps/core.xml aside: POI stamps the creation time there),
  - no temp file (AtomicFiles' .rt-tmp, POI's .poi-tmp / poi-*, *.tmp) under OUT, no framework cache in RT_HOME.
Prints one line per kill: the stage it hit, when, the resume time and the verdict; exits 1 unless all pass.

The pipeline runs with every stage installed; radiomics uses the CT parameters' feature classes on the original image
only (cohort_checks.LIGHT_PARAMS), which keeps 20 kills + resumes within minutes without skipping a stage.

Usage: tools/e2e/kill_resume.py [--kills N] [--patients P] [--seed S]   (needs the app built: ./rt --rebuild stages)
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cohort_checks import events, jvm_of, light_cohort, run_command, table_problems, tables, temp_files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--patients", type=int, default=1)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kill-resume-"))
    env = dict(os.environ, RT_HOME=str(work / "home"))
    try:
        return run(args, rng, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args, rng, work: Path, env):
    dicom_root, config = light_cohort(work, args.patients, env)
    cmd = run_command(dicom_root, work / "out", config)

    # Reference run, watched: the time of each event since launch.
    ref = work / "ref"
    t0 = time.monotonic()
    launcher = subprocess.Popen(run_command(dicom_root, ref, config), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.STDOUT)
    times = {"start-up": 0.0}
    order = ["start-up"]
    while launcher.poll() is None:
        for e in events(ref / "cohort" / "run.log")[len(order) - 1:]:
            times[e] = time.monotonic() - t0
            order.append(e)
        time.sleep(0.02)
    end = time.monotonic() - t0
    if launcher.returncode != 0:
        print(f"reference run failed (exit {launcher.returncode})")
        return 1
    for e in events(ref / "cohort" / "run.log")[len(order) - 1:]:
        times[e] = end
        order.append(e)
    # Interval i runs from event i to event i+1; it is named after the stage that ends it.
    intervals = [(order[i], order[i + 1] if i + 1 < len(order) else "shutdown",
                  (times[order[i + 1]] if i + 1 < len(order) else end) - times[order[i]]) for i in range(len(order))]
    # What runs in an interval: the stage whose line closes it (organize's scan line opens organize).
    intervals = [(a, "framework start-up" if a == "start-up" else b, d) for a, b, d in intervals]
    ref_tables = tables(ref)
    print(f"uninterrupted run: {end:.1f} s, {len(ref_tables)} tables; {len(intervals)} intervals: "
          + ", ".join(f"{b} {d:.1f} s" for _, b, d in intervals))

    out = work / "out"
    home = Path(env["RT_HOME"])
    passed = 0
    for k in range(args.kills):
        after, stage, length = intervals[k % len(intervals)]
        killed_at = None
        for attempt in range(3):
            shutil.rmtree(out, ignore_errors=True)
            delay = rng.uniform(0, max(length, 0.05)) / (2 ** attempt)
            launcher = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            start = time.monotonic()
            while after != "start-up" and after not in events(out / "cohort" / "run.log") and launcher.poll() is None:
                time.sleep(0.01)
            time.sleep(delay)
            jvm = jvm_of(launcher)
            if jvm is not None and launcher.poll() is None:
                os.kill(jvm, signal.SIGKILL)
                killed_at = time.monotonic() - start
            launcher.wait()
            if killed_at is not None:
                break
        t = time.monotonic()
        resume = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        resume_s = time.monotonic() - t
        problems = []
        if killed_at is None:
            problems.append("the run ended before each of 3 kill attempts")
        elif attempt:
            stage += f" (attempt {attempt + 1}: the run had ended before the earlier kill)"
        if resume.returncode != 0:
            problems.append(f"resume exit {resume.returncode}: {resume.stdout.strip().splitlines()[-1:]}")
        problems += table_problems(out, ref)
        left = temp_files(out, home)
        if left:
            problems.append(f"temp files left: {left}")
        verdict = "identical" if not problems else "FAILED: " + "; ".join(problems)
        when = f"{killed_at:.2f} s" if killed_at is not None else "-"
        print(f"kill {k + 1:2d}: during {stage} (after '{after}', at {when} from launch);"
              f" resume {resume_s:.1f} s: {verdict}", flush=True)
        if problems:
            keep = Path(tempfile.mkdtemp(prefix="kill-resume-diff-"))
            shutil.copytree(out, keep / "out", symlinks=True)
            shutil.copytree(ref, keep / "ref", symlinks=True)
            (keep / "resume.log").write_text(resume.stdout)
            print(f"    kept for inspection: {keep}")
        else:
            passed += 1
    print(f"kill -9 test: {passed}/{args.kills} resumes gave tables identical to the uninterrupted run,"
          f" no temp files left")
    return 0 if passed == args.kills else 1


if __name__ == "__main__":
    sys.exit(main())
