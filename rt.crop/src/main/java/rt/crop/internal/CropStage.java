package rt.crop.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import rt.api.Artifact;
import rt.api.ConfigKey;
import rt.api.ConfigValidation;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageConfig;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.CtCrop;
import rt.nifti.Nifti;
import rt.course.MemoryEstimate;

/**
 * Stage {@code crop_ct} (per course): crops the planning CT along the patient axis to an anatomical region bounded by
 * landmarks among the course's structures (segmentation models first, then manual and custom structures), as the
 * upstream tool does, so that BODY and large-organ metrics stop depending on how long the scan is. Writes
 * {@code crop/ct_cropped.nii.gz} and the crop box {@code crop/crop.json} (the course contract's {@link CtCrop});
 * {@code dvh.use_cropped_ct} and {@code radiomics.use_cropped_ct} make those stages use it.
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=" + CropStage.ID)
public final class CropStage implements Stage, ConfigValidation {

    public static final String ID = "crop_ct";
    static final String VERSION = "1";

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
        return Set.of(Artifact.CT_CROP);
    }

    @Override
    public Set<String> consumes() {
        return Set.of(Artifact.STRUCTURES);
    }

    @Override
    public List<String> outputPaths() {
        return List.of(CourseFolder.relative(CtCrop::folder));
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        // the CT as read and as floats, and the body mask
        return new ResourceNeeds(1, 0, MemoryEstimate.mb(128, MemoryEstimate.imageVoxels(course), 8), true);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("region", ConfigKey.Type.STRING, "auto",
                        "pelvis, thorax, abdomen, head_neck, brain, or auto (from the course's site; a course without"
                                + " one keeps its whole CT)"),
                new ConfigKey("superior_margin_mm", ConfigKey.Type.DOUBLE, null,
                        "margin above the superior landmark; default the region's (pelvis 0, thorax 20, abdomen 20,"
                                + " head_neck 20, brain 10)"),
                new ConfigKey("inferior_margin_mm", ConfigKey.Type.DOUBLE, null,
                        "margin below the inferior landmark; default the region's (pelvis 100, thorax 20, abdomen 20,"
                                + " head_neck 0, brain 10)"));
    }

    @Override
    public List<String> validate(StageConfig config) {
        String region = config.getString("region", "auto");
        if (!"auto".equalsIgnoreCase(region.trim())) {
            try {
                Region.of(region);
            } catch (IllegalArgumentException e) {
                return List.of("crop_ct." + e.getMessage());
            }
        }
        return List.of();
    }

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        CourseFolder folder = new CourseFolder(ctx.workDir());
        Path ctFile = folder.ctImage();
        if (!Files.isRegularFile(ctFile)) {
            return StageResult.skipped("no planning CT (" + folder.relative(ctFile) + ")");
        }
        Course course = ctx.course();
        String configured = ctx.config().getString("region", "auto").trim();
        Region region;
        String reason;
        if ("auto".equalsIgnoreCase(configured)) {
            region = Region.ofSite(course.site());
            reason = course.site() == null ? "the course's site is unknown"
                    : region == null ? "no crop region for the course's site '" + course.site() + "'"
                    : "the course's site '" + course.site() + "'";
        } else {
            try {
                region = Region.of(configured);
            } catch (IllegalArgumentException e) {
                return StageResult.failed("crop_ct." + e.getMessage());
            }
            reason = "crop_ct.region";
        }
        double sup = ctx.config().getDouble("superior_margin_mm", region == null ? 0 : region.superiorMarginMm);
        double inf = ctx.config().getDouble("inferior_margin_mm", region == null ? 0 : region.inferiorMarginMm);
        List<StructureExtent> extents = Extents.collect(course, folder);
        ctx.checkCancelled();
        Volume ct = Nifti.readVolume(ctFile, Quantity.HU);
        CtCrop crop;
        try {
            crop = CropBox.compute(region, reason, extents, sup, inf, ct.grid());
        } catch (IllegalArgumentException e) {
            return StageResult.failed(folder.relative(ctFile) + ": " + e.getMessage());
        }
        Nifti.write(CtCrop.croppedCt(folder), slab(ct, crop.firstSlice(), crop.lastSlice()));
        crop.write(folder);
        for (String f : crop.fallbacks()) {
            ctx.warn("crop_ct: " + course.key() + ": " + f);
        }
        for (String l : crop.limits()) {
            ctx.info("crop_ct: " + course.key() + ": " + l);
        }
        return StageResult.ok(String.format(Locale.ROOT, "%s: CT slices %d-%d of %d kept (z %.1f to %.1f mm)",
                crop.region(), crop.firstSlice(), crop.lastSlice(), crop.ctSlices(), crop.inferiorMm(),
                crop.superiorMm()));
    }

    /** Slices {@code first … last} of a volume, on a grid with the same spacing and axes. */
    static Volume slab(Volume v, int first, int last) {
        Grid g = v.grid();
        int plane = g.nx() * g.ny();
        int n = last - first + 1;
        float[] out = new float[plane * n];
        System.arraycopy(v.voxels(), first * plane, out, 0, out.length);
        Grid sub = new Grid(g.nx(), g.ny(), n, g.indexToWorld(0, 0, first),
                new double[] {g.spacing(0), g.spacing(1), g.spacing(2)}, g.direction());
        return new Volume(sub, out, v.quantity());
    }
}
