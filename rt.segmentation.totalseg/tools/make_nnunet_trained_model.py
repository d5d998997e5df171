#!/usr/bin/python3
"""Writes an nnU-Net v2 trained-model folder with random weights, for the model-import tests and benchmark.

Layout as nnU-Net writes it: DIR/plans.json, DIR/dataset.json, DIR/fold_N/checkpoint_final.pth, the checkpoint being
torch.save of nnU-Net's dict (network_weights, optimizer_state, grad_scaler_state, logging, current_epoch,
_best_ema, init_args, trainer_name, inference_allowed_mirroring_axes), numpy scalars and a torch.device included as
nnU-Net's trainer leaves them there. The networks are PlainConvUNet and ResidualEncoderUNet as
dynamic-network-architectures builds them (written here from its published structure; that package is not in
Debian): same module tree, so the state_dict keys are nnU-Net's (including the duplicated `all_modules.*` and
`decoder.encoder.*` entries).

Usage: make_nnunet_trained_model.py --out DIR [--arch plain|resenc] [--stages 4] [--features 8] [--max-features 320]
          [--classes 5] [--patch 32 48 40] [--spacing 3.5 3 2.8] [--transpose 0 2 1] [--folds 0 1] [--seed 1]
          [--trainer nnUNetTrainer] [--old-plans] [--labels a b c ...] [--channel CT] [--mirror-axes 0 1 2]
          [--intensity MEAN STD P00_5 P99_5]
          [--evil]
       --evil adds an os.system global to the checkpoint's pickle (the import must refuse it).
(Debian python3-torch; run with /usr/bin/python3.)
"""
import argparse
import json
import os

import numpy as np
import torch
from torch import nn


