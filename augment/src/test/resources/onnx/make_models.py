#!/usr/bin/python3
"""Builds the ONNX test models of the augment module with Debian's python3-onnx (opset 17).

usage: make_models.py OUTDIR WIDTH HEIGHT

Every model takes "rgb" (float, sRGB / 255, NCHW [1, 3, H, W] unless named *_nhwc) and writes "out" in the
same layout. Models that use conditioning take "depth" ([1, 1, H, W], metres, clamped by the caller).

  identity.onnx     out = rgb                                             (benchmark: the path's overhead)
  exposure.onnx     out = min(rgb * gain_c * (1 - 0.3 min(depth, 100) / 100), 1)  (positive control: a colour
                    and exposure change that darkens with distance, using the depth conditioning input)
  exposure_nhwc.onnx  the same in NHWC ([1, H, W, 3], depth [1, H, W, 1])
  semantic.onnx     out = rgb * (1 - 0.02 class_id), class ids as int64 [1, 1, H, W] (conditioning on the labels)
  shift3.onnx       out = rgb moved 3 px to the right (edge-padded)      (negative control)
  blob.onnx         out = rgb with a flat disc painted over it          (negative control)
  tint_u8.onnx      uint8 in and out (codes 0-255, no normalisation): out = uint8(float(rgb) * (0.5, 1, 0.75)_c)
  tint_u8_nhwc.onnx   the same in NHWC
  identity_nhwc.onnx  out = rgb in NHWC
  affine.onnx       out = rgb * (1.37, -0.6, 0.93)_c + (-0.11, 0.8, 0.035)_c: outputs below and above the range and
                    between codes (the rounding and clamping of the way out); affine_nhwc.onnx in NHWC;
                    affine_opset10.onnx at opset 10 (Clip takes min and max as attributes there), affine_opset7.onnx
                    at opset 7 (no DequantizeLinear yet)
  identity_dynamic_nhwc.onnx  out = rgb in NHWC with symbolic height and width ([1, "h", "w", 3])
  identity_named.onnx  out = rgb through a tensor named "hilbridge_fold_rgb8" (the name the folding would use first)
  conv.onnx         out = a 1x1 Conv mixing the channels, with a bias (image models end in a Conv)
  conv_nhwc.onnx    the same Conv between two Transposes, NHWC in and out
  half_shift.onnx   out = rgb + 2^-9: with std 256/255 (x = code / 256, exact) every output is a code + 0.5 exactly,
                    the ties of the way out's rounding (half to even); half_shift_nhwc.onnx in NHWC,
                    half_shift_opset7.onnx at opset 7 (no QuantizeLinear yet)
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


def save(graph, path, opset=OPSET):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="hilbridge-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def tensor(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def main(outdir, w, h):
    nchw = [1, 3, h, w]
    save(helper.make_graph([helper.make_node("Identity", ["rgb"], ["out"])], "identity",
                           [tensor("rgb", nchw)], [tensor("out", nchw)]), f"{outdir}/identity.onnx")

    for layout in ("nchw", "nhwc"):
        rgb_shape = nchw if layout == "nchw" else [1, h, w, 3]
        depth_shape = [1, 1, h, w] if layout == "nchw" else [1, h, w, 1]
        gain_shape = [1, 3, 1, 1] if layout == "nchw" else [1, 1, 1, 3]
        nodes = [
            helper.make_node("Min", ["depth", "far"], ["d_clamped"]),
            helper.make_node("Mul", ["d_clamped", "k"], ["d_scaled"]),      # 0.3 min(d, 100) / 100
            helper.make_node("Sub", ["one", "d_scaled"], ["dimming"]),
            helper.make_node("Mul", ["rgb", "gain"], ["tinted"]),
            helper.make_node("Mul", ["tinted", "dimming"], ["lit"]),
            helper.make_node("Min", ["lit", "one"], ["out"]),
        ]
        inits = [const("far", [100.0]), const("k", [0.003]), const("one", [1.0]),
                 const("gain", np.array([1.15, 1.0, 0.8]).reshape(gain_shape))]
        name = "exposure" if layout == "nchw" else "exposure_nhwc"
        save(helper.make_graph(nodes, name, [tensor("rgb", rgb_shape), tensor("depth", depth_shape)],
                               [tensor("out", rgb_shape)], inits), f"{outdir}/{name}.onnx")

    nodes = [helper.make_node("Cast", ["classes"], ["class_f"], to=TensorProto.FLOAT),
             helper.make_node("Mul", ["class_f", "k"], ["class_k"]),
             helper.make_node("Sub", ["one", "class_k"], ["factor"]),
             helper.make_node("Mul", ["rgb", "factor"], ["out"])]
    save(helper.make_graph(nodes, "semantic", [tensor("rgb", nchw), helper.make_tensor_value_info("classes", TensorProto.INT64, [1, 1, h, w])],
                           [tensor("out", nchw)], [const("k", [0.02]), const("one", [1.0])]), f"{outdir}/semantic.onnx")

    pads = numpy_helper.from_array(np.array([0, 0, 0, 3, 0, 0, 0, 0], dtype=np.int64), "pads")
    starts = numpy_helper.from_array(np.array([0], dtype=np.int64), "starts")
    ends = numpy_helper.from_array(np.array([w], dtype=np.int64), "ends")
    axes = numpy_helper.from_array(np.array([3], dtype=np.int64), "axes")
    save(helper.make_graph([helper.make_node("Pad", ["rgb", "pads"], ["padded"], mode="edge"),
                            helper.make_node("Slice", ["padded", "starts", "ends", "axes"], ["out"])],
                           "shift3", [tensor("rgb", nchw)], [tensor("out", nchw)], [pads, starts, ends, axes]),
         f"{outdir}/shift3.onnx")

    yy, xx = np.mgrid[0:h, 0:w]
    mask = (((xx - 0.62 * w) ** 2 + (yy - 0.62 * h) ** 2) <= (0.14 * h) ** 2).astype(np.float32).reshape(1, 1, h, w)
    colour = np.array([200, 30, 40], dtype=np.float32).reshape(1, 3, 1, 1) / 255.0
    nodes = [helper.make_node("Sub", ["one", "mask"], ["keep"]),
             helper.make_node("Mul", ["rgb", "keep"], ["kept"]),
             helper.make_node("Mul", ["colour", "mask"], ["paint"]),
             helper.make_node("Add", ["kept", "paint"], ["out"])]
    save(helper.make_graph(nodes, "blob", [tensor("rgb", nchw)], [tensor("out", nchw)],
                           [const("one", [1.0]), const("mask", mask), const("colour", colour)]), f"{outdir}/blob.onnx")

    # uint8 in and out: a per-channel gain that tells the channels and the layout apart. Cast to uint8
    # truncates (ONNX Cast: float to integer rounds toward zero); the gains keep every value in range.
    for layout in ("nchw", "nhwc"):
        rgb_shape = nchw if layout == "nchw" else [1, h, w, 3]
        gain_shape = [1, 3, 1, 1] if layout == "nchw" else [1, 1, 1, 3]
        nodes = [helper.make_node("Cast", ["rgb"], ["rgb_f"], to=TensorProto.FLOAT),
                 helper.make_node("Mul", ["rgb_f", "gain"], ["tinted"]),
                 helper.make_node("Cast", ["tinted"], ["out"], to=TensorProto.UINT8)]
        name = "tint_u8" if layout == "nchw" else "tint_u8_nhwc"
        save(helper.make_graph(nodes, name, [helper.make_tensor_value_info("rgb", TensorProto.UINT8, rgb_shape)],
                               [helper.make_tensor_value_info("out", TensorProto.UINT8, rgb_shape)],
                               [const("gain", np.array([0.5, 1.0, 0.75]).reshape(gain_shape))]), f"{outdir}/{name}.onnx")

    save(helper.make_graph([helper.make_node("Identity", ["rgb"], ["out"])], "identity_nhwc",
                           [tensor("rgb", [1, h, w, 3])], [tensor("out", [1, h, w, 3])]), f"{outdir}/identity_nhwc.onnx")
    for name, layout, opset in (("affine", "nchw", OPSET), ("affine_nhwc", "nhwc", OPSET), ("affine_opset10", "nchw", 10),
                                ("affine_opset7", "nchw", 7)):
        rgb_shape = nchw if layout == "nchw" else [1, h, w, 3]
        gain_shape = [1, 3, 1, 1] if layout == "nchw" else [1, 1, 1, 3]
        nodes = [helper.make_node("Mul", ["rgb", "gain"], ["scaled"]),
                 helper.make_node("Add", ["scaled", "offset"], ["out"])]
        save(helper.make_graph(nodes, name, [tensor("rgb", rgb_shape)], [tensor("out", rgb_shape)],
                               [const("gain", np.array([1.37, -0.6, 0.93]).reshape(gain_shape)),
                                const("offset", np.array([-0.11, 0.8, 0.035]).reshape(gain_shape))]),
             f"{outdir}/{name}.onnx", opset)

    dynamic = helper.make_tensor_value_info("rgb", TensorProto.FLOAT, [1, "h", "w", 3])
    save(helper.make_graph([helper.make_node("Identity", ["rgb"], ["out"])], "identity_dynamic_nhwc",
                           [dynamic], [helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, "h", "w", 3])]),
         f"{outdir}/identity_dynamic_nhwc.onnx")
    save(helper.make_graph([helper.make_node("Identity", ["rgb"], ["hilbridge_fold_rgb8"]),
                            helper.make_node("Identity", ["hilbridge_fold_rgb8"], ["out"])], "identity_named",
                           [tensor("rgb", nchw)], [tensor("out", nchw)]), f"{outdir}/identity_named.onnx")

    weight = np.array([[0.9, 0.2, -0.15], [0.05, 1.1, -0.1], [-0.2, 0.3, 0.95]], dtype=np.float32).reshape(3, 3, 1, 1)
    save(helper.make_graph([helper.make_node("Conv", ["rgb", "weight", "bias"], ["out"])], "conv",
                           [tensor("rgb", nchw)], [tensor("out", nchw)],
                           [numpy_helper.from_array(weight, "weight"), const("bias", [0.03, -0.02, 0.01])]), f"{outdir}/conv.onnx")

    nhwc = [1, h, w, 3]
    save(helper.make_graph([helper.make_node("Transpose", ["rgb"], ["x"], perm=[0, 3, 1, 2]),
                            helper.make_node("Conv", ["x", "weight", "bias"], ["y"]),
                            helper.make_node("Transpose", ["y"], ["out"], perm=[0, 2, 3, 1])], "conv_nhwc",
                           [tensor("rgb", nhwc)], [tensor("out", nhwc)],
                           [numpy_helper.from_array(weight, "weight"), const("bias", [0.03, -0.02, 0.01])]), f"{outdir}/conv_nhwc.onnx")

    for name, layout, opset in (("half_shift", "nchw", OPSET), ("half_shift_nhwc", "nhwc", OPSET), ("half_shift_opset7", "nchw", 7)):
        rgb_shape = nchw if layout == "nchw" else [1, h, w, 3]
        save(helper.make_graph([helper.make_node("Add", ["rgb", "half"], ["out"])], name, [tensor("rgb", rgb_shape)],
                               [tensor("out", rgb_shape)], [const("half", [2.0 ** -9])]), f"{outdir}/{name}.onnx", opset)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
