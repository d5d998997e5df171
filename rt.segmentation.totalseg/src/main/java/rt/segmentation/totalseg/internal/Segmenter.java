package rt.segmentation.totalseg.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import rt.api.image.LabelMap;
import rt.api.image.Volume;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelDescriptor.Part;
import rt.segmentation.engine.ModelDescriptor.PostStep;
import rt.segmentation.engine.ModelDescriptor.RoiSubsetCrop;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;

/**
 * Runs a whole model on a volume: every part (all folds) through {@link NnUnetCase}, part labels mapped into the
 * model's label map with later parts overwriting earlier ones (TotalSegmentator nnunet.py L616-636), optional
 * three-way z split of large volumes (L545-566, L666-673), then the model's post-processing.
 */
public final class Segmenter {

    /** TotalSegmentator splits automatically above this many voxels (at model spacing) … */
    static final long SPLIT_VOXELS = 512L * 512 * 900;
    /** … when the volume has more than this many slices … */
    static final int SPLIT_MIN_SLICES = 200;
    /** … with this overlap in slices at model spacing. */
    static final int SPLIT_MARGIN = 20;

    /** Creates the network of one fold. */
    public interface NetworkFactory {
        TileNetwork open(SegmentationModel model, Part part, String fold, SegmentOptions options,
                Consumer<String> warn) throws Exception;
    }

    private final NetworkFactory factory;
    /** Installed models by name: a roi_subset crop's locator comes from here. */
    private final Function<String, Optional<SegmentationModel>> models;

    public Segmenter(NetworkFactory factory) {
        this(factory, name -> Optional.empty());
    }

    public Segmenter(NetworkFactory factory, Function<String, Optional<SegmentationModel>> models) {
        this.factory = factory;
        this.models = models;
    }

    /** ONNX Runtime with the sessions of a cache, kept after the segmentation (the service's way). */
    public static Segmenter onnxRuntime(OrtSessions sessions, Function<String, Optional<SegmentationModel>> models) {
        return new Segmenter(sessions::open, models);
    }

    /** ONNX Runtime with the sessions of a cache; no locator models. */
    public static Segmenter onnxRuntime(OrtSessions sessions) {
        return onnxRuntime(sessions, name -> Optional.empty());
    }

    /** The ONNX Runtime factory: fold bytes from the model source, a session per fold closed after the run. */
    public static Segmenter onnxRuntime() {
        return new Segmenter((model, part, fold, options, warn) -> new OrtNetwork(model.source().read(fold),
                model.descriptor().patchSize(), part.channels(), part.inputName(), part.outputName(),
                options.threads(), options.device(), options.cudaDevice(), warn,
                model.source().location() + "/" + fold));
    }

    /** A segmenter that finds roi_subset locators among {@code models}. */
    public Segmenter withModels(Function<String, Optional<SegmentationModel>> installed) {
        return new Segmenter(factory, installed);
    }

