#!/usr/bin/python3
"""Random-weight, nnU-Net-shaped 3-D U-Net (PlainConvUNet topology) exported to ONNX, for parity tests and benchmarks.

The network follows dynamic-network-architectures' PlainConvUNet as nnU-Net v2 builds it from plans
(plans_handler.py L35-97): per stage n_conv x [Conv3d k3 (first one strided) + InstanceNorm3d(eps 1e-5, affine)
+ LeakyReLU(0.01)], features min(F * 2^i, 320), ConvTranspose3d up (kernel = stride), skip concatenation, 1x1x1
segmentation head, deep supervision off. Weights are random (seeded); nothing is trained. The generated files are
large for the full configuration (~125 MB): write them under target/, never commit them.

Usage: make_nnunet_onnx.py --onnx OUT.onnx [--weights OUT.pt] [--stages 6] [--features 32] [--classes 25] [--seed 0]
       --stages 0 writes the cheap stand-in (one 1x1x1 conv to --classes channels).
(Debian python3-torch + python3-onnx; run with /usr/bin/python3.)
"""
import argparse

import torch
from torch import nn


def block(cin, cout, stride):
    return nn.Sequential(nn.Conv3d(cin, cout, 3, stride, 1, bias=True),
                         nn.InstanceNorm3d(cout, eps=1e-5, affine=True),
                         nn.LeakyReLU(0.01, inplace=True))


class PlainConvUNet(nn.Module):
    def __init__(self, stages=6, features=32, classes=25, n_conv=2, max_features=320):
        super().__init__()
        feats = [min(features * 2 ** i, max_features) for i in range(stages)]
        self.encoder = nn.ModuleList()
        cin = 1
        for i, f in enumerate(feats):
            layers = [block(cin, f, 1 if i == 0 else 2)] + [block(f, f, 1) for _ in range(n_conv - 1)]
            self.encoder.append(nn.Sequential(*layers))
            cin = f
        self.up = nn.ModuleList()
        self.decoder = nn.ModuleList()
        for i in range(stages - 2, -1, -1):
            self.up.append(nn.ConvTranspose3d(feats[i + 1], feats[i], 2, 2, bias=True))
            layers = [block(2 * feats[i], feats[i], 1)] + [block(feats[i], feats[i], 1) for _ in range(n_conv - 1)]
            self.decoder.append(nn.Sequential(*layers))
        self.head = nn.Conv3d(feats[0], classes, 1, 1, 0, bias=True)

    def forward(self, x):
        skips = []
        for stage in self.encoder:
            x = stage(x)
            skips.append(x)
        x = skips.pop()
        for up, dec in zip(self.up, self.decoder):
            x = dec(torch.cat([up(x), skips.pop()], 1))
        return self.head(x)


class StandIn(nn.Module):
    """Cheap stand-in with the same input/output shapes (1x1x1 conv to `classes` channels), for memory and
    Java-overhead measurements where the real network's cost would only add time."""

    def __init__(self, classes):
        super().__init__()
        self.head = nn.Conv3d(1, classes, 1, 1, 0, bias=True)

    def forward(self, x):
        return self.head(x)


def build(stages, features, classes, seed):
    torch.manual_seed(seed)
    net = StandIn(classes) if stages == 0 else PlainConvUNet(stages, features, classes)
    # random affine InstanceNorm parameters, so that the norm layers are not the identity
    for m in net.modules():
        if isinstance(m, nn.InstanceNorm3d):
            nn.init.uniform_(m.weight, 0.5, 1.5)
            nn.init.uniform_(m.bias, -0.2, 0.2)
    return net.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--weights")
    ap.add_argument("--stages", type=int, default=6)
    ap.add_argument("--features", type=int, default=32)
    ap.add_argument("--classes", type=int, default=25)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    net = build(a.stages, a.features, a.classes, a.seed)
    if a.weights:
        torch.save({"state_dict": net.state_dict(), "stages": a.stages, "features": a.features,
                    "classes": a.classes}, a.weights)
    side = 2 ** max(a.stages, 1)
    dummy = torch.zeros(1, 1, side, side, side)
    with torch.no_grad():
        torch.onnx.export(net, dummy, a.onnx, opset_version=13, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "n", 2: "x", 3: "y", 4: "z"},
                                        "logits": {0: "n", 2: "x", 3: "y", 4: "z"}})
    print("wrote", a.onnx, sum(p.numel() for p in net.parameters()), "parameters")


if __name__ == "__main__":
    main()
