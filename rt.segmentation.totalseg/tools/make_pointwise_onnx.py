#!/usr/bin/python3
"""Writes tiny point-wise test models: one Conv 1x1x1 (1 -> C channels), logit_c = w_c * x + b_c per voxel, so the
expected labels of a test are a function of the normalised voxel value alone (Debian python3-onnx, no torch).

Usage: make_pointwise_onnx.py OUT.onnx W0,B0 W1,B1 [...] [-- OUT2.onnx W0,B0 ...]
Input "input" [N, 1, X, Y, Z], output "logits" [N, C, X, Y, Z]; opset 13, IR 8 (ORT 1.29 loads them).
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def build(coefficients):
    c = len(coefficients)
    w = np.array([wb[0] for wb in coefficients], dtype=np.float32).reshape(c, 1, 1, 1, 1)
    b = np.array([wb[1] for wb in coefficients], dtype=np.float32)
    graph = helper.make_graph(
        [helper.make_node("Conv", ["input", "w", "b"], ["logits"], kernel_shape=[1, 1, 1])],
        "pointwise",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 1, "X", "Y", "Z"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", c, "X", "Y", "Z"])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="rt tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main(args):
    groups = [[]]
    for a in args:
        if a == "--":
            groups.append([])
        else:
            groups[-1].append(a)
    for g in groups:
        if len(g) < 3:
            sys.exit("usage: make_pointwise_onnx.py OUT.onnx W0,B0 W1,B1 [...] [-- OUT2.onnx ...]")
        onnx.save(build([tuple(float(v) for v in wb.split(",")) for wb in g[1:]]), g[0])
        print("wrote", g[0])


if __name__ == "__main__":
    main(sys.argv[1:])
