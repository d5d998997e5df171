#!/usr/bin/python3
"""Compares two NIfTI images in world space (oracle for rt:convert against dcm2niix): every voxel of A is looked up
at the same physical position in B (the grids must coincide up to axis flips and permutations). Usage:
compare_nifti.py A.nii.gz B.nii.gz. Prints "max_abs_diff <value>", or "grid_mismatch <reason>"."""
import sys

import nibabel as nib
import numpy as np

a, b = nib.load(sys.argv[1]), nib.load(sys.argv[2])
A = np.asarray(a.get_fdata()).reshape(a.shape[:3])
B = np.asarray(b.get_fdata()).reshape(b.shape[:3])
m = np.linalg.inv(b.affine) @ a.affine
idx = np.indices(A.shape).reshape(3, -1)
q = m[:3, :3] @ idx + m[:3, 3:4]
r = np.rint(q).astype(int)
if np.abs(q - r).max() > 1e-3 or (r < 0).any() or (r >= np.array(B.shape)[:, None]).any():
    print("grid_mismatch", np.abs(q - r).max(), r.min(axis=1), r.max(axis=1), B.shape)
else:
    print("max_abs_diff", np.abs(A.reshape(-1) - B[r[0], r[1], r[2]]).max())
