package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;
import rt.api.ResourceNeeds;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.nifti.Nifti;
import rt.api.image.LabelMap;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;
import rt.segmentation.engine.SegmentationService;

/**
 * The engine as a service: models from model bundles (registered {@link SegmentationModel} services) and from
 * model folders ({@code model.dirs}, {@code RT_MODEL_DIRS}, {@code ./models}), inference on ONNX Runtime, and the
 * per-course outputs that the {@code segmentation} stages write.
 */
@Component(service = SegmentationService.class, immediate = true, configurationPid = "rt.segmentation")
@Designate(ocd = SegmentationServiceImpl.Config.class)
public final class SegmentationServiceImpl implements SegmentationService {

    @ObjectClassDefinition(name = "RT segmentation engine")
    public @interface Config {
        @AttributeDefinition(name = "Model folders", description = "Folders holding model folders (each with a "
                + "model.yaml), or model folders themselves; RT_MODEL_DIRS and ./models are searched as well")
        String[] model_dirs() default {};
    }

    /** Stage config key: TotalSegmentator's roi_subset (ROI names; empty = every label). */
    static final String ROI_SUBSET = "roi_subset";

    private final List<SegmentationModel> bundleModels = new CopyOnWriteArrayList<>();
    private volatile List<SegmentationModel> folderModels = List.of();
    private volatile List<String> folderProblems = List.of();
    /** ONNX sessions kept across courses for the service's lifetime. */
    private final OrtSessions sessions = new OrtSessions();

    /**
     * Model services of bundles, tracked by hand rather than by a DS reference: the model extender registers them
     * while SCR may still be activating this component for it (extender → engine → models is a cycle), and SCR drops
     * a bind it meets inside such a cycle, so a model bundle present at start-up would be missed.
     */
    private final ServiceTracker<SegmentationModel, SegmentationModel> modelTracker;

    @Activate
    public SegmentationServiceImpl(BundleContext context, Config config) {
        modified(config);
        modelTracker = new ServiceTracker<>(context, SegmentationModel.class, null) {
            @Override
            public SegmentationModel addingService(ServiceReference<SegmentationModel> reference) {
                SegmentationModel model = super.addingService(reference);
                if (model != null) {
                    addModel(model);
                }
                return model;
            }

            @Override
            public void removedService(ServiceReference<SegmentationModel> reference, SegmentationModel model) {
                removeModel(model);
                super.removedService(reference, model);
            }
        };
        modelTracker.open();
    }

    /** Without a framework (unit tests): folder models only. */
    SegmentationServiceImpl(Config config) {
        modified(config);
        modelTracker = null;
    }

    @Modified
    void modified(Config config) {
        List<Path> dirs = new ArrayList<>();
        for (String d : config.model_dirs()) {
            dirs.add(Path.of(d));
        }
        String env = System.getenv("RT_MODEL_DIRS");
        if (env != null && !env.isBlank()) {
            for (String d : env.split(java.io.File.pathSeparator)) {
                dirs.add(Path.of(d.trim()));
            }
        }
        dirs.add(Path.of("models"));
        scanFolders(dirs);
    }