class ConvDropoutNormReLU(nn.Module):
    def __init__(self, cin, cout, kernel, stride, bias, nonlin=True, slope=0.01):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, kernel, stride, [(k - 1) // 2 for k in kernel], bias=bias)
        self.norm = nn.InstanceNorm3d(cout, eps=1e-5, affine=True)
        ops = [self.conv, self.norm]
        if nonlin:
            self.nonlin = nn.LeakyReLU(slope, inplace=True)
            ops.append(self.nonlin)
        self.all_modules = nn.Sequential(*ops)

    def forward(self, x):
        return self.all_modules(x)


class StackedConvBlocks(nn.Module):
    def __init__(self, n, cin, cout, kernel, stride, bias):
        super().__init__()
        self.convs = nn.Sequential(ConvDropoutNormReLU(cin, cout, kernel, stride, bias),
                                   *[ConvDropoutNormReLU(cout, cout, kernel, [1, 1, 1], bias) for _ in range(1, n)])

    def forward(self, x):
        return self.convs(x)


class PlainConvEncoder(nn.Module):
    def __init__(self, cin, features, kernels, strides, n_conv, bias):
        super().__init__()
        stages = []
        for s, f in enumerate(features):
            stages.append(nn.Sequential(StackedConvBlocks(n_conv[s], cin, f, kernels[s], strides[s], bias)))
            cin = f
        self.stages = nn.Sequential(*stages)
        self.output_channels, self.strides, self.kernel_sizes, self.conv_bias = features, strides, kernels, bias

    def forward(self, x):
        skips = []
        for s in self.stages:
            x = s(x)
            skips.append(x)
        return skips


class BasicBlockD(nn.Module):
    def __init__(self, cin, cout, kernel, stride, bias):
        super().__init__()
        self.conv1 = ConvDropoutNormReLU(cin, cout, kernel, stride, bias)
        self.conv2 = ConvDropoutNormReLU(cout, cout, kernel, [1, 1, 1], bias, nonlin=False)
        self.nonlin2 = nn.LeakyReLU(0.01, inplace=True)
        strided = any(s != 1 for s in stride)
        if strided or cin != cout:
            ops = []
            if strided:
                ops.append(nn.AvgPool3d(stride, stride))
            if cin != cout:
                ops.append(ConvDropoutNormReLU(cin, cout, [1, 1, 1], [1, 1, 1], False, nonlin=False))
            self.skip = nn.Sequential(*ops)
        else:
            self.skip = nn.Identity()

    def forward(self, x):
        out = self.conv2(self.conv1(x))
        out += self.skip(x)
        return self.nonlin2(out)


class StackedResidualBlocks(nn.Module):
    def __init__(self, n, cin, cout, kernel, stride, bias):
        super().__init__()
        self.blocks = nn.Sequential(BasicBlockD(cin, cout, kernel, stride, bias),
                                    *[BasicBlockD(cout, cout, kernel, [1, 1, 1], bias) for _ in range(1, n)])

    def forward(self, x):
        return self.blocks(x)


class ResidualEncoder(nn.Module):
    def __init__(self, cin, features, kernels, strides, n_blocks, bias):
        super().__init__()
        self.stem = StackedConvBlocks(1, cin, features[0], kernels[0], [1, 1, 1], bias)
        cin = features[0]
        stages = []
        for s, f in enumerate(features):
            stages.append(StackedResidualBlocks(n_blocks[s], cin, f, kernels[s], strides[s], bias))
            cin = f
        self.stages = nn.Sequential(*stages)
        self.output_channels, self.strides, self.kernel_sizes, self.conv_bias = features, strides, kernels, bias

    def forward(self, x):
        x = self.stem(x)
        skips = []
        for s in self.stages:
            x = s(x)
            skips.append(x)
        return skips


class UNetDecoder(nn.Module):
    def __init__(self, encoder, classes, n_conv):
        super().__init__()
        self.encoder = encoder
        f, st, k = encoder.output_channels, encoder.strides, encoder.kernel_sizes
        stages, ups, segs = [], [], []
        for s in range(1, len(f)):
            below, skip = f[-s], f[-(s + 1)]
            ups.append(nn.ConvTranspose3d(below, skip, st[-s], st[-s], bias=encoder.conv_bias))
            stages.append(StackedConvBlocks(n_conv[s - 1], 2 * skip, skip, k[-(s + 1)], [1, 1, 1],
                                            encoder.conv_bias))
            segs.append(nn.Conv3d(skip, classes, 1, 1, 0, bias=True))
        self.stages = nn.ModuleList(stages)
        self.transpconvs = nn.ModuleList(ups)
        self.seg_layers = nn.ModuleList(segs)

    def forward(self, skips):
        x = skips[-1]
        for s in range(len(self.stages)):
            x = self.stages[s](torch.cat((self.transpconvs[s](x), skips[-(s + 2)]), 1))
        return self.seg_layers[-1](x)


class UNet(nn.Module):
    """PlainConvUNet (encoder PlainConvEncoder) or ResidualEncoderUNet (encoder ResidualEncoder), no deep
    supervision at inference."""

    def __init__(self, arch, cin, features, kernels, strides, n_enc, n_dec, classes, bias):
        super().__init__()
        if arch == "plain":
            self.encoder = PlainConvEncoder(cin, features, kernels, strides, n_enc, bias)
        else:
            self.encoder = ResidualEncoder(cin, features, kernels, strides, n_enc, bias)
        self.decoder = UNetDecoder(self.encoder, classes, n_dec)

    def forward(self, x):
        return self.decoder(self.encoder(x))


CLASS_NAMES = {"plain": "dynamic_network_architectures.architectures.unet.PlainConvUNet",
               "resenc": "dynamic_network_architectures.architectures.unet.ResidualEncoderUNet"}


def architecture_from_plans(plans, configuration, cin, classes):
    """The network of a plans.json configuration: (arch, kwargs for UNet), new or old plans format."""
    cfg = dict(plans["configurations"][configuration])
    while "inherits_from" in cfg:
        parent = dict(plans["configurations"][cfg.pop("inherits_from")])
        parent.update(cfg)
        cfg = parent
    if "architecture" in cfg:
        a = cfg["architecture"]["arch_kwargs"]
        arch = "resenc" if a and cfg["architecture"]["network_class_name"].endswith("ResidualEncoderUNet") \
            else "plain"
        n_enc = a["n_blocks_per_stage"] if arch == "resenc" else a["n_conv_per_stage"]
        return arch, dict(cin=cin, features=a["features_per_stage"], kernels=a["kernel_sizes"],
                          strides=a["strides"], n_enc=n_enc, n_dec=a["n_conv_per_stage_decoder"],
                          classes=classes, bias=a["conv_bias"])
    n = len(cfg["conv_kernel_sizes"])
    arch = "resenc" if cfg["UNet_class_name"] == "ResidualEncoderUNet" else "plain"
    return arch, dict(cin=cin, features=[min(cfg["UNet_base_num_features"] * 2 ** i, cfg["unet_max_num_features"])
                                         for i in range(n)],
                      kernels=cfg["conv_kernel_sizes"], strides=cfg["pool_op_kernel_sizes"],
                      n_enc=cfg["n_conv_per_stage_encoder"], n_dec=cfg["n_conv_per_stage_decoder"],
                      classes=classes, bias=True)


def load_network(folder, fold):
    """The torch network of a trained-model folder's fold, weights loaded (eval mode)."""
    ckpt = torch.load(os.path.join(folder, "fold_%s" % fold, "checkpoint_final.pth"), map_location="cpu")
    plans = json.load(open(os.path.join(folder, "plans.json")))
    dataset = json.load(open(os.path.join(folder, "dataset.json")))
    arch, kw = architecture_from_plans(plans, ckpt["init_args"]["configuration"], len(dataset["channel_names"]),
                                       len(dataset["labels"]))
    net = UNet(arch, **kw)
    net.load_state_dict(ckpt["network_weights"])
    return net.eval(), ckpt


class Evil:
    """Pickles as a call of os.system (never called here: the import must refuse the pickle)."""

    def __reduce__(self):
        return os.system, ("echo this must never run",)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--arch", choices=["plain", "resenc"], default="plain")
    ap.add_argument("--stages", type=int, default=4)
    ap.add_argument("--features", type=int, default=8)
    ap.add_argument("--max-features", type=int, default=320)
    ap.add_argument("--classes", type=int, default=5)
    ap.add_argument("--patch", type=int, nargs=3, default=[32, 48, 40])
    ap.add_argument("--spacing", type=float, nargs=3, default=[3.5, 3.0, 2.8])
    ap.add_argument("--transpose", type=int, nargs=3, default=[0, 1, 2])
    ap.add_argument("--folds", nargs="+", default=["0"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--trainer", default="nnUNetTrainer")
    ap.add_argument("--old-plans", action="store_true", help="TotalSegmentator v2's old plans format")
    ap.add_argument("--labels", nargs="*", help="names of labels 1.. (default c1, c2, ...)")
    ap.add_argument("--channel", default="CT")
    ap.add_argument("--intensity", type=float, nargs=4, default=[40.0, 300.0, -1000.0, 1500.0],
                    metavar=("MEAN", "STD", "P00_5", "P99_5"), help="foreground intensity properties (CT)")
    ap.add_argument("--mirror-axes", type=int, nargs="*", default=[0, 1, 2],
                    help="the trainer's inference_allowed_mirroring_axes (nnU-Net's default: 0 1 2)")
    ap.add_argument("--evil", action="store_true")
    a = ap.parse_args()

    n = a.stages
    features = [min(a.features * 2 ** i, a.max_features) for i in range(n)]
    kernels = [[3, 3, 3]] * n
    strides = [[1, 1, 1]] + [[2, 2, 2]] * (n - 1)
    n_enc = [2] * n if a.arch == "plain" else [1] + [2] * (n - 1)
    n_dec = [2] * (n - 1)
    names = a.labels or ["c%d" % i for i in range(1, a.classes)]
    classes = len(names) + 1
    config = {"data_identifier": "nnUNetPlans_3d_fullres", "preprocessor_name": "DefaultPreprocessor",
              "batch_size": 2, "patch_size": a.patch, "median_image_size_in_voxels": [200, 200, 200],
              "spacing": a.spacing, "normalization_schemes": ["CTNormalization" if a.channel == "CT"
                                                             else "ZScoreNormalization"],
              "use_mask_for_norm": [False], "resampling_fn_data": "resample_data_or_seg_to_shape",
              "resampling_fn_seg": "resample_data_or_seg_to_shape",
              "resampling_fn_data_kwargs": {"is_seg": False, "order": 3, "order_z": 0, "force_separate_z": None},
              "resampling_fn_seg_kwargs": {"is_seg": True, "order": 1, "order_z": 0, "force_separate_z": None},
              "resampling_fn_probabilities": "resample_data_or_seg_to_shape",
              "resampling_fn_probabilities_kwargs": {"is_seg": False, "order": 1, "order_z": 0,
                                                     "force_separate_z": None},
              "batch_dice": False}
    if a.old_plans:
        config.update({"UNet_class_name": "PlainConvUNet" if a.arch == "plain" else "ResidualEncoderUNet",
                       "UNet_base_num_features": a.features, "n_conv_per_stage_encoder": n_enc,
                       "n_conv_per_stage_decoder": n_dec, "num_pool_per_axis": [n - 1] * 3,
                       "pool_op_kernel_sizes": strides, "conv_kernel_sizes": kernels,
                       "unet_max_num_features": a.max_features})
    else:
        kw = {"n_stages": n, "features_per_stage": features, "conv_op": "torch.nn.modules.conv.Conv3d",
              "kernel_sizes": kernels, "strides": strides,
              ("n_conv_per_stage" if a.arch == "plain" else "n_blocks_per_stage"): n_enc,
              "n_conv_per_stage_decoder": n_dec, "conv_bias": True,
              "norm_op": "torch.nn.modules.instancenorm.InstanceNorm3d",
              "norm_op_kwargs": {"eps": 1e-05, "affine": True}, "dropout_op": None, "dropout_op_kwargs": None,
              "nonlin": "torch.nn.LeakyReLU", "nonlin_kwargs": {"inplace": True}}
        config["architecture"] = {"network_class_name": CLASS_NAMES[a.arch], "arch_kwargs": kw,
                                  "_kw_requires_import": ["conv_op", "norm_op", "dropout_op", "nonlin"]}
    plans = {"dataset_name": os.path.basename(os.path.dirname(os.path.abspath(a.out))) or "Dataset999_Test",
             "plans_name": "nnUNetPlans", "original_median_spacing_after_transp": a.spacing,
             "original_median_shape_after_transp": [200, 200, 200], "image_reader_writer": "SimpleITKIO",
             "transpose_forward": a.transpose, "transpose_backward": [a.transpose.index(i) for i in range(3)],
             "configurations": {"3d_fullres": config},
             "experiment_planner_used": "ExperimentPlanner", "label_manager": "LabelManager",
             "foreground_intensity_properties_per_channel": {"0": {
                 "max": 3000.0, "mean": a.intensity[0], "median": a.intensity[0], "min": -1024.0,
                 "percentile_00_5": a.intensity[2], "percentile_99_5": a.intensity[3], "std": a.intensity[1]}}}
    labels = {"background": 0}
    labels.update({name: i + 1 for i, name in enumerate(names)})
    dataset = {"channel_names": {"0": a.channel}, "labels": labels, "numTraining": 10, "file_ending": ".nii.gz"}
    os.makedirs(a.out, exist_ok=True)
    json.dump(plans, open(os.path.join(a.out, "plans.json"), "w"), indent=4)
    json.dump(dataset, open(os.path.join(a.out, "dataset.json"), "w"), indent=4)

    arch, kw = architecture_from_plans(plans, "3d_fullres", 1, classes)
    for i, fold in enumerate(a.folds):
        torch.manual_seed(a.seed + i)
        net = UNet(arch, **kw)
        for m in net.modules():  # affine InstanceNorm parameters that are not the identity
            if isinstance(m, nn.InstanceNorm3d):
                nn.init.uniform_(m.weight, 0.5, 1.5)
                nn.init.uniform_(m.bias, -0.2, 0.2)
        optimizer = torch.optim.SGD(net.parameters(), 0.0, momentum=0.99, nesterov=True)
        for prm in net.parameters():
            prm.grad = torch.zeros_like(prm)
        optimizer.step()  # lr 0: momentum buffers (optimizer_state holds tensors, as in a real checkpoint), weights kept
        ckpt = {"network_weights": net.state_dict(), "optimizer_state": optimizer.state_dict(),
                "grad_scaler_state": None,
                "logging": {"mean_fg_dice": [np.float64(0.5)], "ema_fg_dice": [np.float64(0.5)],
                            "train_losses": [np.float64(-0.4)], "epoch_start_timestamps": [1.7e9]},
                "_best_ema": np.float64(0.5), "current_epoch": 1000,
                "init_args": {"plans": plans, "configuration": "3d_fullres", "fold": int(fold) if fold != "all"
                              else "all", "dataset_json": dataset, "device": torch.device("cpu")},
                "trainer_name": a.trainer, "inference_allowed_mirroring_axes": None if "NoMirroring" in a.trainer else tuple(a.mirror_axes)}
        if a.evil:
            ckpt["logging"]["hook"] = Evil()
        d = os.path.join(a.out, "fold_%s" % fold)
        os.makedirs(d, exist_ok=True)
        torch.save(ckpt, os.path.join(d, "checkpoint_final.pth"))
    print("wrote", a.out, arch, sum(p.numel() for p in net.parameters()), "parameters per fold")


if __name__ == "__main__":
    main()
