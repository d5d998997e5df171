package rt.radiomics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Extraction parameters in pyradiomics' format: {@code imageType} (image type → its own settings),
 * {@code featureClass} (class → feature names, empty or null = all) and {@code setting}. Immutable.
 */
public final class RadiomicsParams {

    /** Feature classes in pyradiomics' order. */
    public static final List<String> ALL_CLASSES =
            List.of("firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm", "shape", "shape2D");

    /** Image types this engine understands (pyradiomics names). */
    public static final List<String> IMAGE_TYPES = List.of("Original", "LoG", "Wavelet", "Square", "SquareRoot",
            "Logarithm", "Exponential", "Gradient");

    private static final Map<String, Object> DEFAULT_SETTINGS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("minimumROIDimensions", 2);
        d.put("minimumROISize", null);
        d.put("normalize", false);
        d.put("normalizeScale", 1);
        d.put("removeOutliers", null);
        d.put("resampledPixelSpacing", null);
        d.put("interpolator", "sitkBSpline");
        d.put("preCrop", false);
        d.put("padDistance", 5);
        d.put("distances", List.of(1));
        d.put("force2D", false);
        d.put("force2Ddimension", 0);
        d.put("resegmentRange", null);
        d.put("label", 1);
        d.put("additionalInfo", true);
        DEFAULT_SETTINGS = Collections.unmodifiableMap(d);
    }

    private final Map<String, Map<String, Object>> imageTypes;
    private final Map<String, List<String>> featureClasses;
    private final Map<String, Object> settings;

    private RadiomicsParams(Map<String, Map<String, Object>> imageTypes, Map<String, List<String>> featureClasses,
            Map<String, Object> settings) {
        this.imageTypes = imageTypes;
        this.featureClasses = featureClasses;
        this.settings = settings;
    }

    /** pyradiomics' defaults: Original image, all feature classes, default settings. */
    public static RadiomicsParams defaults() {
        return of(null, null, null);
    }

    /**
     * @param imageTypes     null = Original only
     * @param featureClasses null = all classes with all features
     * @param settings       overrides of the default settings (null = none)
     */
    public static RadiomicsParams of(Map<String, ? extends Map<String, ?>> imageTypes,
            Map<String, ? extends List<String>> featureClasses, Map<String, ?> settings) {
        Map<String, Map<String, Object>> it = new LinkedHashMap<>();
        if (imageTypes == null) {
            it.put("Original", Map.of());
        } else {
            for (Map.Entry<String, ? extends Map<String, ?>> e : imageTypes.entrySet()) {
                if (!IMAGE_TYPES.contains(e.getKey())) {
                    throw new IllegalArgumentException("unknown image type '" + e.getKey() + "' (known: "
                            + IMAGE_TYPES + ")");
                }
                it.put(e.getKey(), e.getValue() == null ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
            }
        }
        Map<String, List<String>> fc = new LinkedHashMap<>();
        if (featureClasses == null) {
            for (String c : ALL_CLASSES) {
                fc.put(c, List.of());
            }
        } else {
            for (Map.Entry<String, ? extends List<String>> e : featureClasses.entrySet()) {
                if (!ALL_CLASSES.contains(e.getKey())) {
                    throw new IllegalArgumentException("unknown feature class '" + e.getKey() + "' (known: "
                            + ALL_CLASSES + ")");
                }
                fc.put(e.getKey(), e.getValue() == null ? List.of() : List.copyOf(e.getValue()));
            }
        }
        Map<String, Object> s = new LinkedHashMap<>(DEFAULT_SETTINGS);
        if (settings != null) {
            s.putAll(settings);
        }
        return new RadiomicsParams(Collections.unmodifiableMap(it), Collections.unmodifiableMap(fc),
                Collections.unmodifiableMap(s));
    }

    /** Reads a pyradiomics parameter file. */
    public static RadiomicsParams load(Path yaml) throws IOException {
        try {
            return parse(Files.readString(yaml, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(yaml + ": " + e.getMessage(), e);
        }
    }

    /** Parses pyradiomics YAML text. */
    @SuppressWarnings("unchecked")
    public static RadiomicsParams parse(String yamlText) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        if (root == null) {
            return defaults();
        }
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("parameter file must be a mapping with imageType/featureClass/setting");
        }
        Map<String, Object> m = (Map<String, Object>) root;
        for (String k : m.keySet()) {
            if (!List.of("imageType", "featureClass", "setting", "voxelSetting").contains(k)) {
                throw new IllegalArgumentException("unknown top-level key '" + k + "'");
            }
        }
        Map<String, Map<String, Object>> it = null;
        if (m.get("imageType") instanceof Map<?, ?> raw) {
            it = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : raw.entrySet()) {
                it.put(String.valueOf(e.getKey()),
                        e.getValue() instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of());
            }
        }
        Map<String, List<String>> fc = null;
        if (m.get("featureClass") instanceof Map<?, ?> raw) {
            fc = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : raw.entrySet()) {
                List<String> names = new ArrayList<>();
                if (e.getValue() instanceof List<?> l) {
                    for (Object o : l) {
                        names.add(String.valueOf(o));
                    }
                }
                fc.put(String.valueOf(e.getKey()), names);
            }
        }
        Map<String, Object> s = m.get("setting") instanceof Map<?, ?> raw ? (Map<String, Object>) raw : null;
        return of(it, fc, s);
    }

    /** Loads one of the bundled defaults: {@code CT} (upstream radiomics_params.yaml) or {@code MR}. */
    public static RadiomicsParams bundled(String modality) {
        String name = "MR".equalsIgnoreCase(modality) ? "params_mr.yaml" : "params_ct.yaml";
        try (InputStream in = RadiomicsParams.class.getResourceAsStream("/rt/radiomics/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled parameter file missing: " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled parameter file " + name, e);
        }
    }

    public Map<String, Map<String, Object>> imageTypes() {
        return imageTypes;
    }

    public Map<String, List<String>> featureClasses() {
        return featureClasses;
    }

    public Map<String, Object> settings() {
        return settings;
    }

    /** A copy with one setting changed. */
    public RadiomicsParams withSetting(String key, Object value) {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put(key, value);
        return new RadiomicsParams(imageTypes, featureClasses, Collections.unmodifiableMap(s));
    }

    /** A copy with other image types and feature classes (null keeps the current ones). */
    public RadiomicsParams with(Map<String, ? extends Map<String, ?>> newImageTypes,
            Map<String, ? extends List<String>> newClasses) {
        return of(newImageTypes == null ? imageTypes : newImageTypes,
                newClasses == null ? featureClasses : newClasses, settings);
    }

    /**
     * A short stable hash of everything that changes feature values (for provenance and resume). Canonical: map keys
     * sorted and numbers written alike (25 = 25.0), so equal parameters hash equal whatever order they were given in.
     */
    public String hash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("imageType=" + canonical(imageTypes) + " featureClass=" + canonical(featureClasses)
                    + " setting=" + canonical(settings)).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return sb.substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), canonical(x)));
            return sorted.toString();
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(RadiomicsParams::canonical).toList().toString();
        }
        if (v instanceof Number n && !(n instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return "imageType=" + imageTypes + " featureClass=" + featureClasses + " setting=" + settings;
    }
}
