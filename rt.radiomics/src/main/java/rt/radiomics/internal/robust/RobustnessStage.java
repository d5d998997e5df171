package rt.radiomics.internal.robust;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import rt.api.ConfigKey;
import rt.api.LogLevel;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.imaging.Masks;
import rt.nifti.Nifti;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsExtractor;
import rt.radiomics.RadiomicsImage;
import rt.radiomics.RadiomicsParams;
import rt.radiomics.internal.stage.CourseRois;
import rt.radiomics.internal.stage.FeatureTable;

/**
 * Stage {@code radiomics.robustness}: features of target ROIs under the seeded NTCV perturbation grid;
 * {@code radiomics/robustness_values.csv} (long: one value per ROI × perturbation × feature) and
 * {@code radiomics/robustness.csv} (per feature: ICC(3,1) over the course's ROIs with 95 % CI when there are at least
 * two, median CoV and QCD over ROIs, class).
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=radiomics.robustness")
public final class RobustnessStage implements Stage {

    @Override
    public String id() {
        return "radiomics.robustness";
    }

    @Override
    public List<String> runsAfter() {
        return List.of("radiomics");
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        return new ResourceNeeds(1, 0, 2048, true);
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("rois", ConfigKey.Type.LIST, List.of("GTV*", "CTV*", "PTV*"), "ROI name patterns"),
                new ConfigKey("max_translation_mm", ConfigKey.Type.DOUBLE, 4.0, "T and C amplitude"),
                new ConfigKey("n_random_contour_realizations", ConfigKey.Type.INT, 2, "C realisations"),
                new ConfigKey("seed", ConfigKey.Type.INT, 42, "random seed"),
                new ConfigKey("params", ConfigKey.Type.PATH, null,
                        "pyradiomics YAML (default: bundled CT parameters, Original image only)"));
    }

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        Path dir = ctx.workDir();
        Path ctFile = dir.resolve("ct.nii.gz");
        if (!Files.isRegularFile(ctFile)) {
            return StageResult.skipped("no planning CT (" + ctFile + ")");
        }
        Path pp = ctx.config().getPath("params");
        RadiomicsParams params = pp != null ? RadiomicsParams.load(pp)
                : RadiomicsParams.bundled("CT").with(Map.of("Original", Map.of()), null);
        List<PathMatcher> patterns = new ArrayList<>();
        for (String p : ctx.config().getStringList("rois", List.of("GTV*", "CTV*", "PTV*"))) {
            patterns.add(FileSystems.getDefault().getPathMatcher("glob:" + p.toUpperCase(java.util.Locale.ROOT)));
        }
        Volume ct = Nifti.readVolume(ctFile, Quantity.HU);
        List<CourseRois.RoiRef> rois = new ArrayList<>();
        for (CourseRois.RoiRef r : CourseRois.list(dir, ctx.course(), ct.grid())) {
            for (PathMatcher m : patterns) {
                if (m.matches(Path.of(r.name().toUpperCase(java.util.Locale.ROOT).replace('/', '_')))) {
                    rois.add(r);
                    break;
                }
            }
        }
        if (rois.isEmpty()) {
            return StageResult.skipped("no ROI matches " + patterns.size() + " pattern(s)");
        }
        double t = ctx.config().getDouble("max_translation_mm", 4.0);
        int nc = ctx.config().getInt("n_random_contour_realizations", 2);
        long seed = ctx.config().getInt("seed", 42);
        List<Perturbations.Spec> grid = Perturbations.standardGrid(t, nc);
        ctx.progress().begin((long) rois.size() * grid.size(), "perturbations");
        List<Map<String, Object>> longRows = new ArrayList<>();
        // feature → per ROI → values over perturbations (in grid order)
        Map<String, List<double[]>> table = new LinkedHashMap<>();
        for (CourseRois.RoiRef r : rois) {
            Mask roi = r.mask().get();
            Crop c = crop(ct, roi, 40);
            Map<String, double[]> perFeature = new LinkedHashMap<>();
            for (int p = 0; p < grid.size(); p++) {
                ctx.checkCancelled();
                Perturbations.Spec s = grid.get(p);
                float[] img = Perturbations.noise(c.voxels, s.noiseSigma(), seed + 31L * (long) s.noiseSigma());
                Mask m = Perturbations.translate(c.mask, s.shiftMm());
                if (s.contour() > 0) {
                    m = Perturbations.randomContour(m, t / 2, seed * 1000 + s.contour());
                }
                m = Perturbations.adaptVolume(m, s.volumeChange());
                try {
                    Map<String, Object> f = new RadiomicsExtractor(params.withSetting("additionalInfo", false))
                            .execute(new RadiomicsImage(c.grid, img, PixelType.FLOAT32), m);
                    for (Map.Entry<String, Object> e : f.entrySet()) {
                        if (e.getValue() instanceof Double d) {
                            perFeature.computeIfAbsent(e.getKey(), k -> nanArray(grid.size()))[p] = d;
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("patient", ctx.course().patientId());
                            row.put("course", ctx.course().courseId());
                            row.put("structure", r.name());
                            row.put("segmentation_source", r.source());
                            row.put("perturbation_id", s.id());
                            row.put("feature_name", e.getKey());
                            row.put("value", d);
                            longRows.add(row);
                        }
                    }
                } catch (RuntimeException e) {
                    ctx.log(LogLevel.WARN, r.name() + " " + s.id() + ": " + e.getMessage());
                }
                ctx.progress().advance(1);
            }
            for (Map.Entry<String, double[]> e : perFeature.entrySet()) {
                table.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : table.entrySet()) {
            List<double[]> subjects = e.getValue();
            double[] covs = new double[subjects.size()];
            double[] qcds = new double[subjects.size()];
            for (int i = 0; i < subjects.size(); i++) {
                covs[i] = RobustnessStats.cov(subjects.get(i));
                qcds[i] = RobustnessStats.qcd(subjects.get(i));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("patient", ctx.course().patientId());
            row.put("course", ctx.course().courseId());
            row.put("feature_name", e.getKey());
            row.put("n_subjects", subjects.size());
            row.put("n_perturbations", grid.size());
            RobustnessStats.Icc icc = subjects.size() >= 2 && complete(subjects)
                    ? RobustnessStats.icc31(subjects.toArray(new double[0][])) : null;
            row.put("icc", icc == null ? Double.NaN : icc.icc());
            row.put("icc_ci95_low", icc == null ? Double.NaN : icc.ciLow());
            row.put("icc_ci95_high", icc == null ? Double.NaN : icc.ciHigh());
            double cov = median(covs);
            row.put("cov_pct", cov);
            row.put("qcd", median(qcds));
            row.put("robustness_label", RobustnessStats.classify(icc == null ? Double.NaN : icc.ciLow(), cov));
            summary.add(row);
        }
        FeatureTable.write(dir.resolve("radiomics").resolve("robustness_values.csv"), longRows);
        FeatureTable.write(dir.resolve("radiomics").resolve("robustness.csv"), summary);
        return StageResult.ok(rois.size() + " ROIs × " + grid.size() + " perturbations");
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static boolean complete(List<double[]> rows) {
        for (double[] r : rows) {
            for (double v : r) {
                if (Double.isNaN(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    static double median(double[] v) {
        double[] s = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    record Crop(Grid grid, float[] voxels, Mask mask) {
    }

    /** The image around the ROI with a margin (voxels), and the ROI on that crop. */
    static Crop crop(Volume ct, Mask roi, int margin) {
        Grid g = ct.grid();
        int[] bb = Masks.boundingBox(roi);
        int[] off = rt.imaging.Grids.offset(g, roi.grid());
        int[] size = {g.nx(), g.ny(), g.nz()};
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int d = 0; d < 3; d++) {
            lo[d] = Math.max(0, bb[d] + off[d] - margin);
            hi[d] = Math.min(size[d] - 1, bb[d + 3] + off[d] + margin);
        }
        Grid cg = g.crop(lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1);
        float[] v = new float[(int) cg.voxelCount()];
        for (int k = 0; k < cg.nz(); k++) {
            for (int j = 0; j < cg.ny(); j++) {
                System.arraycopy(ct.voxels(), g.index(lo[0], lo[1] + j, lo[2] + k), v, cg.index(0, j, k), cg.nx());
            }
        }
        return new Crop(cg, v, Masks.embed(roi, cg));
    }
}
