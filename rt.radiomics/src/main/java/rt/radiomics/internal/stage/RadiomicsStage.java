package rt.radiomics.internal.stage;

import java.nio.file.Files;
import java.nio.file.Path;
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
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.course.StructureSet;
import rt.course.SkippedRois;
import rt.nifti.ImageHeader;
import rt.nifti.Nifti;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsParams;
import rt.course.MemoryEstimate;

/**
 * Stage {@code radiomics}: pyradiomics features for every (source, ROI) of a course, one row per ROI in
 * {@code radiomics/radiomics.csv} with provenance columns: the structure sets of the planning CT on the CT with the CT
 * parameters, and the structure sets drawn on an MR of the course (see {@link CourseImage}) on that MR with the MR
 * parameters ({@code modality} and {@code image_series_uid} tell the rows apart). Each image is read once; ROIs run in
 * parallel on the lease's cores, each with a timeout, and ROIs with identical voxels are extracted once
 * ({@link CourseExtraction}).
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=radiomics")
public final class RadiomicsStage implements Stage {

    static final List<String> PROVENANCE = List.of("patient_id", "course_id", "source", "roi_name", "modality",
            "image_series_uid", "settings_hash");

    @Override
    public String id() {
        return "radiomics";
    }

    @Override
    public List<String> runsAfter() {
        return List.of("organize");
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
        return List.of(CourseFolder.relative(CourseFolder::radiomics), CourseFolder.relative(CourseFolder::radiomicsSkipped));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // Measured, not guessed: a ROI whose box spans the body (bone) held 1.83 GB live at its peak on a
        // 512x512x140 CT (GC.class_histogram during the extraction: the wavelet tree's three double images of the
        // 1 mm box, its float image, band and crop, the texture classes' int arrays), ~50 B per CT voxel with the CT
        // itself. 40 B per voxel plus the base covers it; two such ROIs side by side do not fit and the second runs
        // again alone (CourseExtraction).
        return new ResourceNeeds(2, 0, MemoryEstimate.mb(512, MemoryEstimate.imageVoxels(course), 40), true);
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("params", ConfigKey.Type.PATH, null,
                        "pyradiomics parameter YAML for the planning CT (default: the bundled CT parameters)"),
                new ConfigKey("mr_params", ConfigKey.Type.PATH, null, "pyradiomics parameter YAML for structure sets"
                        + " on MR images (default: the bundled MR parameters, normalised intensities)"),
                new ConfigKey("use_cropped_ct", ConfigKey.Type.BOOLEAN, false,
                        "analyse the CT that crop_ct cropped to its region (crop/ct_cropped.nii.gz): every ROI is"
                                + " rasterised on it, so it ends at the crop's faces"),
                new ConfigKey("skip_rois", ConfigKey.Type.LIST, List.of(), "extra ROI names to skip"),
                new ConfigKey("min_voxels", ConfigKey.Type.INT, 64, "ROIs with fewer voxels are skipped"),
                new ConfigKey("max_voxels", ConfigKey.Type.INT, 15_000_000,
                        "ROIs above this (at the resampled spacing) or named BODY get the reduced extractor"),
                new ConfigKey("roi_timeout_s", ConfigKey.Type.INT, 600, "per-ROI time limit"));
    }

    static RadiomicsParams params(StageContext ctx) throws Exception {
        Path p = ctx.config().getPath("params");
        if (p != null) {
            return RadiomicsParams.load(p);
        }
        return RadiomicsParams.bundled("CT");
    }

    /** Parameters for structure sets on MR images: {@code mr_params}, else the bundled MR defaults. */
    static RadiomicsParams mrParams(StageContext ctx) throws Exception {
        Path p = ctx.config().getPath("mr_params");
        return p != null ? RadiomicsParams.load(p) : RadiomicsParams.bundled("MR");
    }

    /**
     * One image with the structure sets drawn on it: the planning CT (every set of the planning frame, models and
     * custom structures included) or a further image such as an MR registered to it.
     */
    private record ImageWork(String modality, String series, Path file, Quantity quantity, RadiomicsParams params,
            List<StructureSet> sets) {
    }

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        Path dir = ctx.workDir();
        CourseFolder folder = new CourseFolder(dir);
        if (ctx.config().getBoolean("use_cropped_ct", false) && Files.isRegularFile(folder.ctImage())
                && !Files.isRegularFile(rt.course.CtCrop.croppedCt(folder))) {
            return StageResult.failed("radiomics.use_cropped_ct is set but crop_ct wrote no cropped CT for this"
                    + " course (" + folder.relative(rt.course.CtCrop.croppedCt(folder)) + ")");
        }
        Course c = ctx.course();
        List<SkippedRois.Entry> skipped = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ImageWork> work = images(ctx, folder, skipped);
        if (work.isEmpty()) {
            SkippedRois.write(folder.radiomicsSkipped(), skipped);
            return StageResult.skipped("no planning CT (" + folder.ctImage() + ") and no other image with a"
                    + " structure set");
        }
        RoiFilter filter = new RoiFilter(ctx.config().getStringList("skip_rois", List.of()));
        int minVoxels = ctx.config().getInt("min_voxels", 64);
        long maxVoxels = ctx.config().getInt("max_voxels", 15_000_000);
        int timeout = ctx.config().getInt("roi_timeout_s", 600);
        List<Map<String, Object>> rows = new ArrayList<>();
        int[] failed = {0};
        int analysed = 0;
        for (ImageWork w : work) {
            ImageHeader header = Nifti.readHeader(w.file());
            Volume image = Nifti.readVolume(w.file(), w.quantity());
            PixelType type = pixelType(header);
            List<CourseRois.RoiRef> rois = CourseRois.list(w.sets(), image.grid(),
                    (source, name, reason) -> skipped.add(skip(c, source, name, reason)));
            List<CourseRois.RoiRef> todo = new ArrayList<>();
            for (CourseRois.RoiRef r : rois) {
                if (!filter.skipped(r.name())) {
                    todo.add(r);
                } else {
                    skipped.add(skip(c, r, "matches radiomics.skip_rois"));
                }
            }
            if (todo.isEmpty()) {
                continue;
            }
            analysed += todo.size();
            ctx.progress().begin(todo.size(), "ROIs on " + w.modality());
            RadiomicsParams params = w.params();
            CourseExtraction.run(image, type, todo, minVoxels, (r, m) -> RoiFilter.isBody(r.name())
                    || RoiExtraction.estimatedVoxels(m, params) > maxVoxels ? RoiExtraction.reduced(params) : params,
                    ctx.lease().cpuCores(), timeout, o -> {
                        if (o.error() != null) {
                            failed[0]++;
                            ctx.log(LogLevel.WARN, o.roi().source() + "/" + o.roi().name() + " on " + w.modality()
                                    + ": " + o.error());
                            skipped.add(skip(c, o.roi(), "failed: " + o.error()));
                        } else if (o.skipped()) {
                            skipped.add(skip(c, o.roi(), "fewer voxels than radiomics.min_voxels (" + minVoxels
                                    + ")"));
                        } else if (o.features() != null) {
                            Map<String, Object> row = provenance(c, o.roi(), w.modality(), w.series(), o.params());
                            row.putAll(o.features());
                            rows.add(row);
                        }
                        ctx.progress().advance(1);
                        ctx.checkCancelled();
                    }, ctx.lease().memoryMb() > 0 ? ctx.lease().memoryMb() : ctx.broker().memoryBudgetMb());
        }
        SkippedRois.write(folder.radiomicsSkipped(), skipped);
        if (analysed == 0) {
            return StageResult.skipped("no ROIs to analyse");
        }
        if (rows.isEmpty()) {
            return StageResult.skipped("no ROI gave features (" + failed[0] + " failed)");
        }
        FeatureTable.write(folder.radiomics(), rows);
        return StageResult.ok(rows.size() + " ROIs" + (failed[0] > 0 ? ", " + failed[0] + " failed" : ""));
    }

    /**
     * The images to analyse and their structure sets: the planning CT with the CT parameters, each MR with the MR
     * parameters. Sets on an image that has no NIfTI, or of a modality without parameters, are listed as skipped.
     */
    private List<ImageWork> images(StageContext ctx, CourseFolder folder, List<SkippedRois.Entry> skipped)
            throws Exception {
        Course c = ctx.course();
        List<StructureSet> all = StructureSet.onEveryImage(c, folder);
        List<ImageWork> out = new ArrayList<>();
        if (Files.isRegularFile(folder.ctImage())) {
            List<StructureSet> onCt = all.stream().filter(StructureSet::onPlanningCt).toList();
            String series = c == null ? null : c.planningCtSeriesUid();
            // masks are rasterised on the image's grid, so the cropped CT crops every ROI with it
            Path ct = ctx.config().getBoolean("use_cropped_ct", false) ? rt.course.CtCrop.croppedCt(folder)
                    : folder.ctImage();
            out.add(new ImageWork("CT", series, ct, Quantity.HU, params(ctx), onCt));
        }
        Map<String, List<StructureSet>> byVolume = new LinkedHashMap<>();
        Map<String, CourseImage> volumes = new LinkedHashMap<>();
        for (StructureSet set : all) {
            if (set.onPlanningCt()) {
                continue;
            }
            CourseImage img = set.image();
            String why = img.nifti() == null ? "drawn on frame of reference " + img.frameOfReferenceUid()
                    + ", which no image of the course with NIfTI has"
                    : !"MR".equals(img.modality()) ? "drawn on a " + img.modality() + " image: radiomics has"
                            + " parameters for CT and MR only" : null;
            if (why != null) {
                skipAll(c, set, why, skipped);
                continue;
            }
            byVolume.computeIfAbsent(img.volume(), v -> new ArrayList<>()).add(set);
            volumes.put(img.volume(), img);
        }
        if (!byVolume.isEmpty()) {
            RadiomicsParams mr = mrParams(ctx);
            byVolume.forEach((v, sets) -> {
                CourseImage img = volumes.get(v);
                out.add(new ImageWork("MR", img.seriesInstanceUid(), img.file(folder), Quantity.INTENSITY, mr, sets));
            });
        }
        return out;
    }

    /** Every ROI of a set that cannot be analysed, with the reason (the skipped_rois table lists them). */
    private static void skipAll(Course c, StructureSet set, String why, List<SkippedRois.Entry> skipped) {
        try {
            for (String roi : CourseRois.names(set)) {
                skipped.add(skip(c, set.source().id(), roi, why));
            }
        } catch (java.io.IOException e) {
            skipped.add(skip(c, set.source().id(), "", why + "; its ROIs could not be read: " + e.getMessage()));
        }
    }

    private static SkippedRois.Entry skip(Course c, CourseRois.RoiRef r, String reason) {
        return skip(c, r.source(), r.name(), reason);
    }

    private static SkippedRois.Entry skip(Course c, String source, String roi, String reason) {
        return new SkippedRois.Entry(c == null ? "" : c.patientId(), c == null ? "" : c.courseId(), source, roi,
                reason);
    }

    static Map<String, Object> provenance(Course c, CourseRois.RoiRef r, String modality, String series,
            RadiomicsParams p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("patient_id", c == null ? "" : c.patientId());
        row.put("course_id", c == null ? "" : c.courseId());
        row.put("source", r.source());
        row.put("roi_name", r.name());
        row.put("modality", modality);
        row.put("image_series_uid", series == null ? "" : series);
        row.put("settings_hash", p.hash());
        return row;
    }

    static PixelType pixelType(ImageHeader h) {
        if (h.slope() != 1 && h.slope() != 0 || h.intercept() != 0) {
            return PixelType.FLOAT32;
        }
        return switch (h.type()) {
            case UINT8 -> PixelType.UINT8;
            case INT8 -> PixelType.INT8;
            case INT16 -> PixelType.INT16;
            case UINT16 -> PixelType.UINT16;
            case INT32 -> PixelType.INT32;
            case FLOAT64 -> PixelType.FLOAT64;
            default -> PixelType.FLOAT32;
        };
    }
}
