package rt.radiomics.internal.robust;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import rt.api.Artifact;
import rt.api.ConfigKey;
import rt.api.LogLevel;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.nifti.Nifti;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsExtractor;
import rt.radiomics.RadiomicsImage;
import rt.radiomics.RadiomicsParams;
import rt.radiomics.internal.stage.CourseRois;
import rt.radiomics.internal.stage.FeatureTable;
import rt.radiomics.internal.stage.RoiExtraction;
import rt.course.MemoryEstimate;

/**
 * Stage {@code radiomics.robustness}: features of target ROIs under the seeded NTCV perturbation grid;
 * {@code radiomics/robustness_values.csv} (long, upstream's columns: one value per ROI × perturbation × feature) and
 * {@code radiomics/robustness.csv} (one row per source × ROI × feature, see {@link #courseSummary}; the Robustness
 * sheet of {@code aggregate}). The cohort-wide ICC over all courses' subjects is {@link RobustnessCohortStage}'s.
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
    public Set<String> produces() {
        return Set.of(Artifact.RADIOMICS);
    }

    @Override
    public Set<String> consumes() {
        return Set.of(Artifact.STRUCTURES, Artifact.CT_CROP);
    }

    @Override
    public List<String> outputPaths() {
        return List.of(CourseFolder.relative(CourseFolder::robustness), CourseFolder.relative(CourseFolder::robustnessValues));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // as radiomics: the image, and per ROI its crop with the perturbed and filtered copies
        return new ResourceNeeds(1, 0, MemoryEstimate.mb(512, MemoryEstimate.imageVoxels(course), 12), true);
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("rois", ConfigKey.Type.LIST, List.of("GTV*", "CTV*", "PTV*"), "ROI name patterns"),
                new ConfigKey("max_translation_mm", ConfigKey.Type.DOUBLE, 4.0, "T and C amplitude"),
                new ConfigKey("n_random_contour_realizations", ConfigKey.Type.INT, 2, "C realisations"),
                new ConfigKey("seed", ConfigKey.Type.INT, 42, "random seed"),
                new ConfigKey("use_cropped_ct", ConfigKey.Type.BOOLEAN, false,
                        "perturb the CT that crop_ct cropped (crop/ct_cropped.nii.gz), as radiomics.use_cropped_ct"),
                new ConfigKey("params", ConfigKey.Type.PATH, null,
                        "pyradiomics YAML (default: bundled CT parameters, Original image only)"));
    }

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        Path dir = ctx.workDir();
        CourseFolder folder = new CourseFolder(dir);
        Path ctFile = folder.ctImage();
        if (!Files.isRegularFile(ctFile)) {
            return StageResult.skipped("no planning CT (" + ctFile + ")");
        }
        if (ctx.config().getBoolean("use_cropped_ct", false)) {
            ctFile = rt.course.CtCrop.croppedCt(folder);
            if (!Files.isRegularFile(ctFile)) {
                return StageResult.failed("radiomics.robustness.use_cropped_ct is set but crop_ct wrote no cropped CT"
                        + " for this course (" + folder.relative(ctFile) + ")");
            }
        }
        Path pp = ctx.config().getPath("params");
        RadiomicsParams params = pp != null ? RadiomicsParams.load(pp)
                : RadiomicsParams.bundled("CT").with(Map.of("Original", Map.of()), null);
        RadiomicsExtractor extractor = new RadiomicsExtractor(params.withSetting("additionalInfo", false));
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
        // one subject per (source, ROI): feature → values over perturbations (grid order)
        List<Subject> subjects = new ArrayList<>();
        for (CourseRois.RoiRef r : rois) {
            Mask roi = r.mask().get();
            RoiExtraction.Crop c = RoiExtraction.crop(ct, roi, new int[] {40, 40, 40});
            Map<String, double[]> perFeature = new LinkedHashMap<>();
            for (int p = 0; p < grid.size(); p++) {
                ctx.checkCancelled();
                Perturbations.Spec s = grid.get(p);
                float[] img = Perturbations.noise(c.voxels(), s.noiseSigma(), seed + 31L * (long) s.noiseSigma());
                Mask m = Perturbations.translate(c.mask(), s.shiftMm());
                if (s.contour() > 0) {
                    m = Perturbations.randomContour(m, t / 2, seed * 1000 + s.contour());
                }
                m = Perturbations.adaptVolume(m, s.volumeChange());
                try {
                    Map<String, Object> f = extractor.execute(new RadiomicsImage(c.grid(), img, PixelType.FLOAT32), m);
                    for (Map.Entry<String, Object> e : f.entrySet()) {
                        if (e.getValue() instanceof Double d) {
                            perFeature.computeIfAbsent(e.getKey(), k -> nanArray(grid.size()))[p] = d;
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("patient_id", ctx.course().patientId());
                            row.put("course_id", ctx.course().courseId());
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
            subjects.add(new Subject(r.source(), r.name(), perFeature));
        }
        FeatureTable.write(folder.robustnessValues(), longRows);
        FeatureTable.write(folder.robustness(),
                courseSummary(ctx.course().patientId(), ctx.course().courseId(), subjects, grid.size()));
        return StageResult.ok(rois.size() + " ROIs × " + grid.size() + " perturbations");
    }

    /** One subject of the ICC: a (source, ROI) with its values per feature over the perturbations. */
    record Subject(String source, String roi, Map<String, double[]> values) {
    }

    /**
     * The per-course table {@code radiomics/robustness.csv}: one row per (source, ROI, feature) with the subject's
     * spread over the perturbations (mean, SD, CoV %, QCD) and the ICC(3,1) over the course's subjects (NaN with fewer
     * than two); the class follows upstream's rule on the ICC CI lower bound and this subject's CoV.
     */
    static List<Map<String, Object>> courseSummary(String patient, String course, List<Subject> subjects,
            int nPerturbations) {
        Map<String, RobustnessStats.Icc> iccs = new LinkedHashMap<>();
        for (Subject s : subjects) {
            for (String f : s.values().keySet()) {
                if (iccs.containsKey(f)) {
                    continue;
                }
                List<double[]> rows = new ArrayList<>();
                for (Subject o : subjects) {
                    double[] v = o.values().get(f);
                    if (v != null) {
                        rows.add(v);
                    }
                }
                iccs.put(f, rows.size() >= 2 && complete(rows)
                        ? RobustnessStats.icc31(rows.toArray(new double[0][])) : null);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Subject s : subjects) {
            for (Map.Entry<String, double[]> e : s.values().entrySet()) {
                double[] v = java.util.Arrays.stream(e.getValue()).filter(x -> !Double.isNaN(x)).toArray();
                RobustnessStats.Icc icc = iccs.get(e.getKey());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("patient_id", patient);
                row.put("course_id", course);
                row.put("source", s.source());
                row.put("roi_name", s.roi());
                row.put("feature_name", e.getKey());
                row.put("n_perturbations", nPerturbations);
                row.put("n_values", v.length);
                double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                row.put("mean", mean);
                double cov = RobustnessStats.cov(v);
                row.put("cov_pct", cov);
                row.put("qcd", RobustnessStats.qcd(v));
                row.put("n_subjects", subjects.size());
                row.put("icc", icc == null ? Double.NaN : icc.icc());
                row.put("icc_ci95_low", icc == null ? Double.NaN : icc.ciLow());
                row.put("icc_ci95_high", icc == null ? Double.NaN : icc.ciHigh());
                row.put("robustness_label", RobustnessStats.classify(icc == null ? Double.NaN : icc.ciLow(), cov));
                out.add(row);
            }
        }
        return out;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    static boolean complete(List<double[]> rows) {
        for (double[] r : rows) {
            for (double v : r) {
                if (Double.isNaN(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
