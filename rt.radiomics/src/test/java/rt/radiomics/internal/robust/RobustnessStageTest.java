package rt.radiomics.internal.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.ModelFolder;
import rt.course.SegmentationManifest;
import rt.nifti.Nifti;
import rt.radiomics.internal.stage.FeatureTable;
import rt.testsupport.TestStageContext;

/**
 * {@code radiomics.robustness} end to end on two synthetic courses (CT + a model segmentation with two target ROIs and
 * one non-target), then {@code radiomics.robustness.cohort} over both: file layout, the columns {@code aggregate} reads,
 * the full 81-perturbation NTCV grid, and the ICCs recomputed from the long values file.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class RobustnessStageTest {

    static Course course(Path out, String patient, long seed) throws Exception {
        Path dir = out.resolve(patient).resolve("C1");
        Files.createDirectories(dir.resolve("segmentation").resolve("demo"));
        Grid g = Grid.axisAligned(36, 36, 30, new double[] {-18, -18, 0}, new double[] {1, 1, 1});
        float[] ct = new float[(int) g.voxelCount()];
        short[] labels = new short[ct.length];
        java.util.Random r = new java.util.Random(seed);
        double[][] centres = {{11, 12, 14}, {24, 23, 15}, {18, 30, 8}};
        double[] radii = {5 + seed % 2, 6, 3};
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int idx = g.index(i, j, k);
                    double v = -50 + 20 * r.nextGaussian();
                    for (int l = 0; l < 3; l++) {
                        double d = Math.sqrt(sq(i - centres[l][0]) + sq(j - centres[l][1]) + sq(k - centres[l][2]));
                        if (d <= radii[l]) {
                            labels[idx] = (short) (l + 1);
                            v = 40 + 30 * l + seed * 7 + 6 * d + 15 * r.nextGaussian();
                        }
                    }
                    ct[idx] = (float) Math.round(v);
                }
            }
        }
        Nifti.write(dir.resolve("ct.nii.gz"), new Volume(g, ct, Quantity.HU));
        // the segmentation model's outputs as the segmentation stages write them (the course contract's writer)
        ModelFolder model = new CourseFolder(dir).model("demo");
        Nifti.write(model.labels(), new LabelMap(g, labels, Map.of()));
        new SegmentationManifest("demo", null, null, null, null, "cpu", 1, null,
                List.of(new SegmentationManifest.Roi(1, "GTV_primary", 0, 0),
                        new SegmentationManifest.Roi(2, "PTV_high", 0, 0),
                        new SegmentationManifest.Roi(3, "spinal_cord", 0, 0)), Map.of()).write(model);
        return new Course(patient, "C1", patient + "/C1", null, 0, null, null, null, null, List.of(), Map.of());
    }

    static double sq(double x) {
        return x * x;
    }

    static List<Map<String, String>> read(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        List<String> h = FeatureTable.parseLine(lines.get(0));
        List<Map<String, String>> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> c = FeatureTable.parseLine(l);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < h.size(); i++) {
                m.put(h.get(i), c.get(i));
            }
            out.add(m);
        }
        return out;
    }

    /** subject (patient/course/structure/source) → values over perturbations, in file order, for one feature. */
    static Map<String, List<Double>> series(List<Map<String, String>> values, String feature) {
        Map<String, List<Double>> s = new LinkedHashMap<>();
        for (Map<String, String> r : values) {
            if (r.get("feature_name").equals(feature)) {
                s.computeIfAbsent(r.get("patient_id") + "/" + r.get("course_id") + "/" + r.get("structure") + "/"
                        + r.get("segmentation_source"), k -> new ArrayList<>()).add(Double.parseDouble(r.get("value")));
            }
        }
        return s;
    }

    static double[][] matrix(Map<String, List<Double>> s) {
        return s.values().stream().map(l -> l.stream().mapToDouble(Double::doubleValue).toArray())
                .toArray(double[][]::new);
    }

    @Test
    void course_and_cohort_outputs(@TempDir Path out) throws Exception {
        Path params = out.resolve("params.yaml");
        Files.writeString(params, String.join("\n", "imageType:", "  Original: {}", "featureClass:", "  shape:",
                "  firstorder:", "  glcm:", "setting:", "  binWidth: 25", "  label: 1", ""));
        List<Course> courses = List.of(course(out, "P1", 1), course(out, "P2", 2));
        for (Course c : courses) {
            Path dir = out.resolve(c.folder());
            StageResult res = new RobustnessStage().run(TestStageContext.builder(out).course(c).workDir(dir)
                    .config("params", params.toString()).build());
            assertTrue(res.isOk(), String.valueOf(res));
        }
        String feature = "original_firstorder_Mean";
        // per course: the long values and the table aggregate reads
        Path dir = out.resolve("P1/C1/radiomics");
        List<Map<String, String>> values = read(dir.resolve("robustness_values.csv"));
        assertEquals(List.of("patient_id", "course_id", "structure", "segmentation_source", "perturbation_id",
                "feature_name", "value"), new ArrayList<>(values.get(0).keySet()));
        Map<String, List<Double>> s1 = series(values, feature);
        assertEquals(2, s1.size(), "GTV and PTV, not the cord: " + s1.keySet());
        for (List<Double> l : s1.values()) {
            assertEquals(81, l.size(), "standard NTCV grid");
        }
        List<Map<String, String>> table = read(dir.resolve("robustness.csv"));
        assertEquals(List.of("patient_id", "course_id", "source", "roi_name", "feature_name"),
                new ArrayList<>(table.get(0).keySet()).subList(0, 5));
        for (String col : List.of("icc", "cov_pct", "qcd", "robustness_label", "icc_ci95_low")) {
            assertTrue(table.get(0).containsKey(col), col);
        }
        Map<String, String> gtv = table.stream().filter(r -> r.get("roi_name").equals("GTV_primary")
                && r.get("feature_name").equals(feature)).findFirst().orElseThrow();
        assertEquals("P1", gtv.get("patient_id"));
        assertEquals("segmentation:demo", gtv.get("source"));
        double[][] m1 = matrix(s1);
        assertEquals(RobustnessStats.icc31(m1).icc(), Double.parseDouble(gtv.get("icc")), 1e-9);
        assertEquals(RobustnessStats.cov(m1[0]), Double.parseDouble(gtv.get("cov_pct")), 1e-9);
        assertEquals(RobustnessStats.classify(RobustnessStats.icc31(m1).ciLow(), RobustnessStats.cov(m1[0])),
                gtv.get("robustness_label"));
        // the perturbations really perturb: the volume varies over the grid
        Map<String, List<Double>> vol = series(values, "original_shape_VoxelVolume");
        List<Double> v0 = vol.values().iterator().next();
        assertTrue(v0.stream().distinct().count() > 3, "volume varies: " + v0);

        // cohort
        StageResult res = new RobustnessCohortStage().run(TestStageContext.builder(out).courses(courses)
                .workDir(out.resolve("cohort")).build());
        assertTrue(res.isOk(), String.valueOf(res));
        List<Map<String, String>> summary = read(out.resolve("cohort").resolve(RobustnessCohortStage.FILE));
        Map<String, String> all = summary.stream().filter(r -> r.get("scope").equals("all")
                && r.get("feature_name").equals(feature)).findFirst().orElseThrow();
        assertEquals("4", all.get("n_subjects"));
        assertEquals("2", all.get("n_courses"));
        assertEquals("81", all.get("n_perturbations"));
        Map<String, List<Double>> pooled = new LinkedHashMap<>(s1);
        pooled.putAll(series(read(out.resolve("P2/C1/radiomics/robustness_values.csv")), feature));
        double[][] m = matrix(pooled);
        RobustnessStats.Icc icc = RobustnessStats.icc31(m);
        assertEquals(icc.icc(), Double.parseDouble(all.get("icc")), 1e-9);
        assertEquals(icc.ciLow(), Double.parseDouble(all.get("icc_ci95_low")), 1e-9);
        double[] covs = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            covs[i] = RobustnessStats.cov(m[i]);
        }
        java.util.Arrays.sort(covs);
        assertEquals((covs[1] + covs[2]) / 2, Double.parseDouble(all.get("cov_pct")), 1e-9);
        assertTrue(summary.stream().anyMatch(r -> r.get("scope").equals("segmentation:demo")), "per-source rows");
        Map<String, Integer> labels = new HashMap<>();
        summary.forEach(r -> labels.merge(r.get("robustness_label"), 1, Integer::sum));
        System.out.println("cohort robustness labels: " + labels);
    }
}
