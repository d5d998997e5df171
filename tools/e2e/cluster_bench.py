#!/usr/bin/env python3
"""Cluster benchmark (issue 16; figures, not a test): on one demo cohort with the light stages of cluster_run.py,
  1. courses per hour of a --cluster run with 1 member (the starter alone) and with 2 members (starter + one
     `rt worker`), each member with a 1-core budget (--workers 1), and their ratio;
  2. a plain single-machine run (--workers 1) with rt.cluster installed but not configured, against the same app with
     the rt.cluster, Hazelcast and jsr305 bundles removed (an app.jar rewritten without them), twice each,
     alternating, and the ratio of their sums.
On a shared 2-core machine the figures carry the noise of whatever else runs; each run gets a fresh OUT.
With --heavy the cohort keeps the demo's radiomics parameters (the CT set: Original, LoG and wavelet), so the
courses are CPU-bound rather than start-up bound; --members-only skips part 2.
Usage: tools/e2e/cluster_bench.py [--patients N] [--heavy] [--members-only]   (needs the app built)
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from cluster_run import STAGES, free_ports, wait_for
from cohort_checks import REPO, RT, jvm_of, light_cohort, run_command

DROPPED = ("hazelcast-", "jsr305-", "rt.cluster-")


def app_without_cluster(work: Path) -> str:
    """A copy of the launcher whose app.jar lacks the cluster bundles; returns its ./rt."""
    repo = work / "nocluster"
    (repo / "rt.app" / "target").mkdir(parents=True)
    shutil.copy(REPO / "rt", repo / "rt")
    shutil.copy(REPO / "rt.app" / "logging.properties", repo / "rt.app" / "logging.properties")
    with zipfile.ZipFile(REPO / "rt.app" / "target" / "app.jar") as src, \
            zipfile.ZipFile(repo / "rt.app" / "target" / "app.jar", "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            if item.filename.startswith("jar/") and item.filename[4:].startswith(DROPPED):
                continue
            data = src.read(item.filename)
            if item.filename == "launcher.properties":
                text = data.decode("latin-1")
                def strip(m):
                    kept = [e for e in m.group(2).split(",")
                            if not re.match(r"(jar/)?(hazelcast|jsr305|rt\.cluster|org\.jsr-305|com\.hazelcast)\b", e)]
                    return m.group(1) + ",".join(kept)
                text = re.sub(r"^(launch\.(?:bundles|runbundles\.attrs)=)(.*)$", strip, text, flags=re.M)
                data = text.encode("latin-1")
            dst.writestr(item, data)
    return str(repo / "rt")


def timed(cmd, env):
    t0 = time.monotonic()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--patients", type=int, default=6)
    ap.add_argument("--heavy", action="store_true", help="the demo's own radiomics parameters")
    ap.add_argument("--members-only", action="store_true", help="only 1 vs 2 members")
    ap.add_argument("--one-cpu-jvms", action="store_true",
                    help="every JVM of part 1 sees one CPU (-XX:ActiveProcessorCount=1: one GC thread, fewer JIT "
                         "threads), so that two members on one 2-core machine stand for two 1-core machines")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (logs, outputs) and print its path")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    env = dict(os.environ, RT_HOME=str(work / "home"))
    n = args.patients
    try:
        dicom_root, config = light_cohort(work, n, env)
        if args.heavy:
            config = work / "demo" / "rt-demo.yaml"
        # the configuration is given once: with two --config options the run read only the first, so the members
        # never met and "2 members" ran on the starter alone
        base = lambda rt, out, conf=config: [rt] + run_command(dicom_root, work / out, conf)[1:] + [
            "--stage", STAGES, "--workers", "1"]
        # 2. not configured vs not installed (first, before any member exists)
        # alternating, absent first: the first run after the demo is written pays for cold caches
        nocluster = app_without_cluster(work)
        times = {"installed": [], "absent": []}
        for i, (name, rt) in enumerate([] if args.members_only else [("absent", nocluster), ("installed", RT)] * 2):
            times[name].append(timed(base(rt, f"single{i}"), env))
        plain, stripped = sum(times["installed"]), sum(times["absent"])
        if not args.members_only:
            print(f"single machine, 1 core, {n} courses: cluster installed, not configured "
                  f"{' '.join(f'{t:.1f}' for t in times['installed'])} s; not installed "
                  f"{' '.join(f'{t:.1f}' for t in times['absent'])} s; ratio of sums {plain / stripped:.3f}")
        # 1. one member vs two
        if args.one_cpu_jvms:
            env = dict(env, RT_JAVA_OPTS=(env.get("RT_JAVA_OPTS", "") + " -XX:ActiveProcessorCount=1").strip())
        p0, p1 = free_ports(2)
        cfg = work / "cluster.yaml"
        cfg.write_text(config.read_text() + f"\ncluster:\n  port: {p0}\n  join: [127.0.0.1:{p1}]\n")
        one = timed(base(RT, "one", cfg) + ["--cluster"], env)
        log = work / "worker.log"
        worker = subprocess.Popen([RT, "worker", "--port", str(p1), "--join", f"127.0.0.1:{p0}", "--workers", "1"],
                                  env=dict(env, RT_HOME=str(work / "home1")), stdout=open(log, "w"),
                                  stderr=subprocess.STDOUT)
        try:
            wait_for(lambda: "rt worker: member" in log.read_text(errors="replace"), 120, "worker never started")
            two = timed(base(RT, "two", cfg) + ["--cluster"], env)
        finally:
            os.kill(jvm_of(worker), 15)
            worker.wait(30)
        print(f"cluster, 1-core members, {n} courses: 1 member {one:.1f} s ({n * 3600 / one:.0f} courses/h), "
              f"2 members {two:.1f} s ({n * 3600 / two:.0f} courses/h), speed-up {one / two:.2f}")
        return 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
