#!/usr/bin/python3
"""Reference implementation of nnU-Net v2 inference in PyTorch, for parity tests of the Java engine.

Re-implements (does not import) nnU-Net's code paths with their library calls: default_preprocessor.run_case_npy
(transpose, crop_to_nonzero, CTNormalization, compute_new_shape, resample_data_or_seg with skimage resize order 3 /
separate z), predict_sliding_window_return_logits (pad_nd_image centred, compute_steps_for_sliding_window, gaussian
via scipy gaussian_filter * 10 in fp16, torch.half accumulators, mirroring TTA, fold averaging) and
export_prediction (logit resampling order 1, argmax, uncrop, transpose back). The network is the PyTorch module of
make_nnunet_onnx.py loaded from its saved weights, so ONNX Runtime is not involved here.

Usage: nnunet_reference.py --ct CT.nii.gz --model model.yaml --weights net.pt --out labels.nii.gz [--fp32]
       nnunet_reference.py --ct CT.nii.gz --nnunet TRAINED_MODEL_DIR [--step 0.5] --out labels.nii.gz [--fp32]
           (network, geometry, normalisation, mirroring and folds from an nnU-Net trained-model folder, the networks
           built by make_nnunet_trained_model.py)
       nnunet_reference.py --nnunet TRAINED_MODEL_DIR --patch-logits IN.f32 OUT.f32
           (fold 0's logits for one input patch, raw float32 C order, shape from plans.json's patch_size)
"""
import argparse
import itertools
import json
import os
import sys
from math import ceil

import nibabel as nib
import numpy as np
import torch
import yaml
from scipy.ndimage import gaussian_filter, map_coordinates
from skimage.transform import resize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_nnunet_onnx import PlainConvUNet  # noqa: E402
import make_nnunet_trained_model  # noqa: E402

ANISO_THRESHOLD = 3


def crop_to_nonzero(data):
    from scipy.ndimage import binary_fill_holes
    mask = binary_fill_holes(data[0] != 0)
    idx = np.where(mask)
    bbox = [[int(np.min(i)), int(np.max(i)) + 1] for i in idx]
    sl = tuple(slice(b[0], b[1]) for b in bbox)
    return data[(slice(None),) + sl], bbox


def get_do_separate_z(spacing):
    return (np.max(spacing) / np.min(spacing)) > ANISO_THRESHOLD


def get_lowres_axis(spacing):
    return np.where(max(spacing) / np.array(spacing) == 1)[0]


def resample(data, new_shape, current_spacing, new_spacing, order, order_z=0):
    if get_do_separate_z(current_spacing):
        axis = get_lowres_axis(current_spacing)
    elif get_do_separate_z(new_spacing):
        axis = get_lowres_axis(new_spacing)
    else:
        axis = None
    do_sep = axis is not None and len(axis) == 1
    shape = np.array(data[0].shape)
    new_shape = np.array(new_shape)
    if np.all(shape == new_shape):
        return data
    data = data.astype(float)
    out = []
    for c in range(data.shape[0]):
        if not do_sep:
            out.append(resize(data[c], new_shape, order, mode="edge", anti_aliasing=False))
            continue
        ax = int(axis[0])
        new_2d = [s for i, s in enumerate(new_shape) if i != ax]
        slices = [resize(np.take(data[c], s, axis=ax), new_2d, order, mode="edge", anti_aliasing=False)
                  for s in range(shape[ax])]
        stacked = np.stack(slices, ax)
        if shape[ax] != new_shape[ax]:
            rows, cols, dim = stacked.shape
            orig = np.array(stacked.shape)
            scale = orig[ax] / new_shape[ax]
            grid = np.mgrid[:new_shape[0], :new_shape[1], :new_shape[2]].astype(float)
            coords = []
            for i in range(3):
                g = grid[i]
                if i == ax:
                    g = scale * (g + 0.5) - 0.5
                coords.append(g)
            stacked = map_coordinates(stacked, coords, order=order_z, mode="nearest")
        out.append(stacked)
    return np.stack(out).astype(np.float32)


def compute_steps(image_size, patch, step):
    target = [i * step for i in patch]
    num = [int(np.ceil((i - k) / j)) + 1 for i, j, k in zip(image_size, target, patch)]
    steps = []
    for d in range(3):
        max_step = image_size[d] - patch[d]
        actual = max_step / (num[d] - 1) if num[d] > 1 else 99999999999
        steps.append([int(np.round(actual * i)) for i in range(num[d])])
    return steps


