#!/usr/bin/env python3
"""Cluster checks (issue 16): one run on three member JVMs on 127.0.0.1, each with its own port and RT_HOME.

Work travels as (course, stage) tasks: a stage of a course is queued once the stages it runs after are done for that
course, so the stages of one course run on several members (checked: at least one course's stages were done by more
than one member).

1. kill -9: the run's starter (which organizes, takes tasks too and aggregates) and two `rt worker`s process a demo
   cohort of 6 courses; as soon as a worker runs a task its JVM is killed with SIGKILL. Hazelcast declares it gone
   after the lease (5 s here), its task is re-queued and finishes elsewhere. The run must exit 0 with every CSV and
   results.xlsx identical to a single-machine run of the same input, and no temp file left under OUT.
2. SIGSTOP: worker 1 has a GPU slot (`--gpu-slots 1`); without CUDA no stage asks it for a GPU, which it tells the
   starter, so every task stays on the common queue (the run log says so). A worker is paused while it runs a
   radiomics task (which computes for a while before it renames its outputs), past its lease; the task is re-queued
   and the run ends (exit 0, tables identical). Then the worker is resumed (SIGCONT): its stage finds the task's lease
   taken by a newer claim, refuses to rename its outputs ("fenced"), and the course's files stay exactly those of the
   newer owner (same inode, mtime and bytes), with no temp file left.

The single-machine reference run (no cluster configured) must show no Hazelcast thread and no listening socket.
The runs use a subset of the stages (organize, structures, crop_ct, dvh, radiomics with cohort_checks' light parameters, qc,
report, aggregate), one core per member, to fit in a few minutes on two cores.
Usage: tools/e2e/cluster_run.py [--patients N]   (needs the app built: ./rt --rebuild stages)
"""
import argparse
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cohort_checks import RT, events, jvm_of, light_cohort, run_command, table_problems, temp_files

STAGES = "organize,structures,crop_ct,dvh,radiomics,qc,report,aggregate"
LEASE_S = 5


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def wait_for(predicate, timeout, what):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    raise TimeoutError(what)


class Cluster:
    """Two `rt worker`s and the starter's settings, in one work folder."""

    def __init__(self, work: Path, name: str, gpu_worker=None):
        self.work = work / name
        self.work.mkdir()
        self.ports = free_ports(3)  # starter, worker 1, worker 2
        self.workers = []
        self.logs = []
        for i in (1, 2):
            log = self.work / f"worker{i}.log"
            home = self.work / f"home{i}"
            join = ",".join(f"127.0.0.1:{p}" for j, p in enumerate(self.ports) if j != i)
            env = dict(os.environ, RT_HOME=str(home))
            self.workers.append(subprocess.Popen(
                [RT, "worker", "--port", str(self.ports[i]), "--join", join, "--lease-s", str(LEASE_S),
                 "--workers", "1"] + (["--gpu-slots", "1"] if gpu_worker == i else []),
                env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT))
            self.logs.append(log)
        for log in self.logs:
            wait_for(lambda: "rt worker: member" in log.read_text(errors="replace"), 120, f"{log} never joined")

    def config(self, base: Path):
        members = ", ".join(f"127.0.0.1:{p}" for p in self.ports[1:])
        cfg = self.work / "config.yaml"
        cfg.write_text(base.read_text() + f"\ncluster:\n  port: {self.ports[0]}\n  join: [{members}]\n"
                       f"  lease_s: {LEASE_S}\n")
        return cfg

    def running(self, stages=None):
        """(worker index, task) of the first worker that runs a task (of one of `stages`, if given), or None. A task
        is named by its course and stage: 'P1/C1 (dvh)'."""
        for i, log in enumerate(self.logs):
            for line in log.read_text(errors="replace").splitlines():
                if line.startswith("[cluster] ") and line.endswith(")") and ": running here" in line:
                    task = line[len("[cluster] "):line.index(": running here")]
                    if stages is None or task.endswith(tuple(f" ({s})" for s in stages)):
                        return i, task
        return None

    def stop(self):
        for p in self.workers:
            if p.poll() is None:
                jvm = jvm_of(p)
                if jvm:
                    os.kill(jvm, signal.SIGCONT)
                    os.kill(jvm, signal.SIGTERM)
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()


def members_per_course(logs):
    """course -> the members (log files) that finished some stage task of it."""
    done = {}
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            m = re.match(r"\[cluster\] (.+) \((.+)\): done here", line)
            if m:
                done.setdefault(m.group(1), set()).add(log.name)
    return done


def snapshot(folder: Path):
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def start_run(dicom_root, out, cfg, home, log):
    env = dict(os.environ, RT_HOME=str(home))
    return subprocess.Popen(run_command(dicom_root, out, cfg) + ["--stage", STAGES, "--workers", "1", "--cluster"],
                            env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)