    /**
     * Segments {@code image}; with {@code options.roiSubset()} as TotalSegmentator's roi_subset does: the locator
     * (when the model declares one) finds the requested ROIs on the whole image and the image is cropped to them,
     * only the parts holding a requested ROI run, and the output keeps only the requested labels.
     */
    public SegmentationResult segment(Volume image, SegmentationModel model, SegmentOptions options,
            Consumer<String> warn, Runnable checkCancelled) throws Exception {
        ModelDescriptor d = model.descriptor();
        if (options.roiSubset().isEmpty()) {
            return run(image, model, d.parts(), options, warn, checkCancelled, "");
        }
        RoiSubset subset = RoiSubset.of(d, options.roiSubset());
        Map<String, Double> timings = new LinkedHashMap<>();
        List<String> partsRun = new ArrayList<>();
        long tiles = 0;
        Volume input = image;
        int[] box = null;
        RoiSubsetCrop crop = d.roiSubsetCrop();
        Optional<SegmentationModel> locator = crop == null ? Optional.empty() : models.apply(crop.locator());
        if (crop != null && locator.isEmpty()) {
            warn.accept(d.name() + ": roi_subset crop model " + crop.locator() + " is not installed; segmenting the "
                    + "whole image");
        } else if (locator.isPresent()) {
            Map<Integer, String> known = locator.get().descriptor().labels();
            List<String> missing = options.roiSubset().stream().filter(r -> !known.containsValue(r)).toList();
            if (!missing.isEmpty()) {
                warn.accept(d.name() + ": roi_subset crop model " + crop.locator() + " does not label " + missing
                        + "; segmenting the whole image");
            } else {
                SegmentationResult located = run(image, locator.get(),
                        RoiSubset.of(locator.get().descriptor(), options.roiSubset()).parts(), options, warn,
                        checkCancelled, crop.locator() + "/");
                located.timings().forEach((k, v) -> timings.merge("locate " + k, v, Double::sum));
                partsRun.addAll(located.partsRun());
                tiles += located.tiles();
                box = RoiSubset.box(located.labels(), options.roiSubset(), crop.marginVoxels());
                if (box == null) {
                    // TotalSegmentator: "Crop is empty. Returning empty segmentation."
                    warn.accept(d.name() + ": " + crop.locator() + " finds none of " + options.roiSubset()
                            + " in the image; nothing to segment");
                    return new SegmentationResult(new LabelMap(image.grid(), new short[image.voxels().length],
                            subset.labels()), located.device(), timings, tiles, partsRun);
                }
                input = RoiSubset.crop(image, box);
            }
        }
        SegmentationResult r = run(input, model, subset.parts(), options, warn, checkCancelled, "");
        r.timings().forEach((k, v) -> timings.merge(k, v, Double::sum));
        partsRun.addAll(r.partsRun());
        short[] labels = r.labels().labels();
        subset.keepOnly(labels);
        if (box != null) {
            labels = RoiSubset.paste(image.grid(), labels, box);
        }
        return new SegmentationResult(new LabelMap(image.grid(), labels, subset.labels()), r.device(), timings,
                tiles + r.tiles(), partsRun);
    }

