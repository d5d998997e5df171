package rt.segmentation.totalseg.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Builds an ONNX model of 3-D convolution layers (opset 17, IR version 8: what {@code torch.onnx.export} writes for
 * these networks and what ONNX Runtime 1.29 runs on CPU and CUDA). Input {@code input} [N, C, X, Y, Z] and output
 * {@code logits}, batch and spatial axes dynamic. Field numbers are those of onnx.proto.
 */
final class OnnxGraph {

    static final int OPSET = 17;
    static final int IR_VERSION = 8;
    static final String INPUT = "input";
    static final String OUTPUT = "logits";

    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    private final ProtoMessage graph = new ProtoMessage();
    private int counter;
    private long parameters;

    OnnxGraph(String name) {
        graph.string(2, name);
    }

    /** Number of weight values added so far. */
    long parameters() {
        return parameters;
    }

    /** Adds a float initializer; returns its name. */
    String weight(String name, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for shape "
                    + java.util.Arrays.toString(dims));
        }
        ProtoMessage t = new ProtoMessage();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT).string(8, name).rawFloats(9, values);
        graph.message(5, t);
        parameters += values.length;
        return name;
    }

    /** 3-D convolution, "same" padding of (k − 1) / 2 per side as nnU-Net's blocks use; bias optional. */
    String conv(String x, String w, String bias, int[] kernel, int[] strides) {
        int[] pads = new int[6];
        for (int a = 0; a < 3; a++) {
            pads[a] = (kernel[a] - 1) / 2;
            pads[a + 3] = (kernel[a] - 1) / 2;
        }
        ProtoMessage n = node("Conv", bias == null ? new String[] {x, w} : new String[] {x, w, bias});
        ints(n, "kernel_shape", kernel);
        ints(n, "strides", strides);
        ints(n, "pads", pads);
        ints(n, "dilations", new int[] {1, 1, 1});
        return output(n);
    }

    /** Transposed convolution with kernel = stride (nnU-Net's upsampling). */
    String convTranspose(String x, String w, String bias, int[] stride) {
        ProtoMessage n = node("ConvTranspose", bias == null ? new String[] {x, w} : new String[] {x, w, bias});
        ints(n, "kernel_shape", stride);
        ints(n, "strides", stride);
        return output(n);
    }

    String instanceNorm(String x, String scale, String bias, double epsilon) {
        ProtoMessage n = node("InstanceNormalization", x, scale, bias);
        n.message(5, new ProtoMessage().string(1, "epsilon").fixed32(2, (float) epsilon).varint(20, ATTR_FLOAT));
        return output(n);
    }

    String leakyRelu(String x, double alpha) {
        ProtoMessage n = node("LeakyRelu", x);
        n.message(5, new ProtoMessage().string(1, "alpha").fixed32(2, (float) alpha).varint(20, ATTR_FLOAT));
        return output(n);
    }

    String relu(String x) {
        return output(node("Relu", x));
    }

    String add(String a, String b) {
        return output(node("Add", a, b));
    }

    /** Channel concatenation. */
    String concat(String a, String b) {
        ProtoMessage n = node("Concat", a, b);
        n.message(5, new ProtoMessage().string(1, "axis").varint(3, 1).varint(20, ATTR_INT));
        return output(n);
    }

    /** Average pooling with kernel = stride, no padding (ResNet-D skip of nnU-Net's residual blocks). */
    String averagePool(String x, int[] stride) {
        ProtoMessage n = node("AveragePool", x);
        ints(n, "kernel_shape", stride);
        ints(n, "strides", stride);
        return output(n);
    }

    private ProtoMessage node(String op, String... inputs) {
        ProtoMessage n = new ProtoMessage();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(3, op + "_" + counter);
        n.string(4, op);
        return n;
    }

    private String output(ProtoMessage n) {
        String name = "t" + counter++;
        n.string(2, name);
        graph.message(1, n);
        return name;
    }

    private static void ints(ProtoMessage n, String name, int[] values) {
        ProtoMessage a = new ProtoMessage().string(1, name);
        for (int v : values) {
            a.varint(8, v);
        }
        n.message(5, a.varint(20, ATTR_INTS));
    }

    /** A [N, channels, X, Y, Z] float tensor type with symbolic batch and spatial axes. */
    private static ProtoMessage valueInfo(String name, int channels) {
        ProtoMessage shape = new ProtoMessage();
        shape.message(1, new ProtoMessage().string(2, "n"));
        shape.message(1, new ProtoMessage().varint(1, channels));
        for (String d : new String[] {"x", "y", "z"}) {
            shape.message(1, new ProtoMessage().string(2, d));
        }
        ProtoMessage tensor = new ProtoMessage().varint(1, FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensor));
    }

    /**
     * Writes the model: graph input {@value #INPUT} with {@code inChannels}, the tensor {@code result} as output
     * {@value #OUTPUT} with {@code outChannels} (through an Identity), and {@code metadata} as metadata_props.
     */
    void write(OutputStream out, int inChannels, String result, int outChannels, Map<String, String> metadata)
            throws IOException {
        ProtoMessage id = new ProtoMessage().string(1, result).string(2, OUTPUT).string(3, "Identity_out")
                .string(4, "Identity");
        graph.message(1, id);
        graph.message(11, valueInfo(INPUT, inChannels));
        graph.message(12, valueInfo(OUTPUT, outChannels));
        ProtoMessage model = new ProtoMessage().varint(1, IR_VERSION).string(2, "rt model-import")
                .string(3, "1").message(7, graph).message(8, new ProtoMessage().string(1, "").varint(2, OPSET));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            model.message(14, new ProtoMessage().string(1, e.getKey()).string(2, e.getValue()));
        }
        BufferedOutputStream b = new BufferedOutputStream(out, 1 << 16);
        model.writeTo(b);
        b.flush();
    }
}
