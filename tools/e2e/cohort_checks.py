"""Shared parts of the end-to-end checks that run a whole cohort and compare its tables (kill -9, full disk)."""
import re
import subprocess
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
RT = str(REPO / "rt")
STAGE_LINE = re.compile(r"^\d\d:\d\d:\d\d (\S+) \d+/\d+ courses")
SCAN_LINE = re.compile(r"\[organize cohort\] scanning ")
STACK_LINE = re.compile(r"^\s+at [\w$.]+\(|^Exception in thread|^Caused by: ")
# Every stage stays installed and runs; radiomics uses the CT feature classes on the original image only, which keeps
# a run within seconds (the bundled CT parameters add LoG and wavelet images, 10x the time, and nothing to check here).
LIGHT_PARAMS = """# End-to-end checks: the CT feature classes on the original image only.
imageType:
  Original: {}
featureClass:
  shape:
  firstorder:
  glcm:
  glrlm:
  glszm:
  gldm:
  ngtdm:
setting:
  resampledPixelSpacing: [1, 1, 1]
  interpolator: sitkBSpline
  binWidth: 25
  label: 1
"""


def light_cohort(work: Path, patients: int, env) -> tuple:
    """Writes the demo cohort's input and a configuration with light radiomics; returns (input, config)."""
    demo = work / "demo"
    subprocess.run([RT, "demo", str(demo), "--patients", str(patients), "--write-only"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    params = work / "light-params.yaml"
    params.write_text(LIGHT_PARAMS)
    demo_config = (demo / "rt-demo.yaml").read_text()
    section = "\nradiomics.robustness:\n"
    if section not in demo_config:
        raise SystemExit("the demo's configuration has no radiomics.robustness section; update cohort_checks.py")
    config = work / "config.yaml"
    config.write_text(demo_config.replace(section, f"{section}  params: {params}\n")
                      + f"radiomics:\n  params: {params}\n")
    return demo / "input", config


def run_command(dicom_root: Path, out: Path, config: Path):
    return [RT, "run", "--dicom-root", str(dicom_root), "--outdir", str(out), "--config", str(config)]


def events(log: Path):
    """Progress events in the order run.log shows them: 'scan' (organize starts), then each finished stage."""
    if not log.is_file():
        return []
    found = []
    for line in log.read_text(errors="replace").splitlines():
        if SCAN_LINE.search(line):
            found.append("scan")
        m = STAGE_LINE.match(line)
        if m:
            found.append(m.group(1))
    return found


def jvm_of(launcher: subprocess.Popen):
    """The java process the ./rt script started (its child), or None."""
    out = subprocess.run(["pgrep", "-P", str(launcher.pid), "java"], capture_output=True, text=True).stdout
    pids = [int(p) for p in out.split()]
    return pids[0] if pids else None


def tables(root: Path):
    """Every CSV a run wrote, per course and cohort (the input folder aside), relative to OUT."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.csv") if p.relative_to(root).parts[0] != "input")


def xlsx_differences(a: Path, b: Path):
    """Entries of two workbooks that differ; docProps/core.xml aside (POI stamps the creation time there)."""
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        names_a = sorted(n for n in za.namelist() if n != "docProps/core.xml")
        names_b = sorted(n for n in zb.namelist() if n != "docProps/core.xml")
        if names_a != names_b:
            return ["the entry lists"]
        return [n for n in names_a if za.read(n) != zb.read(n)]


def table_problems(out: Path, ref: Path):
    """What differs between the tables of OUT and those of the reference run (empty when identical)."""
    problems = []
    got, want = tables(out), tables(ref)
    if got != want:
        problems.append(f"tables differ in name: missing {sorted(set(want) - set(got))},"
                        f" extra {sorted(set(got) - set(want))}")
    for name in want:
        if (out / name).is_file() and (out / name).read_bytes() != (ref / name).read_bytes():
            problems.append(f"{name} differs")
    xlsx = Path("cohort/results.xlsx")
    if (out / xlsx).is_file():
        diff = xlsx_differences(out / xlsx, ref / xlsx)
        if diff:
            problems.append(f"results.xlsx differs in {diff}")
    else:
        problems.append("no results.xlsx")
    return problems


def temp_files(out: Path, home: Path):
    """Temp files under OUT (AtomicFiles' .rt-tmp, POI's) and framework caches left in RT_HOME."""
    left = [str(p) for p in out.rglob("*")
            if p.name.endswith((".rt-tmp", ".tmp")) or p.name.startswith("poi-") or p.name == ".poi-tmp"]
    left += [str(p) for p in home.glob("rt-cache.*")]
    return left


def stack_trace_lines(console: str):
    return [line for line in console.splitlines() if STACK_LINE.search(line)]