    /** Runs {@code parts} of the model on the whole of {@code image}; part names in the result get {@code tag}. */
    private SegmentationResult run(Volume image, SegmentationModel model, List<Part> parts, SegmentOptions options,
            Consumer<String> warn, Runnable checkCancelled, String tag) throws Exception {
        ModelDescriptor d = model.descriptor();
        Timings timings = new Timings();
        int nx = image.grid().nx();
        int ny = image.grid().ny();
        int nz = image.grid().nz();
        int[] dims = {nz, ny, nx};
        double[] spacing = {image.grid().spacing(2), image.grid().spacing(1), image.grid().spacing(0)};
        double step = Double.isNaN(options.stepSize()) ? d.stepSize() : options.stepSize();
        int[] mirror = options.mirroring() == null ? d.mirrorAxes()
                : options.mirroring() ? new int[] {0, 1, 2} : new int[0];
        List<int[]> chunks = splitChunks(d, dims, spacing, options.forceSplit());
        short[] labels = new short[image.voxels().length];
        String[] device = {"cpu"};
        List<String> partsRun = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "rt-segmentation-" + d.name());
            t.setDaemon(true);
            return t;
        });
        try {
            for (Part part : parts) {
                partsRun.add(tag + part.name());
                List<TileNetwork> folds = new ArrayList<>();
                try {
                    long t0 = System.nanoTime();
                    for (String fold : part.folds()) {
                        TileNetwork net = factory.open(model, part, fold, options, warn);
                        folds.add(net);
                        if (net instanceof OrtNetwork o) {
                            device[0] = o.device();
                        }
                    }
                    timings.add("load", System.nanoTime() - t0);
                    short[] lut = new short[part.channels()];
                    part.labelMap().forEach((channel, label) -> lut[channel] = label.shortValue());
                    for (int[] chunk : chunks) {
                        int z0 = chunk[0];
                        int z1 = chunk[1];
                        int plane = nx * ny;
                        float[] sub = z0 == 0 && z1 == nz ? image.voxels()
                                : java.util.Arrays.copyOfRange(image.voxels(), z0 * plane, z1 * plane);
                        short[] channels = NnUnetCase.predict(sub, new int[] {z1 - z0, ny, nx}, spacing,
                                d.forPart(part), folds,
                                step, mirror, pool, options.threads(), timings, checkCancelled);
                        // keep [chunk[2], chunk[3]) of this chunk (absolute slices)
                        for (int z = chunk[2]; z < chunk[3]; z++) {
                            int src = (z - z0) * plane;
                            int dst = z * plane;
                            for (int i = 0; i < plane; i++) {
                                short l = lut[channels[src + i]];
                                if (l != 0) {
                                    labels[dst + i] = l;
                                }
                            }
                        }
                    }
                } finally {
                    for (TileNetwork n : folds) {
                        n.close();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long t0 = System.nanoTime();
        PostProcess.apply(labels, image.grid(), parts.size() == d.parts().size() ? d.postprocess()
                : stepsOnLabelsOf(d, parts));
        timings.add("postprocess", System.nanoTime() - t0);
        return new SegmentationResult(new LabelMap(image.grid(), labels, d.labels()), device[0],
                timings.secondsByPhase(), timings.counted("forward passes"), partsRun);
    }

    /**
     * The post-processing steps that refer only to labels {@code parts} produce: with a roi_subset some parts do not
     * run, and a step on their labels (e.g. {@code body}, which clears everything outside its labels) must not run on
     * labels that were never predicted.
     */
    static List<PostStep> stepsOnLabelsOf(ModelDescriptor d, List<Part> parts) {
        java.util.Set<Integer> produced = new java.util.HashSet<>();
        parts.forEach(p -> produced.addAll(p.labelMap().values()));
        List<PostStep> kept = new ArrayList<>();
        for (PostStep s : d.postprocess()) {
            List<Object> refs = new ArrayList<>();
            for (String k : List.of("label", "fill", "replace_with")) {
                if (s.params().containsKey(k)) {
                    refs.add(s.params().get(k));
                }
            }
            if (s.params().get("labels") instanceof List<?> l) {
                refs.addAll(l);
            }
            if (refs.stream().allMatch(r -> r instanceof Number n && (n.intValue() == 0
                    || produced.contains(n.intValue())))) {
                kept.add(s);
            }
        }
        return kept;
    }

    /**
     * Chunks {z0, z1, keep0, keep1} along the image's slice axis. One chunk unless split: TotalSegmentator's
     * thirds with a 20-slice (at model spacing) overlap, cut hard when merged.
     */
    static List<int[]> splitChunks(ModelDescriptor d, int[] dims, double[] spacing, Boolean force) {
        int nz = dims[0];
        int zAxis = 0;
        for (int a = 0; a < 3; a++) {
            if (d.transposeForward()[a] == 0) {
                zAxis = a;
            }
        }
        double modelZ = d.spacing()[zAxis];
        long voxelsAtModel = 1;
        int slicesAtModel = 0;
        for (int a = 0; a < 3; a++) {
            int imageAxis = d.transposeForward()[a];
            long n = Math.round(dims[imageAxis] * spacing[imageAxis] / d.spacing()[a]);
            voxelsAtModel *= n;
            if (imageAxis == 0) {
                slicesAtModel = (int) n;
            }
        }
        boolean split = force != null ? force
                : voxelsAtModel > SPLIT_VOXELS && slicesAtModel > SPLIT_MIN_SLICES && d.parts().size() > 1;
        int margin = (int) Math.ceil(SPLIT_MARGIN * modelZ / spacing[0]);
        int third = nz / 3;
        if (!split || third <= margin) {
            return List.of(new int[] {0, nz, 0, nz});
        }
        return List.of(new int[] {0, third + margin, 0, third},
                new int[] {third + 1 - margin, 2 * third + margin, third, 2 * third},
                new int[] {2 * third + 1 - margin, nz, 2 * third, nz});
    }
}
