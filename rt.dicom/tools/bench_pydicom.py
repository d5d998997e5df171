#!/usr/bin/python3
"""Same benchmark as rt.dicom.bench.DicomBench with pydicom: header scan files/s (stop_before_pixels) over every
.dcm of the reference data, and full parse of the dicompyler RTSTRUCT incl. all ContourData as floats."""
import glob, os, sys, time
import pydicom

root = sys.argv[1] if len(sys.argv) > 1 else "../shared/refdata"
files = sorted(glob.glob(os.path.join(root, "**", "*.dcm"), recursive=True))

def scan():
    for f in files:
        try:
            ds = pydicom.dcmread(f, stop_before_pixels=True, force=True)
            ds.get("SOPInstanceUID")
        except Exception:  # noqa: BLE001 - rejected files count as scanned, as in the Java benches
            pass

for _ in range(2):
    scan()
rounds = 5
t = time.perf_counter()
for _ in range(rounds):
    scan()
s = time.perf_counter() - t
print("pydicom %s header scan: %d files x %d rounds: %.0f files/s" % (pydicom.__version__, len(files), rounds, len(files) * rounds / s))

structs = sys.argv[2:] or [os.path.join(root, "dicompyler-core", "rtss.dcm")]


def parse(rtss):
    ds = pydicom.dcmread(rtss)
    n = 0
    for rc in ds.ROIContourSequence:
        for c in rc.get("ContourSequence", []):
            n += len([float(v) for v in c.ContourData])
    return n


for rtss in structs:
    mb = os.path.getsize(rtss) / 1e6
    parse(rtss)
    n = 10
    t = time.perf_counter()
    for _ in range(n):
        parse(rtss)
    s = time.perf_counter() - t
    print("pydicom %s %.2f MB parse + all contour floats: %.1f ms/file, %.1f MB/s"
          % (os.path.basename(rtss), mb, s * 1000 / n, mb * n / s))
