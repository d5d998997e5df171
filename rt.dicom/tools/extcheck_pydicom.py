#!/usr/bin/python3
"""pydicom side of rt.dicom.tools.ExtCheck: reads file paths (one per line) on stdin and prints one line per file,
tab-separated key=value facts, for the Java tool to compare with rt.dicom's readers. Then one SERIES line per
multi-file image series of a folder. Values are computed the way rt.dicom documents its own results:
pixel sums after rescale slope/intercept, RTDOSE max/sum x DoseGridScaling, ROI names and point counts."""
import math
import os
import sys
from collections import defaultdict

import numpy as np
import pydicom
from pydicom.values import convert_SQ

NATIVE = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"}


def clean(v):
    return str(v).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def count_all(ds):
    """Elements incl. nested items; (FFFC,FFFC) trailing padding not counted; a UN value that holds implicit VR
    items (private sequences of implicit VR files) is counted as the sequence it is, as rt.dicom reads it."""
    n = 0
    for el in ds:
        if el.tag == 0xFFFCFFFC:
            continue
        n += 1
        if el.VR == "SQ" and el.value is not None:
            for item in el.value:
                n += count_all(item)
        elif el.VR == "UN" and isinstance(el.value, bytes) and el.value[:4] == b"\xfe\xff\x00\xe0":
            try:
                for item in convert_SQ(el.value, True, True):
                    n += count_all(item)
            except Exception:  # noqa: BLE001 - not a sequence after all
                pass
    return n


def facts(path):
    out = {}
    try:
        ds = pydicom.dcmread(path, force=True)
        ds.SOPInstanceUID if "SOPInstanceUID" in ds else None
        out["n"] = len([e for e in ds.keys() if (e >> 16) != 0x0002 and e != 0xFFFCFFFC])
        out["nall"] = count_all(ds) - len([e for e in ds.keys() if (e >> 16) == 0x0002])
    except Exception as e:  # noqa: BLE001 - the oracle reports whatever pydicom says
        return {"pyerr": clean(type(e).__name__ + ": " + str(e))[:120]}, None
    meta = getattr(ds, "file_meta", None)
    ts = str(meta.get("TransferSyntaxUID", "")) if meta is not None else ""
    out["ts"] = ts
    for key in ("Modality", "SOPClassUID", "SOPInstanceUID", "PatientID", "SeriesInstanceUID"):
        v = ds.get(key)
        if v is not None and str(v).strip():
            out[key] = clean(str(v).strip())
    mod = str(ds.get("Modality", "")).strip()
    try:
        if "PixelData" in ds and (ts in NATIVE or ts == "") and int(ds.get("SamplesPerPixel", 1)) == 1 \
                and int(ds.get("BitsAllocated", 16)) in (8, 16, 32):
            arr = ds.pixel_array.astype(np.float64)
            frames = int(ds.get("NumberOfFrames", 1) or 1)
            if mod == "RTDOSE":
                s = float(ds.get("DoseGridScaling", 1.0))
                out["dmax"] = repr(float(arr.max()) * s)
                out["dsum"] = repr(float(arr.sum()) * s)
                out["frames"] = frames
            elif frames == 1:
                slope = float(ds.get("RescaleSlope", 1.0) or 1.0)
                icpt = float(ds.get("RescaleIntercept", 0.0) or 0.0)
                out["pxsum"] = repr(float((arr * slope + icpt).sum()))
    except Exception as e:  # noqa: BLE001
        out["pxerr"] = clean(type(e).__name__ + ": " + str(e))[:100]
    try:
        if "StructureSetROISequence" in ds:
            by_roi = defaultdict(lambda: [0, 0])
            for rc in ds.get("ROIContourSequence", []):
                num = int(rc.get("ReferencedROINumber", -1))
                for c in rc.get("ContourSequence", []) or []:
                    by_roi[num][0] += 1
                    cd = c.get("ContourData")
                    by_roi[num][1] += 0 if cd is None else (len(cd) if isinstance(cd, (list, pydicom.multival.MultiValue)) else 1) // 3
            names, conts, pts = [], [], []
            for r in ds.StructureSetROISequence:
                num = int(r.get("ROINumber", -1))
                names.append(clean(str(r.get("ROIName", "")).strip()))
                conts.append(str(by_roi[num][0]))
                pts.append(str(by_roi[num][1]))
            out["rois"] = "|".join(names)
            out["ncont"] = ",".join(conts)
            out["npts"] = ",".join(pts)
        if mod == "RTPLAN" or "RTPlanLabel" in ds:
            beams = ds.get("IonBeamSequence") if "IonBeamSequence" in ds else ds.get("BeamSequence", [])
            out["nbeams"] = len(beams or [])
            cps = []
            for b in beams or []:
                seq = b.get("IonControlPointSequence") if "IonControlPointSequence" in b else b.get("ControlPointSequence", [])
                cps.append(str(len(seq or [])))
            out["ncp"] = ",".join(cps)
            fg = ds.get("FractionGroupSequence")
            if fg and "NumberOfFractionsPlanned" in fg[0] and fg[0].NumberOfFractionsPlanned not in (None, ""):
                out["fx"] = int(fg[0].NumberOfFractionsPlanned)
        if mod == "RTRECORD":
            seq = ds.get("TreatmentSessionIonBeamSequence") if "TreatmentSessionIonBeamSequence" in ds \
                else ds.get("TreatmentSessionBeamSequence", [])
            out["nsess"] = len(seq or [])
    except Exception as e:  # noqa: BLE001
        out["rterr"] = clean(type(e).__name__ + ": " + str(e))[:100]
    series = None
    try:
        if "PixelData" in ds and "ImagePositionPatient" in ds and "Rows" in ds and mod != "RTDOSE" \
                and "SeriesInstanceUID" in ds and int(ds.get("NumberOfFrames", 1) or 1) == 1:
            iop = [float(v) for v in ds.ImageOrientationPatient]
            normal = np.cross(iop[:3], iop[3:])
            pos = float(np.dot(normal, [float(v) for v in ds.ImagePositionPatient]))
            series = (os.path.dirname(path), str(ds.SeriesInstanceUID), pos, out.get("pxsum"))
    except Exception:  # noqa: BLE001
        series = None
    return out, series


def main():
    groups = defaultdict(list)
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        out, series = facts(path)
        print("FILE\t" + path + "\t" + "\t".join("%s=%s" % (k, v) for k, v in out.items()), flush=False)
        if series is not None:
            groups[(series[0], series[1])].append((series[2], series[3]))
    for (folder, uid), items in groups.items():
        if len(items) < 2:
            continue
        items.sort(key=lambda t: t[0])
        kept = []
        for pos, s in items:
            if kept and abs(pos - kept[-1][0]) < 1e-3:
                continue
            kept.append((pos, s))
        total = sum(float(s) for _, s in kept) if all(s is not None for _, s in kept) else float("nan")
        gaps = [b[0] - a[0] for a, b in zip(kept, kept[1:])]
        if not gaps:
            continue
        med = sorted(gaps)[len(gaps) // 2]
        uniform = all(abs(g - med) <= max(0.01 * med, 1e-3) for g in gaps)
        print("SERIES\t%s\t%s\tslices=%d\tuniform=%d\tsum=%r" % (folder, uid, len(kept), uniform, total))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