def kill_check(work, dicom_root, config, ref):
    cluster = Cluster(work, "kill")
    try:
        out, log = cluster.work / "out", cluster.work / "starter.log"
        t0 = time.monotonic()
        run = start_run(dicom_root, out, cluster.config(config), cluster.work / "home0", log)
        # a task that lasts (radiomics, seconds), not one that may end before the kill lands (structures takes
        # 0.1 s: a worker killed just after it held no task, and nothing was left to re-queue)
        i, course = wait_for(lambda: cluster.running(("radiomics",)), 240, "no worker started radiomics")
        time.sleep(0.5)
        os.kill(jvm_of(cluster.workers[i]), signal.SIGKILL)
        print(f"kill -9: worker {i + 1} killed {time.monotonic() - t0:.1f} s into the run, while running {course}")
        code = run.wait(600)
        text = log.read_text(errors="replace")
        problems = [] if code == 0 else [f"the run exited {code}: {text[-1500:]}"]
        if "re-queued (its member is gone)" not in text:
            problems.append("the starter never re-queued the killed worker's course")
        problems += table_problems(out, ref)
        problems += [f"left behind: {p}" for p in temp_files(out, cluster.work / "home0")]
        spread = members_per_course(cluster.logs + [log])
        shared = sorted(c for c, m in spread.items() if len(m) > 1)
        if not shared:
            problems.append(f"no course had stages done by more than one member: {spread}")
        print(f"kill -9: {len(shared)} of {len(spread)} courses had their stages done by more than one member")
        print(f"kill -9: run ended (exit {code}) after {time.monotonic() - t0:.1f} s; "
              + ("tables identical to the single-machine run" if not problems else "; ".join(problems)))
        return problems
    finally:
        cluster.stop()


def pause_check(work, dicom_root, config, ref):
    # worker 1 has a GPU slot, but without CUDA no stage asks it for a GPU: it says so, and no task is routed to it
    cluster = Cluster(work, "pause", gpu_worker=1)
    try:
        out, log = cluster.work / "out", cluster.work / "starter.log"
        t0 = time.monotonic()
        run = start_run(dicom_root, out, cluster.config(config), cluster.work / "home0", log)
        # a stage that computes for a while before it renames its outputs (radiomics), so that the pause lands before
        # them and the resumed worker has writes left to be refused (a stage paused after its last rename only has its
        # result dropped)
        i, task = wait_for(lambda: cluster.running(("radiomics",)), 240, "no worker started radiomics")
        course = task.split(" (")[0]
        time.sleep(0.5)
        paused = jvm_of(cluster.workers[i])
        os.kill(paused, signal.SIGSTOP)
        print(f"SIGSTOP: worker {i + 1} paused {time.monotonic() - t0:.1f} s into the run, while running {task}")
        code = run.wait(600)
        text = log.read_text(errors="replace")
        problems = [] if code == 0 else [f"the run exited {code}: {text[-1500:]}"]
        if f"{task} re-queued (its member is gone)" not in text:
            problems.append(f"the starter never re-queued {task} of the paused worker")
        if "1 member(s) with GPU slots, no stage asks them for a GPU: every task on the common queue" not in text:
            problems.append("the starter did not report that the GPU worker declared no GPU stage (no CUDA here)")
        problems += table_problems(out, ref)
        folder = out / course
        before = snapshot(folder)
        os.kill(paused, signal.SIGCONT)
        wlog = cluster.logs[i]
        try:
            wait_for(lambda: f"[cluster] {task}: result dropped" in wlog.read_text(errors="replace"), 120,
                     "the resumed worker never finished its stale course")
        except TimeoutError as e:
            problems.append(str(e))
        wtext = wlog.read_text(errors="replace")
        fenced = [line for line in wtext.splitlines() if "fenced: course " + course in line]
        if not fenced:
            problems.append("the resumed worker reported no fenced write")
        after = snapshot(folder)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        if changed:
            problems.append(f"the resumed worker changed {changed}")
        problems += [f"left behind: {p}" for p in temp_files(out, cluster.work / "home0")]
        print(f"SIGSTOP: run ended (exit {code}); worker resumed, {len(fenced)} fenced write(s) refused, "
              f"{len(before)} files of {course} " + ("unchanged" if not changed else "CHANGED")
              + (f"; first: {fenced[0].strip()[:160]}" if fenced else ""))
        return problems
    finally:
        cluster.stop()


def not_configured_problems(run: subprocess.Popen, out: Path):
    """While a plain run (no cluster configured) is in its course phase: Hazelcast threads or listening sockets."""
    wait_for(lambda: any(e != "scan" for e in events(out / "cohort" / "run.log")), 300, "the run never got going")
    jvm = jvm_of(run)
    jstack = Path(os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")) / "bin" / "jstack"
    threads = subprocess.run([str(jstack) if jstack.is_file() else "jstack", str(jvm)], capture_output=True,
                             text=True).stdout
    if "Full thread dump" not in threads:
        return [f"jstack {jvm} gave no thread dump"]
    problems = [f"Hazelcast thread in a run without cluster: {line.strip()[:100]}"
                for line in threads.splitlines() if line.startswith('"hz.')]
    sockets = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True).stdout
    problems += [f"listening socket in a run without cluster: {line.strip()}"
                 for line in sockets.splitlines() if f"pid={jvm}," in line]
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--patients", type=int, default=6)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cluster-run-"))
    env = dict(os.environ, RT_HOME=str(work / "home"))
    try:
        dicom_root, config = light_cohort(work, args.patients, env)
        ref = work / "ref"
        t0 = time.monotonic()
        single = subprocess.Popen(run_command(dicom_root, ref, config) + ["--stage", STAGES, "--workers", "2"],
                                  env=env, stdout=subprocess.DEVNULL)
        problems = not_configured_problems(single, ref)
        if single.wait(600) != 0:
            raise SystemExit(f"the single-machine run failed (exit {single.returncode})")
        print(f"single-machine run: {time.monotonic() - t0:.1f} s, {args.patients} courses; "
              + ("no Hazelcast thread, no listening socket" if not problems else "; ".join(problems)))
        problems += kill_check(work, dicom_root, config, ref)
        problems += pause_check(work, dicom_root, config, ref)
        for p in problems:
            print("FAIL: " + p)
        return 1 if problems else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
