package rt.segmentation.totalseg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What an nnU-Net v2 trained-model folder's {@code plans.json} and {@code dataset.json} say about one configuration:
 * the network (new {@code architecture.arch_kwargs} or the old format TotalSegmentator v2 ships, converted as
 * nnU-Net's plans_handler.py does: features min(base·2^i, max), conv bias, InstanceNorm eps 1e-5 affine, LeakyReLU
 * 0.01), geometry, normalisation and labels. Every error names the file and the key.
 */
record NnUnetPlans(String dataset, String configuration, Architecture architecture, int[] patchSize,
        double[] spacing, int[] transposeForward, String normalization, Map<String, Double> intensities,
        String channel, List<String> labels) {

    /** A PlainConvUNet ({@code residual} false) or ResidualEncoderUNet with BasicBlockD. */
    record Architecture(boolean residual, int inputChannels, int classes, int[] features, int[][] kernels,
            int[][] strides, int[] encoderBlocks, int[] decoderConvs, boolean convBias, boolean normAffine,
            double normEps, double leakySlope) {
    }

    /** Reads {@code dir/plans.json} and {@code dir/dataset.json} for {@code configuration}. */
    static NnUnetPlans read(Path dir, String configuration) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path plansFile = dir.resolve("plans.json");
        Path datasetFile = dir.resolve("dataset.json");
        JsonNode plans = readJson(json, plansFile);
        JsonNode dataset = readJson(json, datasetFile);
        Reader p = new Reader(plansFile.toString());
        Reader d = new Reader(datasetFile.toString());

        JsonNode channels = d.object(dataset, "channel_names");
        if (channels.size() != 1) {
            throw d.bad("channel_names", channels.size() + " input channels; the engine runs single-channel (CT or "
                    + "MR) models");
        }
        String channel = channels.elements().next().asText();
        JsonNode labelsNode = d.object(dataset, "labels");
        List<String> labels = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields();
        java.util.TreeMap<Integer, String> byValue = new java.util.TreeMap<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isInt()) {
                throw d.bad("labels", "'" + e.getKey() + "' is a region (list of labels): region-based models "
                        + "(sigmoid outputs) are not supported");
            }
            byValue.put(e.getValue().asInt(), e.getKey());
        }
        int n = byValue.size();
        if (n < 2 || byValue.firstKey() != 0 || byValue.lastKey() != n - 1) {
            throw d.bad("labels", "labels must be 0 (background) .. N-1 without gaps");
        }
        for (int v = 1; v < n; v++) {
            labels.add(byValue.get(v));
        }

        JsonNode configs = p.object(plans, "configurations");
        if (!configs.has(configuration)) {
            throw p.bad("configurations", "no configuration '" + configuration + "'");
        }
        ObjectNode cfg = ((ObjectNode) configs.get(configuration)).deepCopy();
        for (int depth = 0; cfg.has("inherits_from"); depth++) {
            String parent = cfg.remove("inherits_from").asText();
            if (depth > 10 || !configs.has(parent)) {
                throw p.bad("configurations." + configuration + ".inherits_from", "'" + parent + "' not found");
            }
            ObjectNode merged = ((ObjectNode) configs.get(parent)).deepCopy();
            merged.setAll(cfg);
            cfg = merged;
        }
        String key = "configurations." + configuration + ".";
        int[] patch = p.ints(cfg, key + "patch_size", "patch_size");
        if (patch.length != 3) {
            throw p.bad(key + "patch_size", "a 2-D configuration; the engine runs 3-D models");
        }
        double[] spacing = p.doubles(cfg, key + "spacing", "spacing");
        int[] transpose = plans.has("transpose_forward") ? p.ints(plans, "transpose_forward", "transpose_forward")
                : new int[] {0, 1, 2};
        String scheme = p.array(cfg, key + "normalization_schemes", "normalization_schemes").get(0).asText();
        Map<String, Double> intensities = new java.util.LinkedHashMap<>();
        JsonNode props = plans.path("foreground_intensity_properties_per_channel").path("0");
        props.fields().forEachRemaining(e -> intensities.put(e.getKey(), e.getValue().asDouble()));
        if (scheme.equals("CTNormalization")) {
            for (String k : List.of("mean", "std", "percentile_00_5", "percentile_99_5")) {
                if (!intensities.containsKey(k)) {
                    throw p.bad("foreground_intensity_properties_per_channel.0." + k, "required by CTNormalization");
                }
            }
        }
        Architecture arch = architecture(p, cfg, key, 1, n);
        String name = plans.path("dataset_name").asText(dir.getFileName().toString());
        return new NnUnetPlans(name, configuration, arch, patch, spacing, transpose, scheme, intensities, channel,
                labels);
    }

    private static Architecture architecture(Reader p, JsonNode cfg, String key, int in, int classes)
            throws IOException {
        if (cfg.has("architecture")) {
            JsonNode a = cfg.get("architecture");
            String cls = a.path("network_class_name").asText();
            boolean residual;
            if (cls.endsWith(".PlainConvUNet")) {
                residual = false;
            } else if (cls.endsWith(".ResidualEncoderUNet")) {
                residual = true;
            } else {
                throw p.bad(key + "architecture.network_class_name", "'" + cls + "' is not supported (only "
                        + "PlainConvUNet and ResidualEncoderUNet)");
            }
            JsonNode k = p.object(a, key + "architecture.arch_kwargs", "arch_kwargs");
            String kk = key + "architecture.arch_kwargs.";
            String conv = k.path("conv_op").asText();
            if (!conv.endsWith("Conv3d")) {
                throw p.bad(kk + "conv_op", "'" + conv + "': only 3-D networks are supported");
            }
            String norm = k.path("norm_op").asText();
            if (!norm.endsWith("InstanceNorm3d")) {
                throw p.bad(kk + "norm_op", "'" + norm + "': only InstanceNorm3d is supported");
            }
            JsonNode normKw = k.path("norm_op_kwargs");
            String nonlin = k.path("nonlin").asText();
            double slope;
            if (nonlin.endsWith("LeakyReLU")) {
                slope = k.path("nonlin_kwargs").path("negative_slope").asDouble(0.01);
            } else if (nonlin.endsWith(".ReLU")) {
                slope = 0;
            } else {
                throw p.bad(kk + "nonlin", "'" + nonlin + "': only LeakyReLU and ReLU are supported");
            }
            if (k.path("nonlin_first").asBoolean(false)) {
                throw p.bad(kk + "nonlin_first", "true is not supported");
            }
            if (residual && k.has("block") && !k.get("block").asText().endsWith("BasicBlockD")) {
                throw p.bad(kk + "block", "only BasicBlockD residual blocks are supported");
            }
            if (residual && (k.has("stem_channels") && !k.get("stem_channels").isNull()
                    || k.path("squeeze_excitation").asBoolean(false))) {
                throw p.bad(kk + "stem_channels", "custom stems and squeeze-excitation are not supported");
            }
            int[] features = p.ints(k, kk + "features_per_stage", "features_per_stage");
            int stages = features.length;
            return checked(p, kk, new Architecture(residual, in, classes, features,
                    p.intLists(k, kk + "kernel_sizes", "kernel_sizes", stages),
                    p.intLists(k, kk + "strides", "strides", stages),
                    p.ints(k, kk + (residual ? "n_blocks_per_stage" : "n_conv_per_stage"),
                            residual ? "n_blocks_per_stage" : "n_conv_per_stage"),
                    p.ints(k, kk + "n_conv_per_stage_decoder", "n_conv_per_stage_decoder"),
                    k.path("conv_bias").asBoolean(false), normKw.path("affine").asBoolean(false),
                    normKw.path("eps").asDouble(1e-5), slope));
        }
        // old plans format (nnU-Net v2 before the architecture key; TotalSegmentator v2 weights)
        String cls = cfg.path("UNet_class_name").asText("PlainConvUNet");
        if (!cls.equals("PlainConvUNet") && !cls.equals("ResidualEncoderUNet")) {
            throw p.bad(key + "UNet_class_name", "'" + cls + "' is not supported");
        }
        int[][] kernels = p.intLists(cfg, key + "conv_kernel_sizes", "conv_kernel_sizes", -1);
        int stages = kernels.length;
        int base = p.ints(cfg, key + "UNet_base_num_features", null)[0];
        int max = cfg.has("unet_max_num_features") ? p.ints(cfg, key + "unet_max_num_features", null)[0] : 320;
        int[] features = new int[stages];
        for (int i = 0; i < stages; i++) {
            features[i] = (int) Math.min((long) base << i, max);
        }
        return checked(p, key, new Architecture(cls.equals("ResidualEncoderUNet"), in, classes, features, kernels,
                p.intLists(cfg, key + "pool_op_kernel_sizes", "pool_op_kernel_sizes", stages),
                p.ints(cfg, key + "n_conv_per_stage_encoder", "n_conv_per_stage_encoder"),
                p.ints(cfg, key + "n_conv_per_stage_decoder", "n_conv_per_stage_decoder"), true, true, 1e-5, 0.01));
    }

    private static Architecture checked(Reader p, String key, Architecture a) throws IOException {
        int stages = a.features().length;
        if (stages < 2 || a.encoderBlocks().length != stages || a.decoderConvs().length != stages - 1) {
            throw p.bad(key, "inconsistent stage counts (features " + stages + ", encoder "
                    + a.encoderBlocks().length + ", decoder " + a.decoderConvs().length + ")");
        }
        for (int[] k : a.kernels()) {
            for (int v : k) {
                if (v % 2 == 0) {
                    throw p.bad(key + "kernel_sizes", "even kernel sizes are not supported");
                }
            }
        }
        return a;
    }

    private static JsonNode readJson(ObjectMapper json, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not found (an nnU-Net trained-model folder has plans.json and "
                    + "dataset.json)");
        }
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Typed access with errors that name the file and key. */
    private record Reader(String file) {
        IOException bad(String key, String problem) {
            return new IOException(file + ": " + key + ": " + problem);
        }

        JsonNode object(JsonNode parent, String key) throws IOException {
            return object(parent, key, key);
        }

        JsonNode object(JsonNode parent, String key, String field) throws IOException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isObject()) {
                throw bad(key, "an object is required");
            }
            return n;
        }

        JsonNode array(JsonNode parent, String key, String field) throws IOException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray() || n.isEmpty()) {
                throw bad(key, "a non-empty list is required");
            }
            return n;
        }

        int[] ints(JsonNode parent, String key, String field) throws IOException {
            JsonNode n = field == null ? parent.get(key.substring(key.lastIndexOf('.') + 1)) : parent.get(field);
            if (n != null && n.isInt()) {
                return new int[] {n.asInt()};
            }
            if (n == null || !n.isArray()) {
                throw bad(key, "a list of integers is required");
            }
            int[] out = new int[n.size()];
            for (int i = 0; i < out.length; i++) {
                if (!n.get(i).canConvertToInt()) {
                    throw bad(key, "'" + n.get(i) + "' is not an integer");
                }
                out[i] = n.get(i).asInt();
            }
            return out;
        }

        double[] doubles(JsonNode parent, String key, String field) throws IOException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray() || n.size() != 3) {
                throw bad(key, "a list of 3 numbers is required");
            }
            return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
        }

        /** A list of per-stage triples (an int for all three axes is expanded). */
        int[][] intLists(JsonNode parent, String key, String field, int stages) throws IOException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray() || (stages >= 0 && n.size() != stages)) {
                throw bad(key, stages >= 0 ? "a list of " + stages + " entries is required" : "a list is required");
            }
            int[][] out = new int[n.size()][];
            for (int i = 0; i < out.length; i++) {
                JsonNode e = n.get(i);
                if (e.isInt()) {
                    out[i] = new int[] {e.asInt(), e.asInt(), e.asInt()};
                } else if (e.isArray() && e.size() == 3) {
                    out[i] = new int[] {e.get(0).asInt(), e.get(1).asInt(), e.get(2).asInt()};
                } else {
                    throw bad(key, "entry " + i + " must be 3 integers (3-D)");
                }
            }
            return out;
        }
    }
}
