#!/usr/bin/python3
"""Writes the fixed-weight "rule" segmentation model rules.onnx (Debian python3-onnx; no training, no torch needed).

Network: Conv 1x1x1 (1 -> 3) -> Sigmoid -> Conv 1x1x1 (3 -> 4 logits), input [N, 1, X, Y, Z] in HU (the model's
CTNormalization has mean 0, std 1). Hidden unit k is a soft step h_k = sigmoid(A * (HU - T_k)) at the thresholds
T = (-950, -400, +150) HU. Logit of class c (c = 1..3) is S * sum_{k<=c} (h_k - 1/2), background is 0, so
class c wins exactly when h_c > 1/2 and h_{c+1} < 1/2: background < -950 HU <= lung < -400 HU <= body < 150 HU <= bone.

Usage: make_rules_model.py [OUT.onnx]   (default: ../src/main/resources/model/rules.onnx)
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

THRESHOLDS_HU = (-950.0, -400.0, 150.0)
STEEPNESS = 0.05  # per HU: 100 HU from a threshold gives h = 0.993
SCALE = 10.0


def build():
    w1 = np.full((3, 1, 1, 1, 1), STEEPNESS, dtype=np.float32)
    b1 = np.array([-STEEPNESS * t for t in THRESHOLDS_HU], dtype=np.float32)
    w2 = np.zeros((4, 3, 1, 1, 1), dtype=np.float32)
    b2 = np.zeros(4, dtype=np.float32)
    for c in range(1, 4):
        for k in range(c):
            w2[c, k] = SCALE
        b2[c] = -0.5 * SCALE * c
    dims = ["N", 1, "X", "Y", "Z"]
    graph = helper.make_graph(
        [
            helper.make_node("Conv", ["input", "w1", "b1"], ["h"], kernel_shape=[1, 1, 1]),
            helper.make_node("Sigmoid", ["h"], ["s"]),
            helper.make_node("Conv", ["s", "w2", "b2"], ["logits"], kernel_shape=[1, 1, 1]),
        ],
        "rules",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, dims)],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 4, "X", "Y", "Z"])],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"),
         numpy_helper.from_array(w2, "w2"), numpy_helper.from_array(b2, "b2")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="rt.model.rules")
    model.ir_version = 8  # ORT 1.29 loads IR 8 / opset 13 (BUILD.md trap 23)
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "src", "main", "resources", "model",
                                                             "rules.onnx")
    onnx.save(build(), out)
    print("wrote", out, os.path.getsize(out), "bytes")