def gaussian(patch, sigma_scale=1. / 8, value_scaling_factor=10, fp32=False):
    tmp = np.zeros(patch)
    tmp[tuple(i // 2 for i in patch)] = 1
    g = gaussian_filter(tmp, [i * sigma_scale for i in patch], 0, mode="constant", cval=0)
    g = torch.from_numpy(g)
    g = g / (torch.max(g) / value_scaling_factor)
    g = g.to(torch.float32 if fp32 else torch.float16)
    g[g == 0] = torch.min(g[g != 0])
    return g


def predict_sliding(net, data, patch, step, mirror_axes, fp32):
    # pad_nd_image(..., 'constant', 0, return_slicer=True): centred, pad_below = diff // 2
    shape = np.array(data.shape[1:])
    new = np.maximum(shape, patch)
    diff = new - shape
    below = diff // 2
    pad = [(0, 0)] + [(int(b), int(d - b)) for b, d in zip(below, diff)]
    padded = np.pad(data, pad, mode="constant", constant_values=0)
    slicer = (slice(None),) + tuple(slice(int(b), int(b + s)) for b, s in zip(below, shape))
    x = torch.from_numpy(padded)
    dtype = torch.float32 if fp32 else torch.half
    steps = compute_steps(padded.shape[1:], patch, step)
    g = gaussian(patch, fp32=fp32)
    logits = None
    counts = torch.zeros(padded.shape[1:], dtype=dtype)
    combos = [c for i in range(len(mirror_axes)) for c in itertools.combinations([m + 2 for m in mirror_axes], i + 1)]
    with torch.no_grad():
        for sx in steps[0]:
            for sy in steps[1]:
                for sz in steps[2]:
                    sl = (slice(None), slice(sx, sx + patch[0]), slice(sy, sy + patch[1]), slice(sz, sz + patch[2]))
                    tile = x[sl][None]
                    pred = net(tile)
                    for axes in combos:
                        pred += torch.flip(net(torch.flip(tile, axes)), axes)
                    pred /= (len(combos) + 1)
                    pred = pred[0]
                    if logits is None:
                        logits = torch.zeros((pred.shape[0],) + tuple(padded.shape[1:]), dtype=dtype)
                    logits[sl] += (pred * g).to(dtype)
                    counts[sl[1:]] += g.to(dtype)
    logits /= counts
    return logits[slicer]


def from_trained_model(folder, step):
    """(networks of all folds, model.yaml-like settings) of an nnU-Net trained-model folder."""
    folds = sorted(d[5:] for d in os.listdir(folder) if d.startswith("fold_"))
    nets = []
    for f in folds:
        net, ckpt = make_nnunet_trained_model.load_network(folder, f)
        nets.append(net)
    plans = json.load(open(os.path.join(folder, "plans.json")))
    cfg = plans["configurations"][ckpt["init_args"]["configuration"]]
    props = plans["foreground_intensity_properties_per_channel"]["0"]
    axes = ckpt.get("inference_allowed_mirroring_axes")
    m = {"spacing": cfg["spacing"], "patch_size": cfg["patch_size"], "transpose_forward": plans["transpose_forward"],
         "normalization": props, "step_size": step, "mirror_axes": list(axes) if axes else [], "folds": folds}
    return nets, m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ct")
    ap.add_argument("--model")
    ap.add_argument("--weights")
    ap.add_argument("--nnunet")
    ap.add_argument("--step", type=float, default=0.5)
    ap.add_argument("--patch-logits", nargs=2)
    ap.add_argument("--out")
    ap.add_argument("--fp32", action="store_true", help="fp32 gaussian/accumulators instead of nnU-Net's fp16")
    a = ap.parse_args()
    torch.set_num_threads(2)
    if a.nnunet:
        nets, m = from_trained_model(a.nnunet, a.step)
    else:
        m = yaml.safe_load(open(a.model))
        ckpt = torch.load(a.weights)
        net = PlainConvUNet(ckpt["stages"], ckpt["features"], ckpt["classes"])
        net.load_state_dict(ckpt["state_dict"])
        nets = [net.eval()] * len(m.get("folds", ["x"]))  # every fold is the same weights here
    if a.patch_logits:
        x = torch.from_numpy(np.fromfile(a.patch_logits[0], dtype=np.float32).reshape([1, 1] + m["patch_size"]))
        with torch.no_grad():
            nets[0](x).numpy().astype(np.float32).tofile(a.patch_logits[1])
        return

    img = nib.load(a.ct)
    arr = np.asarray(img.dataobj, dtype=np.float32).transpose(2, 1, 0)[None]  # NibabelIO: (c, z, y, x)
    spacing = list(img.header.get_zooms()[:3])[::-1]
    tf = m.get("transpose_forward", [0, 1, 2])
    tb = [tf.index(i) for i in range(3)]
    data = arr.transpose([0] + [i + 1 for i in tf])
    sp = [spacing[i] for i in tf]
    shape_before_crop = data.shape[1:]
    data, bbox = crop_to_nonzero(data)
    shape_after_crop = data.shape[1:]
    n = m["normalization"]
    data = np.clip(data, n["percentile_00_5"], n["percentile_99_5"])
    data = ((data - n["mean"]) / max(n["std"], 1e-8)).astype(np.float32)
    target = m["spacing"]
    new_shape = np.round((np.array(sp) / np.array(target)).astype(float) * np.array(shape_after_crop)).astype(int)
    data = resample(data, new_shape, sp, target, 3).astype(np.float32)

    total = None
    for net in nets:  # nnU-Net sums the folds' logits, then divides
        lg = predict_sliding(net, data, m["patch_size"], m.get("step_size", 0.5), m.get("mirror_axes", []), a.fp32)
        total = lg if total is None else total + lg
    total = (total / len(nets)).float().numpy()
    classes = total.shape[0]

    total = resample(total, shape_after_crop, target, sp, 1)
    seg = np.argmax(total, 0).astype(np.uint8)
    full = np.zeros(shape_before_crop, dtype=np.uint8)
    full[tuple(slice(b[0], b[1]) for b in bbox)] = seg
    full = full.transpose(tb)
    out = full.transpose(2, 1, 0)  # back to nibabel (x, y, z)
    nib.save(nib.Nifti1Image(out, img.affine), a.out)
    print("reference labels", np.bincount(out.ravel(), minlength=classes).tolist())


if __name__ == "__main__":
    main()
