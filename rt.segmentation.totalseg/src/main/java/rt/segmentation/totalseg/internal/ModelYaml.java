package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelDescriptor.Normalization;
import rt.segmentation.engine.ModelDescriptor.Part;
import rt.segmentation.engine.ModelDescriptor.PostStep;
import rt.segmentation.engine.ModelDescriptor.Requirements;
import rt.segmentation.engine.ModelDescriptor.RoiSubsetCrop;
import rt.segmentation.engine.ModelSource;

/** Parses {@code model.yaml} into a {@link ModelDescriptor}; every error names the file and the key. */
public final class ModelYaml {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final List<String> SCHEMES = List.of("CTNormalization", "ZScoreNormalization", "NoNormalization");
    private static final List<String> OPS = List.of("body", "keep_largest", "fill_holes");

    private final String where;
    private final Map<String, Object> root;

    private ModelYaml(String where, Map<String, Object> root) {
        this.where = where;
        this.root = root;
    }

    /** Parses the descriptor of {@code source}; checks that every ONNX file can be opened. */
    public static ModelDescriptor load(ModelSource source) throws IOException {
        String where = source.location() + "/" + source.descriptorPath();
        Object doc;
        try (InputStream in = source.open(source.descriptorPath())) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (RuntimeException e) {
            throw new IOException(where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IOException(where + ": expected a mapping at the top level");
        }
        @SuppressWarnings("unchecked")
        ModelDescriptor d = new ModelYaml(where, (Map<String, Object>) map).parse();
        for (Part p : d.parts()) {
            for (String fold : p.folds()) {
                try (InputStream in = source.open(fold)) {
                    if (in.read() < 0) {
                        throw new IOException(where + ": ONNX file " + fold + " is empty");
                    }
                } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
                    throw new IOException(where + ": ONNX file " + fold + " not found");
                }
            }
        }
        return d;
    }

