package rt.radiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import rt.api.image.Mask;
import rt.testsupport.RefData;

/**
 * pyradiomics' own baselines (brain1, brain2; every settings variant): each feature within 3 % of pyradiomics'
 * value (pyradiomics' rule), or within 1e-9 absolute for values that are zero up to round-off.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyradiomicsBaselineTest {

    static final String[] CLASSES = {"firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm", "shape", "shape2D"};

    private final Map<String, TestImages.Loaded> images = new HashMap<>();
    private final Map<String, Map<String, Object>> results = new HashMap<>();

    private TestImages.Loaded load(String name) throws Exception {
        TestImages.Loaded l = images.get(name);
        if (l == null) {
            l = TestImages.read(RefData.resolve("pyradiomics/data/" + name + ".nrrd"));
            images.put(name, l);
        }
        return l;
    }

    static RadiomicsParams variantParams(String variant) throws Exception {
        try (InputStream in = PyradiomicsBaselineTest.class.getResourceAsStream("/params/baseline_" + variant
                + ".yaml")) {
            return RadiomicsParams.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private Map<String, Object> extract(String testCase, String variant, Map<String, String> diag) throws Exception {
        String key = testCase + "/" + variant;
        Map<String, Object> r = results.get(key);
        if (r != null) {
            return r;
        }
        TestImages.Loaded img = load(testCase + "_image");
        TestImages.Loaded lab = load(testCase + "_label");
        Mask mask = lab.mask(1);
        RadiomicsParams p = variantParams(variant);
        if (variant.equals("shape2D")) {
            mask = singleSlice(mask, Integer.parseInt(diag.get("diagnostics_Mask-original_VoxelNum")));
            p = p.with(null, Map.of("shape2D", List.of()));
        } else {
            Map<String, List<String>> cls = new LinkedHashMap<>();
            for (String c : RadiomicsParams.ALL_CLASSES) {
                if (!c.equals("shape2D")) {
                    cls.put(c, List.of());
                }
            }
            p = p.with(null, cls);
        }
        r = new RadiomicsExtractor(p).execute(img.image(), mask);
        results.put(key, r);
        return r;
    }

    /** The one slice of the label whose voxel count is the 2D case's VoxelNum. */
    private static Mask singleSlice(Mask m, int voxels) {
        int nx = m.grid().nx();
        int ny = m.grid().ny();
        for (int z = 0; z < m.grid().nz(); z++) {
            int n = 0;
            for (int i = 0; i < nx * ny; i++) {
                if (m.inside()[i + nx * ny * z]) {
                    n++;
                }
            }
            if (n == voxels) {
                boolean[] out = new boolean[m.inside().length];
                System.arraycopy(m.inside(), nx * ny * z, out, nx * ny * z, nx * ny);
                return new Mask(m.grid(), out);
            }
        }
        throw new AssertionError("no slice with " + voxels + " voxels");
    }

    static boolean close(double actual, double expected) {
        double d = Math.abs(actual - expected);
        return d <= 0.03 * Math.abs(expected) || d <= 1e-9;
    }

    @Test
    void everyBaselineFeatureWithinThreePercent() throws Exception {
        Map<String, int[]> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String cls : CLASSES) {
            Path csv = RefData.resolve("pyradiomics/data/baseline/baseline_" + cls + ".csv");
            List<List<String>> rows = Csv.read(csv);
            List<String> header = rows.get(0);
            for (int col = 1; col < header.size(); col++) {
                String column = header.get(col);
                String testCase = column.substring(0, 6);
                String variant = column.length() > 6 ? column.substring(7) : "default";
                Map<String, String> diag = new HashMap<>();
                for (List<String> row : rows) {
                    if (row.size() > col && row.get(0).startsWith("diagnostics_")) {
                        diag.put(row.get(0), row.get(col));
                    }
                }
                checkSettings(column, variant, diag.get("diagnostics_Configuration_Settings"));
                Map<String, Object> r = extract(testCase, variant, diag);
                for (List<String> row : rows) {
                    if (!row.get(0).startsWith("original_") || row.size() <= col || row.get(col).isEmpty()) {
                        continue;
                    }
                    double expected = Double.parseDouble(row.get(col));
                    Object got = r.get(row.get(0));
                    int[] c = counts.computeIfAbsent(cls, k -> new int[2]);
                    c[1]++;
                    if (got instanceof Double d && close(d, expected)) {
                        c[0]++;
                    } else {
                        failures.add(column + " " + row.get(0) + ": expected " + expected + ", got " + got);
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("pyradiomics baseline parity (within 3 %):\n");
        int pass = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            table.append(String.format("  %-10s %4d/%4d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            pass += e.getValue()[0];
            total += e.getValue()[1];
        }
        table.append(String.format("  %-10s %4d/%4d%n", "all", pass, total));
        System.out.print(table);
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertTrue(failures.isEmpty(), failures.size() + " features outside 3 %, first: "
                + (failures.isEmpty() ? "" : failures.get(0)));
    }

    /** The YAML of a variant carries the same settings as the baseline column's recorded configuration. */
    @SuppressWarnings("unchecked")
    private static void checkSettings(String column, String variant, String pythonDict) throws Exception {
        String asYaml = pythonDict.replace("None", "null").replace("True", "true").replace("False", "false");
        Map<String, Object> recorded = (Map<String, Object>) new Yaml().load(asYaml);
        Map<String, Object> ours = variantParams(variant).settings();
        for (Map.Entry<String, Object> e : recorded.entrySet()) {
            if (e.getKey().equals("additionalInfo")) {
                continue;
            }
            Object mine = ours.get(e.getKey());
            String a = String.valueOf(e.getValue()).replace(".0", "");
            String b = String.valueOf(mine).replace(".0", "");
            assertEquals(a, b, column + ": setting " + e.getKey());
        }
    }
}
