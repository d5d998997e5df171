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
import rt.course.SkippedRois;
import rt.nifti.ImageHeader;
import rt.nifti.Nifti;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsParams;

/**
 * Stage {@code radiomics}: pyradiomics features for every (source, ROI) of a course on its planning CT, one row per
 * ROI in {@code radiomics/radiomics.csv} with provenance columns. The CT is read once per course; ROIs run in
 * parallel on the lease's cores, each with a timeout, and ROIs with identical voxels are extracted once
 * ({@link CourseExtraction}).
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=radiomics")
public final class RadiomicsStage implements Stage {

    static final List<String> PROVENANCE = List.of("patient_id", "course_id", "source", "roi_name", "modality",
            "settings_hash");

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
        return new ResourceNeeds(2, 0, 2048, true);
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("params", ConfigKey.Type.PATH, null,
                        "pyradiomics parameter YAML (default: the bundled CT parameters)"),
                new ConfigKey("modality", ConfigKey.Type.STRING, "CT", "CT or MR (selects the bundled defaults)"),
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
        return RadiomicsParams.bundled(ctx.config().getString("modality", "CT"));
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
            // masks are rasterised on the image's grid, so the cropped CT crops every ROI with it
            ctFile = rt.course.CtCrop.croppedCt(folder);
            if (!Files.isRegularFile(ctFile)) {
                return StageResult.failed("radiomics.use_cropped_ct is set but crop_ct wrote no cropped CT for this"
                        + " course (" + folder.relative(ctFile) + ")");
            }
        }
        RadiomicsParams params = params(ctx);
        ImageHeader header = Nifti.readHeader(ctFile);
        Volume ct = Nifti.readVolume(ctFile, Quantity.HU);
        PixelType type = pixelType(header);
        List<SkippedRois.Entry> skipped = java.util.Collections.synchronizedList(new ArrayList<>());
        Course c = ctx.course();
        List<CourseRois.RoiRef> rois = CourseRois.list(dir, c, ct.grid(),
                (source, name, reason) -> skipped.add(skip(c, source, name, reason)));
        RoiFilter filter = new RoiFilter(ctx.config().getStringList("skip_rois", List.of()));
        int minVoxels = ctx.config().getInt("min_voxels", 64);
        long maxVoxels = ctx.config().getInt("max_voxels", 15_000_000);
        int timeout = ctx.config().getInt("roi_timeout_s", 600);
        String modality = ctx.config().getString("modality", "CT");
        List<CourseRois.RoiRef> todo = new ArrayList<>();
        for (CourseRois.RoiRef r : rois) {
            if (!filter.skipped(r.name())) {
                todo.add(r);
            } else {
                skipped.add(skip(ctx.course(), r, "matches radiomics.skip_rois"));
            }
        }
        if (todo.isEmpty()) {
            SkippedRois.write(folder.radiomicsSkipped(), skipped);
            return StageResult.skipped("no ROIs to analyse");
        }
        ctx.progress().begin(todo.size(), "ROIs");
        List<Map<String, Object>> rows = new ArrayList<>();
        int[] failed = {0};
        CourseExtraction.run(ct, type, todo, minVoxels, (r, m) -> RoiFilter.isBody(r.name())
                || RoiExtraction.estimatedVoxels(m, params) > maxVoxels ? RoiExtraction.reduced(params) : params,
                ctx.lease().cpuCores(), timeout, o -> {
                    if (o.error() != null) {
                        failed[0]++;
                        ctx.log(LogLevel.WARN, o.roi().source() + "/" + o.roi().name() + ": " + o.error());
                        skipped.add(skip(ctx.course(), o.roi(), "failed: " + o.error()));
                    } else if (o.skipped()) {
                        skipped.add(skip(ctx.course(), o.roi(), "fewer voxels than radiomics.min_voxels ("
                                + minVoxels + ")"));
                    } else if (o.features() != null) {
                        Map<String, Object> row = provenance(ctx.course(), o.roi(), modality, o.params());
                        row.putAll(o.features());
                        rows.add(row);
                    }
                    ctx.progress().advance(1);
                    ctx.checkCancelled();
                });
        SkippedRois.write(folder.radiomicsSkipped(), skipped);
        if (rows.isEmpty()) {
            return StageResult.skipped("no ROI gave features (" + failed[0] + " failed)");
        }
        FeatureTable.write(folder.radiomics(), rows);
        return StageResult.ok(rows.size() + " ROIs" + (failed[0] > 0 ? ", " + failed[0] + " failed" : ""));
    }

    private static SkippedRois.Entry skip(Course c, CourseRois.RoiRef r, String reason) {
        return skip(c, r.source(), r.name(), reason);
    }

    private static SkippedRois.Entry skip(Course c, String source, String roi, String reason) {
        return new SkippedRois.Entry(c == null ? "" : c.patientId(), c == null ? "" : c.courseId(), source, roi,
                reason);
    }

    static Map<String, Object> provenance(Course c, CourseRois.RoiRef r, String modality, RadiomicsParams p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("patient_id", c == null ? "" : c.patientId());
        row.put("course_id", c == null ? "" : c.courseId());
        row.put("source", r.source());
        row.put("roi_name", r.name());
        row.put("modality", modality);
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
