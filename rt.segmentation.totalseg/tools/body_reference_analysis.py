#!/usr/bin/python3
"""What the rule model's body contains that TotalSegmentator's `total` union lacks (figures in RuleModelDiceTest).

Usage: body_reference_analysis.py OUR_LABELS.nii.gz [REFDATA_DIR]
OUR_LABELS = labels.nii.gz written by `./rt segment --model rules --input example_ct.nii.gz` (label 1 body,
2 lung, 3 bone; every non-zero label is inside the body). REFDATA_DIR defaults to ../shared/refdata.
Debian python3-nibabel + python3-scipy.
"""
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage as ndi

FAT_HU = (-190, -30)   # standard adipose-tissue window
SOFT_HU = (-30, 150)


def dice(a, b):
    return 2.0 * (a & b).sum() / (a.sum() + b.sum())


def per_slice(f, m):
    return np.stack([f(m[:, :, k]) for k in range(m.shape[2])], axis=2)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    refdata = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "..", "shared", "refdata")
    ct = nib.load(os.path.join(refdata, "totalseg-example", "example_ct.nii.gz")).get_fdata().astype(np.float32)
    ref = np.asarray(nib.load(os.path.join(refdata, "totalseg-example", "example_seg.nii.gz")).dataobj).astype(int)
    ours_all = np.asarray(nib.load(sys.argv[1]).dataobj).astype(int)
    n = ref.shape[2]
    lung = (ref >= 10) & (ref <= 14)
    # the reference's header repeats the CT origin: its slices are where its lung voxels are darkest in the CT
    offset = min(range(ct.shape[2] - n + 1), key=lambda o: ct[:, :, o:o + n][lung].mean())
    c = ct[:, :, offset:offset + n]
    body = ours_all[:, :, offset:offset + n] > 0
    union = ref > 0
    ref2d = per_slice(ndi.binary_fill_holes, union)
    ref3d = ndi.binary_fill_holes(union)
    print(f"reference slices {offset}-{offset + n - 1}; voxels: union {union.sum()}, filled per slice {ref2d.sum()}, "
          f"filled 3-D {ref3d.sum()}, our body {body.sum()}; reference covered {(body & ref2d).sum() / ref2d.sum():.3f}")
    print(f"body Dice vs union filled per slice {dice(body, ref2d):.3f}, 3-D {dice(body, ref3d):.3f}")
    only = body & ~ref2d
    hu = c[only]
    print(f"only in ours: {only.sum()} voxels; fat {FAT_HU}: {((hu >= FAT_HU[0]) & (hu < FAT_HU[1])).sum()}, "
          f"soft tissue {SOFT_HU}: {((hu >= SOFT_HU[0]) & (hu < SOFT_HU[1])).sum()}, "
          f"< -190: {(hu < FAT_HU[0]).sum()}, >= 150: {(hu >= SOFT_HU[1]).sum()}")
    depth = per_slice(ndi.distance_transform_edt, body) * 3.0  # mm (3 mm voxels)
    for lo, hi in [(0, 6.1), (6.1, 24.1), (24.1, 48.1), (48.1, 1e9)]:
        s = only & (depth >= lo) & (depth < hi)
        print(f"  depth under the skin {lo:.0f}-{min(hi, 999):.0f} mm: {s.sum()}")
    whole = ours_all > 0
    stray = 0
    for k in range(whole.shape[2]):
        lab, _ = ndi.label(whole[:, :, k])
        if lab.max() > 1:
            sizes = np.bincount(lab.ravel())[1:]
            stray += sizes.sum() - sizes.max()
    print(f"whole CT: body voxels outside each slice's largest 2-D component (couch slivers): {stray}")
    fat = body & (c >= FAT_HU[0]) & (c <= FAT_HU[1])
    sat = np.zeros_like(body)
    for k in range(n):
        rim = body[:, :, k] & ~ndi.binary_erosion(body[:, :, k], iterations=2)  # outer 6 mm
        lab, _ = ndi.label(fat[:, :, k])
        ids = np.unique(lab[rim & fat[:, :, k]])
        sat[:, :, k] = np.isin(lab, ids[ids > 0])
    print(f"subcutaneous fat (fat regions touching the outer 6 mm): {sat.sum()} voxels; "
          f"Dice of body minus it {dice(body & ~sat, ref2d):.3f}; body minus all fat {dice(body & ~fat, ref2d):.3f}")


if __name__ == "__main__":
    main()
