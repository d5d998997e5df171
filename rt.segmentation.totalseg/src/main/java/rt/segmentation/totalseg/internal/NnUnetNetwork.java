package rt.segmentation.totalseg.internal;

import java.io.IOException;

/**
 * nnU-Net v2's networks (dynamic-network-architectures' PlainConvUNet and ResidualEncoderUNet, as
 * {@code get_network_from_plans} builds them, deep supervision off) as an ONNX graph, weights taken by their
 * state-dict names:
 * <ul>
 * <li>block {@code ConvDropoutNormReLU}: {@code <p>.conv.weight/bias}, {@code <p>.norm.weight/bias}, nonlinearity
 * (dropout is the identity at inference);</li>
 * <li>PlainConvUNet encoder stage s: {@code encoder.stages.s.0.convs.i}, the first conv strided;</li>
 * <li>ResidualEncoderUNet: stem {@code encoder.stem.convs.0}, then per stage {@code encoder.stages.s.blocks.b}
 * (BasicBlockD: {@code conv1} (strided, nonlin), {@code conv2} (no nonlin), skip = AvgPool(stride) when strided then
 * {@code skip.<i>} 1×1×1 conv without bias + norm when the width changes; sum, then the nonlinearity);</li>
 * <li>decoder stage s (from the bottleneck up): {@code decoder.transpconvs.s} (kernel = stride), concatenation with
 * the skip, {@code decoder.stages.s.convs.i}; the last stage's {@code decoder.seg_layers.<last>} 1×1×1 head.</li>
 * </ul>
 */
final class NnUnetNetwork {

    /** Weights by state-dict name, checked against the expected shape. */
    interface Weights {
        float[] get(String key, long... shape) throws IOException;
    }

    private final NnUnetPlans.Architecture arch;
    private final Weights weights;
    private final OnnxGraph g;

    private NnUnetNetwork(NnUnetPlans.Architecture arch, Weights weights, String name) {
        this.arch = arch;
        this.weights = weights;
        this.g = new OnnxGraph(name);
    }

    /** Builds the graph; returns it and the name of its logits tensor. */
    static Built build(NnUnetPlans.Architecture arch, Weights weights, String name) throws IOException {
        NnUnetNetwork n = new NnUnetNetwork(arch, weights, name);
        String logits = n.network(OnnxGraph.INPUT);
        return new Built(n.g, logits);
    }

    record Built(OnnxGraph graph, String output) {
    }

    private String network(String x) throws IOException {
        int stages = arch.features().length;
        String[] skips = new String[stages];
        int channels = arch.inputChannels();
        if (arch.residual()) {
            x = block("encoder.stem.convs.0", x, channels, arch.features()[0], arch.kernels()[0], ONE, true);
            channels = arch.features()[0];
            for (int s = 0; s < stages; s++) {
                for (int b = 0; b < arch.encoderBlocks()[s]; b++) {
                    x = residualBlock("encoder.stages." + s + ".blocks." + b, x, channels, arch.features()[s],
                            arch.kernels()[s], b == 0 ? arch.strides()[s] : ONE);
                    channels = arch.features()[s];
                }
                skips[s] = x;
            }
        } else {
            for (int s = 0; s < stages; s++) {
                for (int i = 0; i < arch.encoderBlocks()[s]; i++) {
                    x = block("encoder.stages." + s + ".0.convs." + i, x, channels, arch.features()[s],
                            arch.kernels()[s], i == 0 ? arch.strides()[s] : ONE, true);
                    channels = arch.features()[s];
                }
                skips[s] = x;
            }
        }
        for (int s = 0; s < stages - 1; s++) {
            int below = arch.features()[stages - 1 - s];
            int skip = arch.features()[stages - 2 - s];
            int[] stride = arch.strides()[stages - 1 - s];
            String p = "decoder.transpconvs." + s;
            String w = g.weight(p + ".weight", weights.get(p + ".weight", below, skip, stride[0], stride[1],
                    stride[2]), below, skip, stride[0], stride[1], stride[2]);
            String bias = arch.convBias() ? g.weight(p + ".bias", weights.get(p + ".bias", skip), skip) : null;
            x = g.concat(g.convTranspose(x, w, bias, stride), skips[stages - 2 - s]);
            channels = 2 * skip;
            for (int i = 0; i < arch.decoderConvs()[s]; i++) {
                x = block("decoder.stages." + s + ".convs." + i, x, channels, skip, arch.kernels()[stages - 2 - s],
                        ONE, true);
                channels = skip;
            }
        }
        String head = "decoder.seg_layers." + (stages - 2);
        int c = arch.classes();
        String w = g.weight(head + ".weight", weights.get(head + ".weight", c, channels, 1, 1, 1), c, channels, 1, 1,
                1);
        String b = g.weight(head + ".bias", weights.get(head + ".bias", c), c);
        return g.conv(x, w, b, ONE, ONE);
    }

    private static final int[] ONE = {1, 1, 1};

    /** ConvDropoutNormReLU: conv, instance norm, optional nonlinearity. */
    private String block(String p, String x, int in, int out, int[] kernel, int[] stride, boolean nonlin)
            throws IOException {
        return block(p, x, in, out, kernel, stride, nonlin, arch.convBias());
    }

    private String block(String p, String x, int in, int out, int[] kernel, int[] stride, boolean nonlin,
            boolean bias) throws IOException {
        String w = g.weight(p + ".conv.weight", weights.get(p + ".conv.weight", out, in, kernel[0], kernel[1],
                kernel[2]), out, in, kernel[0], kernel[1], kernel[2]);
        String b = bias ? g.weight(p + ".conv.bias", weights.get(p + ".conv.bias", out), out) : null;
        x = g.conv(x, w, b, kernel, stride);
        float[] scale;
        float[] shift;
        if (arch.normAffine()) {
            scale = weights.get(p + ".norm.weight", out);
            shift = weights.get(p + ".norm.bias", out);
        } else {
            scale = new float[out];
            java.util.Arrays.fill(scale, 1f);
            shift = new float[out];
        }
        x = g.instanceNorm(x, g.weight(p + ".norm.weight", scale, out), g.weight(p + ".norm.bias", shift, out),
                arch.normEps());
        return nonlin ? nonlinearity(x) : x;
    }

    private String nonlinearity(String x) {
        return arch.leakySlope() == 0 ? g.relu(x) : g.leakyRelu(x, arch.leakySlope());
    }

    private String residualBlock(String p, String x, int in, int out, int[] kernel, int[] stride)
            throws IOException {
        boolean strided = stride[0] != 1 || stride[1] != 1 || stride[2] != 1;
        String residual = x;
        int index = 0;
        if (strided) {
            residual = g.averagePool(residual, stride);
            index++;
        }
        if (in != out) {
            residual = block(p + ".skip." + index, residual, in, out, ONE, ONE, false, false);
        }
        String y = block(p + ".conv1", x, in, out, kernel, stride, true);
        y = block(p + ".conv2", y, out, out, kernel, ONE, false);
        return nonlinearity(g.add(y, residual));
    }
}
