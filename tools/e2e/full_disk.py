#!/usr/bin/env python3
"""Full disk (issue 13, item 8): a run whose output folder fills up must say so in one line per failure, naming the
file it could not write, without a stack trace; the exit code says not everything was done; and once space is freed,
a resume gives the tables of an uninterrupted run, with no temp file left.

OUT lies on a tmpfs mounted here (root only). A reference run on a roomy tmpfs measures the bytes a run needs (U);
then runs with the disk at fractions of U fill it during organize, during the per-course stages and near the end.
After each, the tmpfs is grown (remount keeps the files) and the run resumed.

Exits 77 (skipped) when a tmpfs cannot be mounted (not root, or no mount permission in a container).
Usage: tools/e2e/full_disk.py [--fractions 0.3,0.75,0.9]      (needs the app built: ./rt --rebuild stages)
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cohort_checks import light_cohort, run_command, stack_trace_lines, table_problems, temp_files

ROOMY = "512m"


def mount(point: Path, size: str, remount=False):
    opts = f"remount,size={size}" if remount else f"size={size}"
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)], capture_output=True,
                          text=True).returncode == 0


def used_bytes(point: Path):
    st = os.statvfs(point)
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fractions", default="0.3,0.75,0.9")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="full-disk-"))
    disk = work / "disk"
    disk.mkdir()
    env = dict(os.environ, RT_HOME=str(work / "home"))
    try:
        if os.geteuid() != 0 or not mount(disk, ROOMY):
            print("full-disk: skipped: cannot mount a tmpfs here (needs root and mount permission)")
            return 77
        try:
            return check(args, work, disk, env)
        finally:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check(args, work: Path, disk: Path, env):
    dicom_root, config = light_cohort(work, 1, env)
    ref = disk / "ref"
    done = subprocess.run(run_command(dicom_root, ref, config), env=env, capture_output=True, text=True)
    if done.returncode != 0:
        print("reference run failed:\n" + done.stdout[-3000:] + done.stderr[-3000:])
        return 1
    need = used_bytes(disk)
    keep = work / "ref"
    shutil.copytree(ref, keep, symlinks=True)
    shutil.rmtree(ref)
    print(f"reference run: {need / 1e6:.1f} MB on the output disk")
    failures = 0
    for fraction in [float(f) for f in args.fractions.split(",")]:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
        size = max(64 * 1024, int(need * fraction) // 4096 * 4096)
        if not mount(disk, str(size)):
            print(f"cannot mount a tmpfs of {size} bytes")
            return 1
        out = disk / "out"
        full = subprocess.run(run_command(dicom_root, out, config), env=env, capture_output=True, text=True)
        console = full.stdout + full.stderr
        problems = []
        if full.returncode != 1:
            problems.append(f"exit {full.returncode} on a full disk (expected 1)")
        traces = stack_trace_lines(console)
        if traces:
            problems.append(f"{len(traces)} stack trace line(s) on the console, e.g. {traces[0].strip()!r}")
        failed_rows = [line for line in console.splitlines() if " FAILED " in line]
        if not failed_rows:
            problems.append("no failed task in the closing table")
        for row in failed_rows:
            if "No space left on device" not in row or str(disk) not in row:
                problems.append(f"a failure that does not say which file and why: {row.strip()!r}")
        mount(disk, ROOMY, remount=True)
        resume = subprocess.run(run_command(dicom_root, out, config), env=env, capture_output=True, text=True)
        if resume.returncode != 0:
            problems.append(f"resume after freeing space: exit {resume.returncode}: "
                            f"{resume.stdout.strip().splitlines()[-3:]}")
        problems += table_problems(out, keep)
        left = temp_files(out, Path(env["RT_HOME"]))
        if left:
            problems.append(f"temp files left: {left}")
        stages = sorted({row.split()[1] for row in failed_rows if len(row.split()) > 1})
        print(f"disk at {fraction:.0%} of what a run needs ({size / 1e6:.1f} MB): exit {full.returncode},"
              f" failed {stages}; resume exit {resume.returncode}:"
              f" {'tables identical, no temp files' if not problems else 'FAILED: ' + '; '.join(problems)}")
        for row in failed_rows[:3]:
            print(f"    {row.strip()}")
        failures += bool(problems)
        shutil.rmtree(out, ignore_errors=True)
    print(f"full-disk: {len(args.fractions.split(',')) - failures}/{len(args.fractions.split(','))} cases passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
