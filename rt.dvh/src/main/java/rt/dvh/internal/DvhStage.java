package rt.dvh.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import rt.api.Artifact;
import rt.api.ConfigKey;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageConfig;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.course.CourseFolder;
import rt.course.CtCrop;
import rt.course.DoseProvenance;
import rt.course.RoiNames;
import rt.course.SegmentationManifest;
import rt.course.SkippedRois;
import rt.course.StructureSet;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.dvh.internal.engine.DoseField;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.GridDvh;
import rt.dvh.internal.engine.OutsideDose;
import rt.dvh.internal.engine.RoiDvhs;
import rt.dvh.internal.io.DvhTable;
import rt.dvh.internal.metrics.Metric;
import rt.course.MemoryEstimate;

/**
 * Stage {@code dvh}: for every structure source of the course (manual RTSTRUCT, each auto segmentation, the custom
 * structures) × ROI, the cumulative DVH on the course dose and its metrics → {@code dvh/dvh_metrics.csv} and
 * {@code dvh/dvh_curves.json}. ROIs are computed in parallel on the lease's cores.
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=" + DvhStage.ID)
public final class DvhStage implements Stage, rt.api.ConfigValidation {

    public static final String ID = "dvh";
    /**
     * Bump when outputs for the same inputs change. 2: shape-based interpolation aligns oblique planes; end caps follow
     * the trend of the last planes. 3: provenance columns; the part of a ROI outside the dose grid measured and treated
     * as {@code outside_dose} says; {@code use_cropped_ct}; end caps from the trend of the section depth (at least half
     * a spacing), curvature between planes, outline bias fixed. 4: end caps also from the extent of the sections and
     * with the holes of inner planes filled; a cap's tip stays where the trend closes (stretching to half a spacing
     * only along the contour axis). 5: bulges between planes (a tip or rim whose extreme lies between them) where
     * the trends of both sides reach; a cap closing sooner than half a spacing is no longer stretched (its volume is
     * the trend's; only Dmin/Dmax keep the half spacing); a section closing from one side closes linearly.
     * 6: where one plane shows a corner near a bulge (an oblique flat face's trace meeting the side) and the other
     * none, the bulge is bounded by the face's trace moving linearly and the side's quadratic through three planes.
     * 7: where both planes show that corner, the face's trace and the side continued beyond it (its circle) are
     * blended on their own, so the rim bulges past the chord; where the end plane shows an oblique face, Dmin/Dmax
     * reach where the face closes the section (from the widths along its normal; the cap ends there at the latest),
     * or, where only the end plane shows it, the middle of half a spacing and the farthest it can reach.
     * 8: a cap whose end plane and the plane further in show an oblique face ends where the face closes the section
     * (not where the trend of the depth or extent does), its depth shrinking linearly (a thin segment: a dome-like
     * profile overstated the volume there by up to 40 %, D99 along z by up to −4.3 %); a point inside one plane's
     * outline and beyond the other's face trace, where only that plane shows the rim's corner, is decided by the
     * face's trace and the side blended on their own (the blend cut the rim: in-plane Dmin up to +3.2 %).
     * 9: in the slab next to an end plane that shows no corner of a face its neighbour shows, a point outside the
     * end plane's outline is decided by the face's trace and the side continued linearly from the two planes
     * further in (the blend with the end plane's small section cut the rim: D99 along z up to +4.5 %).
     */
    public static final String VERSION = "9";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> runsAfter() {
        return List.of("organize");
    }

    @Override
    public Set<String> produces() {
        return Set.of(Artifact.DVH);
    }

    @Override
    public Set<String> consumes() {
        return Set.of(Artifact.STRUCTURES, Artifact.CT_CROP);
    }

    @Override
    public List<String> outputPaths() {
        return List.of(CourseFolder.relative(CourseFolder::dvh));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // the dose grid and the CT-grid masks it samples
        return new ResourceNeeds(2, 0, MemoryEstimate.mb(256, MemoryEstimate.imageVoxels(course), 2), true);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("metrics", ConfigKey.Type.LIST, Metric.DEFAULT_NAMES,
                        "DVH metrics after volume/Dmin/Dmean/Dmax: D95, D0.03cc, V20Gy, V20Gy_cc, V95%Rx, HI, CI, GI,"
                                + " integral_dose"),
                new ConfigKey("sample_budget", ConfigKey.Type.INT, 40_000_000,
                        "most dose samples per ROI; large ROIs are sampled more coarsely to fit"),
                new ConfigKey("between_planes", ConfigKey.Type.STRING, "interpolate",
                        "structure between contour planes: interpolate (shape-based, centroid-aligned) or nearest"
                                + " (each contour a slab up to half-way to its neighbours, as voxel masks)"),
                new ConfigKey("end_caps", ConfigKey.Type.STRING, "taper",
                        "structure beyond the first/last contour: taper (following the trend of the last planes:"
                                + " up to the next plane where it closes, else half a spacing), extrude (half a spacing)"
                                + " or none"),
                new ConfigKey("outside_dose", ConfigKey.Type.STRING, OutsideDose.DEFAULT.key(),
                        "the part of a ROI outside the dose grid: clamp (dose of the nearest grid plane, as"
                                + " dicompyler-core), zero (0 Gy) or exclude (left out of the DVH and its volume);"
                                + " each row gives the fraction outside"),
                new ConfigKey("use_cropped_ct", ConfigKey.Type.BOOLEAN, false,
                        "clip every ROI to the CT slices crop_ct kept (crop/crop.json), so that BODY and long organs"
                                + " have the same extent in every course; each row says whether it was cut"),
                new ConfigKey("prescription_gy", ConfigKey.Type.DOUBLE, null,
                        "prescription for Rx-based metrics; default: the course's (from the plan)"));
    }

    /** The metric list is checked before the run (exit 2 naming the key), not per course at the end. */
    @Override
    public List<String> validate(StageConfig config) {
        List<String> problems = new ArrayList<>();
        try {
            Metric.list(DvhTable.names(config.get("metrics"), Metric.DEFAULT_NAMES));
        } catch (IllegalArgumentException e) {
            problems.add("dvh.metrics: " + e.getMessage());
        }
        try {
            OutsideDose.of(config.getString("outside_dose", OutsideDose.DEFAULT.key()));
        } catch (IllegalArgumentException e) {
            problems.add("dvh." + e.getMessage());
        }
        return problems;
    }

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        Course course = ctx.course();
        Path dir = ctx.workDir();
        List<Metric> metrics;
        try {
            metrics = Metric.list(DvhTable.names(ctx.config().get("metrics"), Metric.DEFAULT_NAMES));
        } catch (IllegalArgumentException e) {
            return StageResult.failed("dvh.metrics: " + e.getMessage());
        }
        CourseInputs.Dose dose = CourseInputs.dose(course, dir);
        if (dose == null) {
            return StageResult.skipped("no course dose (dose.nii.gz or RTDOSE)");
        }
        List<SkippedRois.Entry> skipped = new ArrayList<>();
        List<StructureSet> sources = new ArrayList<>();
        for (StructureSet set : CourseInputs.sources(course, dir)) {
            if (set.rtStruct() != null) {
                sources.add(set);
            } else if (set.manifest() != null) {
                // a model folder with a label map but no RTSTRUCT: its ROIs have no contours to sample
                for (SegmentationManifest.Roi roi : set.manifest().rois()) {
                    if (roi.voxels() > 0) {
                        skipped.add(new SkippedRois.Entry(course.patientId(), course.courseId(), set.source().id(),
                                roi.name(), "the model wrote no RTSTRUCT, only a label map"));
                    }
                }
            }
        }
        if (sources.isEmpty()) {
            return StageResult.skipped("no structure set (manual RTSTRUCT, segmentation or custom structures)");
        }
        double rx = ctx.config().getDouble("prescription_gy", Double.NaN);
        String rxSource = Double.isNaN(rx) ? null : "config dvh.prescription_gy";
        if (Double.isNaN(rx) && course.prescriptionGy() != null) {
            rx = course.prescriptionGy();
            rxSource = String.join("; ", DoseProvenance.read(new CourseFolder(dir)).rxSources());
        }
        OutsideDose outside;
        try {
            outside = OutsideDose.of(ctx.config().getString("outside_dose", OutsideDose.DEFAULT.key()));
        } catch (IllegalArgumentException e) {
            return StageResult.failed("dvh." + e.getMessage());
        }
        CtBorder ctBorder = CtBorder.of(new CourseFolder(dir).ctImage());
        CtCrop crop = null;
        if (ctx.config().getBoolean("use_cropped_ct", false)) {
            crop = CtCrop.read(new CourseFolder(dir)).orElse(null);
            if (crop == null) {
                return StageResult.failed("dvh.use_cropped_ct is set but crop_ct wrote no crop for this course ("
                        + new CourseFolder(dir).relative(CtCrop.file(new CourseFolder(dir))) + ")");
            }
        }
        DvhSampler.Model model;
        try {
            model = DvhSampler.Model.of(ctx.config().getString("between_planes", "interpolate"),
                    ctx.config().getString("end_caps", "taper"));
        } catch (IllegalArgumentException e) {
            return StageResult.failed("dvh." + e.getMessage());
        }
        DvhSampler.Options options = DvhSampler.Options.defaults().withModel(model)
                .withBudget(Math.max(100_000, ctx.config().getInt("sample_budget", 40_000_000)));
        GridDvh grid = new GridDvh(dose.volume(), outside);
        DoseField field = grid.dose();
        DvhTable table = new DvhTable(metrics);
        List<String> problems = new ArrayList<>();
        ctx.progress().begin(sources.size(), "structure sets");
        for (StructureSet src : sources) {
            String source = src.source().id();
            ctx.checkCancelled();
            RtStruct rs;
            try {
                rs = RtStructReader.read(src.rtStruct());
            } catch (Exception e) {
                problems.add(source + ": " + e.getMessage());
                ctx.warn("dvh: " + e.getMessage());
                continue;
            }
            if (rs.frameOfReferenceUid() != null && dose.frameOfReferenceUid() != null
                    && !rs.frameOfReferenceUid().equals(dose.frameOfReferenceUid())) {
                String msg = src.rtStruct() + ": frame of reference differs from the dose's; not evaluated";
                problems.add(source + ": frame of reference differs from the dose's");
                ctx.warn("dvh: " + msg);
                skipAll(skipped, course, source, rs, "frame of reference differs from the dose's");
                continue;
            }
            CropClip clip = crop == null ? null : CropClip.of(rs, crop);
            if (clip != null) {
                rs = clip.structures();
            }
            List<RoiDvhs.Result> results;
            try {
                results = RoiDvhs.compute(rs, r -> true, grid, options, Math.max(1, ctx.lease().cpuCores()),
                        ctx::isCancelled);
            } catch (IllegalArgumentException e) {
                problems.add(source + ": " + e.getMessage());
                ctx.warn("dvh: " + src.rtStruct() + ": " + e.getMessage());
                skipAll(skipped, course, source, rs, e.getMessage());
                continue;
            }
            ctx.checkCancelled();
            String rel = relative(dir, src.rtStruct());
            java.util.Set<Integer> evaluated = new java.util.HashSet<>();
            results.forEach(r -> evaluated.add(r.roi().number()));
            for (rt.dicom.rt.Roi roi : rs.rois()) {
                if (!evaluated.contains(roi.number())) {
                    skipped.add(new SkippedRois.Entry(course.patientId(), course.courseId(), source,
                            RoiNames.of(roi.name()), clip != null && clip.emptied().contains(roi.number())
                                    ? "outside the CT slices crop_ct kept (dvh.use_cropped_ct)"
                                    : "no closed planar contours (point, marker or empty ROI)"));
                }
            }
            for (RoiDvhs.Result r : results) {
                DvhTable.Provenance p = new DvhTable.Provenance(rs.sopInstanceUid(), dose.sopInstanceUid(),
                        String.join(";", dose.sourceUids()), course.doseClassification(), rxSource,
                        r.outsideFraction(), outside.key(),
                        ctBorder == null ? null : ctBorder.where(RoiDvhs.closedContours(r.roi())),
                        clip == null ? null : clip.cropped().contains(r.roi().number()) ? "yes" : "no");
                if (r.outsideFraction() > 0) {
                    // in the row and judged by QC; a log line per ROI would drown real warnings (BODY is often cut)
                    ctx.info(String.format(java.util.Locale.ROOT, "dvh: %s %s: %.2f %% of the volume outside the dose"
                            + " grid (%s)", source, r.roi().name(), 100 * r.outsideFraction(), outside.key()));
                }
                table.add(new DvhTable.RowInfo(course.patientId(), course.courseId(), source, RoiNames.of(r.roi().name()),
                        r.roi().number(), r.roi().interpretedType(), rel, dose.file(), rx, p), r.dvh(),
                        gy -> field.isodoseVolumeMm3(gy) / 1000.0);
            }
            ctx.progress().advance(1);
        }
        if (table.size() == 0) {
            return problems.isEmpty() ? StageResult.skipped("no volume ROI in " + sources.size() + " structure set(s)")
                    : StageResult.failed(String.join("; ", problems));
        }
        CourseFolder folder = new CourseFolder(dir);
        SkippedRois.write(folder.dvhSkipped(), skipped);
        table.writeCsv(folder.dvhMetrics());
        table.writeCurves(folder.dvhCurves());
        String note = table.size() + " ROI row(s) from " + sources.size() + " structure set(s)";
        return StageResult.ok(problems.isEmpty() ? note : note + "; skipped: " + String.join("; ", problems));
    }

    private static void skipAll(List<SkippedRois.Entry> skipped, Course course, String source, RtStruct rs,
            String reason) {
        for (rt.dicom.rt.Roi roi : rs.rois()) {
            skipped.add(new SkippedRois.Entry(course.patientId(), course.courseId(), source, RoiNames.of(roi.name()),
                    reason));
        }
    }

    private static String relative(Path dir, Path file) {
        try {
            return dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