    /** Parses YAML text (no file checks); {@code where} names it in errors. */
    public static ModelDescriptor parse(String where, String yaml) throws IOException {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IOException(where + ": expected a mapping at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return new ModelYaml(where, m).parse();
    }

    private ModelDescriptor parse() throws IOException {
        String name = string(root, "name", null);
        if (!NAME.matcher(name).matches()) {
            throw bad("name", "'" + name + "' must match [a-z0-9][a-z0-9_.-]*");
        }
        String modality = string(root, "modality", "CT").toUpperCase(java.util.Locale.ROOT);
        if (!modality.equals("CT") && !modality.equals("MR")) {
            throw bad("modality", "must be CT or MR, not " + modality);
        }
        double[] spacing = doubles(root, "spacing", 3);
        for (double s : spacing) {
            if (!(s > 0)) {
                throw bad("spacing", "values must be positive");
            }
        }
        int[] patch = ints(root, "patch_size", 3, null);
        for (int p : patch) {
            if (p < 1) {
                throw bad("patch_size", "values must be positive");
            }
        }
        int[] transpose = ints(root, "transpose_forward", 3, new int[] {0, 1, 2});
        if (!isPermutation(transpose)) {
            throw bad("transpose_forward", "must be a permutation of 0, 1, 2");
        }
        Map<Integer, String> labels = labels();
        double step = number(root, "step_size", 0.5);
        if (!(step > 0 && step <= 1)) {
            throw bad("step_size", "must be in (0, 1]");
        }
        int[] mirror = ints(root, "mirror_axes", -1, new int[0]);
        for (int a : mirror) {
            if (a < 0 || a > 2) {
                throw bad("mirror_axes", "axes are 0, 1 or 2");
            }
        }
        Object split = root.get("force_split");
        Boolean forceSplit = split == null || "auto".equals(split) ? null : (Boolean) check(split, Boolean.class,
                "force_split");
        return new ModelDescriptor(name, string(root, "description", ""), modality,
                (int) number(root, "rank", 0), spacing, patch, transpose, normalization(), labels,
                parts(labels), step, mirror, forceSplit, postprocess(labels), roiSubsetCrop(), requirements());
    }

    /** {@code roi_subset_crop: {locator: MODEL, margin: N | [x, y, z]}} (margin in image voxels, default 20). */
    private RoiSubsetCrop roiSubsetCrop() throws IOException {
        if (!root.containsKey("roi_subset_crop")) {
            return null;
        }
        Map<String, Object> m = asMap(root.get("roi_subset_crop"), "roi_subset_crop");
        String locator = string(m, "locator", null);
        if (!NAME.matcher(locator).matches()) {
            throw bad("roi_subset_crop.locator", "'" + locator + "' is not a model name");
        }
        return new RoiSubsetCrop(locator, margin(m.get("margin"), "roi_subset_crop.margin", 20));
    }

    private int[] margin(Object raw, String key, int dflt) throws IOException {
        int[] margin;
        if (raw == null) {
            margin = new int[] {dflt, dflt, dflt};
        } else if (raw instanceof List<?>) {
            margin = ints(Map.of("m", raw), "m", 3, null);
        } else {
            int v = (int) asNumber(raw, key);
            margin = new int[] {v, v, v};
        }
        for (int v : margin) {
            if (v < 0) {
                throw bad(key, "must not be negative");
            }
        }
        return margin;
    }

    /** {@code requires_regions}, {@code requires_rois} and {@code requires_min_cc}: body-region gating. */
    private Requirements requirements() throws IOException {
        List<String> regions = strings("requires_regions");
        for (String r : regions) {
            if (!BodyRegions.NAMES.contains(r)) {
                throw bad("requires_regions", "unknown region '" + r + "' (known: " + BodyRegions.NAMES + ")");
            }
        }
        List<String> rois = strings("requires_rois");
        if (regions.isEmpty() && rois.isEmpty()) {
            for (String k : List.of("requires_min_cc", "crop_margin")) {
                if (root.containsKey(k)) {
                    throw bad(k, "needs requires_rois" + (k.equals("crop_margin") ? "" : " or requires_regions"));
                }
            }
            return null;
        }
        double minCc = number(root, "requires_min_cc", BodyRegions.DEFAULT_MIN_CC);
        if (!(minCc >= 0)) {
            throw bad("requires_min_cc", "must not be negative");
        }
        int[] crop = null;
        if (root.containsKey("crop_margin")) {
            if (rois.isEmpty()) {
                throw bad("crop_margin", "crops to requires_rois, which is empty");
            }
            crop = margin(root.get("crop_margin"), "crop_margin", 0);
        }
        return new Requirements(regions, rois, minCc, crop);
    }

    private List<String> strings(String key) throws IOException {
        Object o = root.get(key);
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw bad(key, "a list of names is required");
        }
        List<String> out = new ArrayList<>();
        for (Object v : l) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    private Normalization normalization() throws IOException {
        return normalization(map(root, "normalization", true), "normalization");
    }

    private Normalization normalization(Map<String, Object> n, String key) throws IOException {
        String scheme = string(n, "scheme", "CTNormalization");
        if (!SCHEMES.contains(scheme)) {
            throw bad(key + ".scheme", "must be one of " + SCHEMES);
        }
        if (!scheme.equals("CTNormalization")) {
            return new Normalization(scheme, 0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double std = number(n, "std", Double.NaN);
        double lower = number(n, "percentile_00_5", Double.NaN);
        double upper = number(n, "percentile_99_5", Double.NaN);
        double mean = number(n, "mean", Double.NaN);
        if (Double.isNaN(std) || Double.isNaN(lower) || Double.isNaN(upper) || Double.isNaN(mean)) {
            throw bad(key, "CTNormalization needs mean, std, percentile_00_5 and percentile_99_5");
        }
        if (!(upper >= lower)) {
            throw bad(key, "percentile_99_5 is below percentile_00_5");
        }
        return new Normalization(scheme, mean, std, lower, upper);
    }

    private Map<Integer, String> labels() throws IOException {
        Map<String, Object> raw = map(root, "labels", false);
        Map<Integer, String> labels = new TreeMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            int value;
            try {
                value = Integer.parseInt(String.valueOf(e.getKey()).trim());
            } catch (NumberFormatException ex) {
                throw bad("labels", "keys must be label values, not '" + e.getKey() + "'");
            }
            if (value < 0 || value > Short.MAX_VALUE) {
                throw bad("labels", "label " + value + " out of range 0.." + Short.MAX_VALUE);
            }
            if (value != 0) {
                String roi = String.valueOf(e.getValue());
                if (labels.containsValue(roi)) {
                    throw bad("labels", "ROI name '" + roi + "' used twice");
                }
                labels.put(value, roi);
            }
        }
        if (labels.isEmpty()) {
            throw bad("labels", "no label besides background");
        }
        return labels;
    }

    private List<Part> parts(Map<Integer, String> labels) throws IOException {
        List<Part> parts = new ArrayList<>();
        Object rawParts = root.get("parts");
        List<Map<String, Object>> items = new ArrayList<>();
        if (rawParts == null) {
            items.add(root);
        } else if (rawParts instanceof List<?> l) {
            for (Object o : l) {
                items.add(asMap(o, "parts[]"));
            }
        } else {
            throw bad("parts", "must be a list");
        }
        int maxLabel = labels.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int n = 0; n < items.size(); n++) {
            Map<String, Object> p = items.get(n);
            String key = rawParts == null ? "" : "parts[" + n + "].";
            List<String> folds = new ArrayList<>();
            Object f = p.get("folds");
            if (!(f instanceof List<?> fl) || fl.isEmpty()) {
                throw bad(key + "folds", "a non-empty list of ONNX files is required");
            }
            for (Object o : fl) {
                String path = String.valueOf(o);
                if (path.startsWith("/") || path.contains("..")) {
                    throw bad(key + "folds", "'" + path + "' must be relative to the model folder");
                }
                folds.add(path);
            }
            Map<Integer, Integer> labelMap = new TreeMap<>();
            Object lm = p.get("label_map");
            if (lm == null) {
                for (int label : labels.keySet()) {
                    labelMap.put(label, label);
                }
            } else {
                for (Map.Entry<String, Object> e : asMap(lm, key + "label_map").entrySet()) {
                    int channel = (int) asNumber(e.getKey(), key + "label_map");
                    Object target = e.getValue();
                    int label = target instanceof Number num ? num.intValue() : labelValue(labels, target,
                            key + "label_map");
                    if (!labels.containsKey(label)) {
                        throw bad(key + "label_map", "label " + label + " is not in labels");
                    }
                    labelMap.put(channel, label);
                }
            }
            int maxChannel = labelMap.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            int channels = (int) number(p, "channels", lm == null ? maxLabel + 1 : maxChannel + 1);
            if (channels < 2 || channels <= maxChannel) {
                throw bad(key + "channels", channels + " is too small for the label map");
            }
            Normalization own = rawParts != null && p.containsKey("normalization")
                    ? normalization(asMap(p.get("normalization"), key + "normalization"), key + "normalization")
                    : null;
            parts.add(new Part(string(p, "name", "part" + (n + 1)), folds, channels, labelMap,
                    (String) p.get("input_name"), (String) p.get("output_name"), own));
        }
        return parts;
    }

    private List<PostStep> postprocess(Map<Integer, String> labels) throws IOException {
        Object raw = root.get("postprocess");
        List<PostStep> steps = new ArrayList<>();
        if (raw == null) {
            return steps;
        }
        if (!(raw instanceof List<?> l)) {
            throw bad("postprocess", "must be a list");
        }
        for (Object o : l) {
            Map<String, Object> m = new LinkedHashMap<>(asMap(o, "postprocess[]"));
            String op = String.valueOf(m.remove("op"));
            if (!OPS.contains(op)) {
                throw bad("postprocess", "unknown op '" + op + "' (known: " + OPS + ")");
            }
            // Resolve ROI names to label values now, so that a typo fails at load time.
            for (String k : List.of("label", "fill", "replace_with")) {
                if (m.containsKey(k)) {
                    m.put(k, labelValue(labels, m.get(k), "postprocess." + op + "." + k));
                }
            }
            if (m.containsKey("labels")) {
                List<Integer> values = new ArrayList<>();
                for (Object v : (List<?>) check(m.get("labels"), List.class, "postprocess." + op + ".labels")) {
                    values.add(labelValue(labels, v, "postprocess." + op + ".labels"));
                }
                m.put("labels", values);
            }
            steps.add(new PostStep(op, m));
        }
        return steps;
    }

    private int labelValue(Map<Integer, String> labels, Object nameOrValue, String key) throws IOException {
        if (nameOrValue instanceof Number n) {
            if (n.intValue() != 0 && !labels.containsKey(n.intValue())) {
                throw bad(key, "label " + n + " is not in labels");
            }
            return n.intValue();
        }
        String s = String.valueOf(nameOrValue);
        if (s.equals("background")) {
            return 0;
        }
        for (Map.Entry<Integer, String> e : labels.entrySet()) {
            if (e.getValue().equals(s)) {
                return e.getKey();
            }
        }
        throw bad(key, "'" + s + "' is not a label name");
    }

    private static boolean isPermutation(int[] t) {
        boolean[] seen = new boolean[3];
        for (int a : t) {
            if (a < 0 || a > 2 || seen[a]) {
                return false;
            }
            seen[a] = true;
        }
        return true;
    }

    private IOException bad(String key, String problem) {
        return new IOException(where + ": " + key + ": " + problem);
    }

    private Object check(Object value, Class<?> type, String key) throws IOException {
        if (!type.isInstance(value)) {
            throw bad(key, "expected " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ", got '" + value
                    + "'");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object o, String key) throws IOException {
        Map<Object, Object> m = (Map<Object, Object>) check(o, Map.class, key);
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private Map<String, Object> map(Map<String, Object> m, String key, boolean optional) throws IOException {
        Object o = m.get(key);
        if (o == null) {
            if (optional) {
                return Map.of();
            }
            throw bad(key, "is required");
        }
        return asMap(o, key);
    }

    private String string(Map<String, Object> m, String key, String dflt) throws IOException {
        Object o = m.get(key);
        if (o == null) {
            if (dflt == null) {
                throw bad(key, "is required");
            }
            return dflt;
        }
        return String.valueOf(o);
    }

    private double asNumber(Object o, String key) throws IOException {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw bad(key, "'" + o + "' is not a number");
        }
    }

    private double number(Map<String, Object> m, String key, double dflt) throws IOException {
        Object o = m.get(key);
        return o == null ? dflt : asNumber(o, key);
    }

    private double[] doubles(Map<String, Object> m, String key, int n) throws IOException {
        Object o = m.get(key);
        if (!(o instanceof List<?> l) || l.size() != n) {
            throw bad(key, "a list of " + n + " numbers is required");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = asNumber(l.get(i), key);
        }
        return out;
    }

    private int[] ints(Map<String, Object> m, String key, int n, int[] dflt) throws IOException {
        Object o = m.get(key);
        if (o == null && dflt != null) {
            return dflt;
        }
        if (!(o instanceof List<?> l) || (n >= 0 && l.size() != n)) {
            throw bad(key, n >= 0 ? "a list of " + n + " integers is required" : "a list of integers is required");
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            double v = asNumber(l.get(i), key);
            if (v != Math.rint(v)) {
                throw bad(key, "'" + l.get(i) + "' is not an integer");
            }
            out[i] = (int) v;
        }
        return out;
    }
}
