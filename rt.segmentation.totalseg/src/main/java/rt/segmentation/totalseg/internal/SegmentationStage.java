package rt.segmentation.totalseg.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.api.Artifact;
import rt.api.ConfigKey;
import rt.api.HealthCheck;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationService;
import rt.course.MemoryEstimate;

/**
 * Stage {@code segmentation}: runs the configured TotalSegmentator-class models on the course's planning CT. By
 * default the best model from the model folders; model bundles run as their own {@code segmentation.custom:*}
 * stages (but may be named here too).
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=segmentation")
public final class SegmentationStage implements Stage {

    /** CPU cores asked for when no GPU is used; the broker clamps this to its budget. */
    static final int CPU_CORES = Runtime.getRuntime().availableProcessors();
    /** Cores beside a GPU slot: tile extraction and accumulation run on them. */
    static final int GPU_CORES = 4;
    /**
     * Heap for the network weights (ONNX Runtime's own memory is native and not counted), plus per voxel the CT
     * resampled to the model's spacing and the label maps.
     */
    static final long HEAP_BASE_MB = 1024;

    private final SegmentationService service;

    @Activate
    public SegmentationStage(@Reference SegmentationService service) {
        this.service = service;
    }

    @Override
    public String id() {
        return "segmentation";
    }

    @Override
    public List<String> runsAfter() {
        return List.of("organize");
    }

    @Override
    public Set<String> produces() {
        return Set.of(Artifact.STRUCTURES);
    }

    @Override
    public Scope scope() {
        return Scope.COURSE;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        return needsFor(true, course);
    }

    /** A GPU slot (with CPU fallback) when the CUDA provider exists, else all cores. */
    static ResourceNeeds needsFor(boolean gpuWanted, Course course) {
        long heapMb = MemoryEstimate.mb(HEAP_BASE_MB, MemoryEstimate.imageVoxels(course), 8);
        if (gpuWanted && OrtNetwork.cudaAvailable()) {
            return new ResourceNeeds(GPU_CORES, 1, heapMb, true);
        }
        return new ResourceNeeds(CPU_CORES, 0, heapMb, true);
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                new ConfigKey("models", ConfigKey.Type.LIST, List.of(),
                        "models to run; empty = the best model found in the model folders"),
                new ConfigKey("device", ConfigKey.Type.STRING, "auto",
                        "auto (CUDA when available), cuda (warn and use CPU when absent) or cpu"),
                new ConfigKey(SegmentationServiceImpl.ROI_SUBSET, ConfigKey.Type.LIST, List.of(),
                        "TotalSegmentator's roi_subset: segment only these ROIs (each model runs only its parts "
                                + "holding one, on a crop when it declares roi_subset_crop); empty = all"));
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        List<String> names = context.config().getStringList("models", List.of());
        List<SegmentationModel> models = new ArrayList<>();
        if (names.isEmpty()) {
            service.models().stream().filter(m -> m.origin().equals("folder")).findFirst().ifPresent(models::add);
            if (models.isEmpty()) {
                return StageResult.skipped("no segmentation model installed in the model folders "
                        + "(see rt.segmentation.totalseg/docs/segmentation-models.md)");
            }
        } else {
            for (String n : names) {
                models.add(service.model(n).orElseThrow(() -> new IllegalArgumentException(
                        "segmentation.models: no installed model named '" + n + "' (rt:models lists them)")));
            }
        }
        List<String> subset = context.config().getStringList(SegmentationServiceImpl.ROI_SUBSET, List.of());
        List<String> unknown = subset.stream().filter(r -> models.stream().noneMatch(m -> m.descriptor().labelOf(r)
                >= 0)).toList();
        if (!unknown.isEmpty()) {
            return StageResult.failed("segmentation.roi_subset: " + unknown + " is not an ROI of "
                    + models.stream().map(SegmentationModel::name).toList());
        }
        context.progress().begin(models.size(), "models");
        List<String> skipped = new ArrayList<>();
        for (SegmentationModel m : models) {
            context.checkCancelled();
            StageResult r = service.runForCourse(context, m);
            if (r.status() == StageResult.Status.FAILED || r.status() == StageResult.Status.CANCELLED) {
                return r;
            }
            if (r.status() == StageResult.Status.SKIPPED) {
                skipped.add(r.reason());
            }
            context.progress().advance(1);
        }
        if (skipped.size() == models.size()) {
            return StageResult.skipped(String.join("; ", skipped));
        }
        return skipped.isEmpty() ? StageResult.ok() : StageResult.ok(String.join("; ", skipped));
    }

    @Override
    public List<HealthCheck> selfCheck() {
        List<HealthCheck> checks = new ArrayList<>();
        try {
            checks.add(HealthCheck.ok("onnxruntime", "providers " + ai.onnxruntime.OrtEnvironment
                    .getAvailableProviders()));
        } catch (Throwable e) {
            checks.add(HealthCheck.problem("onnxruntime", "cannot load ONNX Runtime: " + e));
        }
        List<SegmentationModel> all = service.models();
        checks.add(all.isEmpty() ? HealthCheck.warning("models", "no segmentation model installed")
                : HealthCheck.ok("models", all.stream().map(SegmentationModel::name).toList().toString()));
        for (String p : service instanceof SegmentationServiceImpl impl ? impl.problems() : List.<String>of()) {
            checks.add(HealthCheck.warning("model folder", p));
        }
        return checks;
    }
}