    /** (Re)reads model folders: each dir is a model folder or holds model folders. */
    void scanFolders(List<Path> dirs) {
        List<SegmentationModel> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> candidates = new ArrayList<>();
            if (Files.isRegularFile(dir.resolve("model.yaml"))) {
                candidates.add(dir);
            } else {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> Files.isRegularFile(p.resolve("model.yaml"))).sorted().forEach(candidates::add);
                } catch (IOException e) {
                    problems.add(dir + ": " + e.getMessage());
                }
            }
            for (Path c : candidates) {
                try {
                    found.add(load(ModelSource.folder(c)));
                } catch (IOException | RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        List<SegmentationModel> old = folderModels;
        folderModels = List.copyOf(found);
        folderProblems = List.copyOf(problems);
        for (SegmentationModel m : old) {
            sessions.evict(m.source());
        }
    }

    /** Models of folders that failed to load, one line each (for rt:models and doctor). */
    public List<String> problems() {
        return folderProblems;
    }

    void addModel(SegmentationModel model) {
        bundleModels.add(model);
    }

    void removeModel(SegmentationModel model) {
        bundleModels.remove(model);
        sessions.evict(model.source());
    }

    @Deactivate
    void deactivate() {
        if (modelTracker != null) {
            modelTracker.close();
        }
        sessions.close();
    }

    /** The session cache (tests). */
    OrtSessions sessions() {
        return sessions;
    }

    @Override
    public SegmentationModel load(ModelSource source) throws IOException {
        return new SegmentationModel(ModelYaml.load(source), source, "folder");
    }

    @Override
    public List<SegmentationModel> models() {
        Map<String, SegmentationModel> byName = new LinkedHashMap<>();
        for (SegmentationModel m : bundleModels) {
            byName.putIfAbsent(m.name(), m);
        }
        for (SegmentationModel m : folderModels) {
            byName.putIfAbsent(m.name(), m);
        }
        List<SegmentationModel> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparingInt((SegmentationModel m) -> -m.descriptor().rank())
                .thenComparing(SegmentationModel::name));
        return all;
    }

    @Override
    public Optional<SegmentationModel> model(String name) {
        return models().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    @Override
    public SegmentationResult segment(Volume image, SegmentationModel model, SegmentOptions options)
            throws Exception {
        return segmenter().segment(image, model, options,
                w -> System.out.println("[segmentation] WARNING " + w), () -> { });
    }

    /** ONNX Runtime on the session cache; roi_subset locators are the installed models. */
    private Segmenter segmenter() {
        return Segmenter.onnxRuntime(sessions, this::model);
    }

    @Override
    public ResourceNeeds needs(SegmentationModel model) {
        return SegmentationStage.needsFor(true, null); // no course here: the estimate of a typical CT
    }

    @Override
    public StageResult runForCourse(StageContext context, SegmentationModel model) throws Exception {
        CourseFolder course = new CourseFolder(context.workDir());
        // a model runs on the image of the modality it declares: CT models on the planning CT, MR models on the
        // course's MR (organize publishes it, see CourseImage); a course without one skips the model
        CourseImage mr = null;
        Path ct = course.ctImage();
        if (model.descriptor().modality().equals("MR")) {
            mr = CourseImage.list(course).stream().filter(i -> "MR".equals(i.modality()) && i.nifti() != null)
                    .findFirst().orElse(null);
            if (mr == null) {
                return StageResult.skipped(model.name() + ": an MR model, and the course has no MR image");
            }
            ct = mr.file(course);
        } else if (!Files.isRegularFile(ct)) {
            return StageResult.skipped("no planning CT (" + ct + ")");
        }
        ModelDescriptor.Requirements requires = model.descriptor().requires();
        BodyRegions.Findings findings = null;
        if (requires != null) {
            findings = BodyRegions.findings(course, model.name(), requires.rois());
            BodyRegions.Decision gate = BodyRegions.decide(requires, findings);
            if (!gate.runs()) {
                return StageResult.skipped(model.name() + " " + gate.reason());
            }
            context.info(model.name() + " " + gate.reason());
        }
        List<String> roiSubset = context.config().getStringList(ROI_SUBSET, List.of());
        List<String> ours = roiSubset.stream().filter(r -> model.descriptor().labelOf(r) >= 0).toList();
        if (!roiSubset.isEmpty() && ours.isEmpty()) {
            return StageResult.skipped(model.name() + ": roi_subset " + roiSubset + " names none of its ROIs");
        }
        // before the inference: a CT the RTSTRUCT cannot reference fails in a second, not after minutes
        Outputs.Reference reference = mr == null ? courseReference(context)
                : courseReference(context, Role.IMAGE, mr.seriesInstanceUid());
        Volume image = Nifti.readVolume(ct, mr == null ? Quantity.HU : Quantity.INTENSITY);
        int[] box = requires == null || requires.cropMargin() == null ? null
                : BodyRegions.cropBox(course, findings, requires.rois(), requires.cropMargin(), image.grid(),
                        context::warn);
        Volume input = box == null ? image : RoiSubset.crop(image, box);
        String device = context.config().getString("device", "auto");
        if (context.lease() != null && !context.lease().onGpu()) {
            device = "cpu";
        }
        int threads = context.lease() == null ? 1 : Math.max(1, context.lease().cpuCores());
        int cudaDevice = context.lease() == null ? 0 : Math.max(0, context.lease().gpuDevice());
        SegmentOptions options = new SegmentOptions(device, threads, Double.NaN, null, null, cudaDevice,
                java.util.Set.copyOf(ours));
        context.progress().message(model.name() + " on " + input.grid() + " (" + options.device()
                + (options.device().equals("cpu") ? "" : " device " + cudaDevice) + ", " + threads + " threads"
                + (ours.isEmpty() ? "" : ", roi_subset " + ours) + ")");
        SegmentationResult result;
        try {
            result = segmenter().segment(input, model, options, context::warn, context::checkCancelled);
        } catch (ai.onnxruntime.OrtException e) {
            if (!"cpu".equals(options.device()) && String.valueOf(e.getMessage()).toLowerCase().contains("memory")) {
                context.warn(model.name() + ": GPU out of memory, retrying on CPU: " + e.getMessage());
                result = segmenter().segment(input, model, options.withDevice("cpu"), context::warn,
                        context::checkCancelled);
            } else {
                throw new IOException(model.name() + ": ONNX Runtime failed on " + ct + ": " + e.getMessage(), e);
            }
        }
        if (box != null) {
            // segmented on the crop of its required structures (TotalSegmentator's crop + crop_addon); back on the CT
            result = new SegmentationResult(new LabelMap(image.grid(), RoiSubset.paste(image.grid(),
                    result.labels().labels(), box), result.labels().names()), result.device(), result.timings(),
                    result.tiles(), result.partsRun());
            context.info(model.name() + ": segmented the crop " + java.util.Arrays.toString(box) + " (voxels i0, j0, "
                    + "k0, i1, j1, k1) around " + requires.rois());
        }
        Outputs.write(course.model(model.name()), model, result, reference, ct.toString());
        context.info(model.name() + ": " + result.tiles() + " forward passes on " + result.device() + ", parts "
                + result.partsRun() + ", "
                + String.format(java.util.Locale.ROOT, "ORT %.1f s", result.timings().getOrDefault("ort", 0.0)));
        return StageResult.ok();
    }

    /** An image series is published as one object whose path is its folder: its slices are the .dcm files in it. */
    static List<Path> sliceFiles(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (java.util.stream.Stream<Path> entries = Files.list(path)) {
            return entries.filter(e -> e.getFileName().toString().endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Patient, study and CT image references for the RTSTRUCT: the course's planning CT when it has DICOM. */
    static Outputs.Reference courseReference(StageContext context) throws IOException {
        return courseReference(context, Role.PLANNING_CT, null);
    }

    /** As {@link #courseReference(StageContext)} for the course's image series {@code seriesUid} of {@code role}. */
    static Outputs.Reference courseReference(StageContext context, Role role, String seriesUid) throws IOException {
        Course course = context.course();
        List<DicomObject> headers = new ArrayList<>();
        Path series = null;
        if (course != null) {
            for (CourseObject o : course.objects(role)) {
                if (seriesUid != null && !seriesUid.equals(o.seriesInstanceUid())) {
                    continue;
                }
                series = new CourseFolder(context.workDir()).resolve(o.path());
                for (Path file : sliceFiles(series)) {
                    try {
                        headers.add(DicomReader.readHeader(file).dataset());
                    } catch (IOException e) {
                        context.warn("cannot read image header " + file + ": " + e.getMessage());
                    }
                }
            }
        }
        if (!headers.isEmpty()) {
            String frame = headers.get(0).getString(Tag.FrameOfReferenceUID);
            if (frame == null || frame.isBlank()) {
                throw new IOException(series + ": the " + (role == Role.PLANNING_CT ? "planning CT" : "image series")
                        + " has no Frame of Reference UID (0020,0052), so an RTSTRUCT cannot refer to it");
            }
            return new Outputs.Reference(PatientStudy.of(headers.get(0)), ReferencedSeries.of(headers));
        }
        return course == null ? Outputs.Reference.newStudy("UNKNOWN", null)
                : Outputs.Reference.newStudy(course.patientId(), course.frameOfReferenceUid());
    }
}
