package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import rt.course.AtomicFiles;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.totalseg.internal.RestrictedUnpickler.TensorRef;

/**
 * {@code rt:model-import}: turns an nnU-Net v2 trained-model folder (or a zip of one) into a model folder or model
 * bundle for this engine, without Python: plans.json + dataset.json → {@code model.yaml}, each
 * {@code fold_N/checkpoint_final.pth} → {@code fold_N.onnx} (network built by {@link NnUnetNetwork}).
 */
final class NnUnetImport {

    private NnUnetImport() {
    }

    /** One converted trained-model folder. */
    record Converted(NnUnetPlans plans, String trainer, List<String> folds, int[] mirrorAxes, long parameters) {
    }

    /**
     * Converts the trained-model folder {@code modelDir}: one ONNX per fold into {@code staging/<prefix>fold_X.onnx}.
     */
    static Converted convert(Path modelDir, Path staging, String prefix, Consumer<String> log) throws IOException {
        List<Path> folds = new ArrayList<>();
        try (Stream<Path> s = Files.list(modelDir)) {
            s.filter(p -> p.getFileName().toString().startsWith("fold_")
                    && Files.isRegularFile(p.resolve("checkpoint_final.pth"))).sorted().forEach(folds::add);
        }
        if (folds.isEmpty()) {
            throw new IOException(modelDir + ": no fold_*/checkpoint_final.pth (not an nnU-Net trained-model folder)");
        }
        NnUnetPlans plans = null;
        String trainer = null;
        int[] mirror = null;
        List<String> onnx = new ArrayList<>();
        long parameters = 0;
        for (Path fold : folds) {
            Path pth = fold.resolve("checkpoint_final.pth");
            long t0 = System.nanoTime();
            try (TorchCheckpoint c = TorchCheckpoint.open(pth)) {
                Map<?, ?> root = c.root() instanceof Map<?, ?> m ? m : Map.of();
                String config = configuration(modelDir, root);
                if (plans == null) {
                    plans = NnUnetPlans.read(modelDir, config);
                    trainer = String.valueOf(root.get("trainer_name"));
                    // nnU-Net's NoMirroring trainers store None here; older checkpoints may lack the key
                    mirror = trainer.contains("NoMirroring") ? new int[0]
                            : mirrorAxes(root.get("inference_allowed_mirroring_axes"), pth);
                }
                String file = prefix + fold.getFileName() + ".onnx";
                parameters = writeOnnx(c, plans, staging.resolve(file), modelDir.getFileName() + "/"
                        + fold.getFileName());
                onnx.add(file);
            }
            log.accept(String.format(java.util.Locale.ROOT, "%s/%s: %,d parameters -> %s (%.1f s)",
                    modelDir.getFileName(), fold.getFileName(), parameters, prefix + fold.getFileName() + ".onnx",
                    (System.nanoTime() - t0) / 1e9));
        }
        return new Converted(plans, trainer, onnx, mirror, parameters);
    }

    private static String configuration(Path modelDir, Map<?, ?> root) {
        if (root.get("init_args") instanceof Map<?, ?> init && init.get("configuration") instanceof String s) {
            return s;
        }
        String[] parts = modelDir.getFileName().toString().split("__");
        return parts.length == 3 ? parts[2] : "3d_fullres";
    }

    private static int[] mirrorAxes(Object axes, Path pth) throws IOException {
        if (axes == null) {
            return new int[0];
        }
        if (!(axes instanceof List<?> l)) {
            throw new IOException(pth + ": inference_allowed_mirroring_axes is not a tuple");
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    /** Builds one fold's network and writes it (temp + rename); returns the parameter count. */
    private static long writeOnnx(TorchCheckpoint c, NnUnetPlans plans, Path file, String name) throws IOException {
        Map<String, TensorRef> sd = c.stateDict("network_weights");
        java.util.Set<String> used = new java.util.HashSet<>();
        NnUnetNetwork.Weights weights = new NnUnetNetwork.Weights() {
            @Override
            public float[] get(String key, long... shape) throws IOException {
                TensorRef t = sd.get(key);
                if (t == null) {
                    throw new IOException(c.file() + ": network_weights has no '" + key + "' (the checkpoint does "
                            + "not match the network that plans.json describes)");
                }
                if (!java.util.Arrays.equals(t.shape(), shape)) {
                    throw new IOException(c.file() + ": " + key + " has shape " + java.util.Arrays.toString(t.shape())
                            + ", plans.json gives " + java.util.Arrays.toString(shape));
                }
                used.add(key);
                return c.floats(t);
            }
        };
        NnUnetNetwork.Built built = NnUnetNetwork.build(plans.architecture(), weights, name);
        // Weights the network did not use mean the plans describe another network. Ignored: the same tensors under
        // the modules' second paths, and the deep-supervision heads.
        for (String key : sd.keySet()) {
            if (!used.contains(key) && !key.contains(".all_modules.") && !key.startsWith("decoder.encoder.")
                    && !key.startsWith("decoder.seg_layers.")) {
                throw new IOException(c.file() + ": network_weights has '" + key + "', which the network of "
                        + "plans.json does not use (architecture mismatch)");
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("nnunet_dataset", plans.dataset());
        meta.put("nnunet_configuration", plans.configuration());
        AtomicFiles.write(file, out -> built.graph().write(out, plans.architecture().inputChannels(), built.output(),
                plans.architecture().classes(), meta));
        return built.graph().parameters();
    }

    /** The model.yaml entries shared by single and multi-part imports (geometry and normalisation). */
    static Map<String, Object> header(String name, String description, NnUnetPlans p) {
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("name", name);
        y.put("description", description);
        y.put("modality", p.channel().equalsIgnoreCase("CT") ? "CT" : "MR");
        y.put("spacing", List.of(p.spacing()[0], p.spacing()[1], p.spacing()[2]));
        y.put("patch_size", List.of(p.patchSize()[0], p.patchSize()[1], p.patchSize()[2]));
        y.put("transpose_forward", List.of(p.transposeForward()[0], p.transposeForward()[1],
                p.transposeForward()[2]));
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("scheme", p.normalization());
        if (p.normalization().equals("CTNormalization")) {
            for (String k : List.of("mean", "std", "percentile_00_5", "percentile_99_5")) {
                n.put(k, p.intensities().get(k));
            }
        }
        y.put("normalization", n);
        return y;
    }

    /** Imports one trained-model folder or zip; writes the model folder or bundle {@code outFor(model name)}. */
    static ModelDescriptor importModel(Path source, String name, java.util.function.Function<String, Path> outFor,
            Consumer<String> log) throws IOException {
        return withSource(source, outFor.apply(name != null ? name : "model"), dir -> {
            Path modelDir = findModelDir(dir, source);
            String modelName = name != null ? name : defaultName(modelDir);
            return stageAndWrite(outFor.apply(modelName), staging -> {
                Converted c = convert(modelDir, staging, "", log);
                Map<String, Object> y = header(modelName, "nnU-Net v2 " + c.plans().dataset() + " "
                        + modelDir.getFileName() + " (rt model-import)", c.plans());
                y.put("labels", labels(c.plans().labels()));
                y.put("step_size", 0.5);
                y.put("mirror_axes", toList(c.mirrorAxes()));
                y.put("folds", c.folds());
                y.put("channels", c.plans().labels().size() + 1);
                y.put("input_name", OnnxGraph.INPUT);
                y.put("output_name", OnnxGraph.OUTPUT);
                return y;
            }, log);
        });
    }

    static Map<Integer, String> labels(List<String> names) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(i + 1, names.get(i));
        }
        return m;
    }

    static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    /** A model name from the dataset folder, e.g. Dataset291_TotalSegmentator_part1_organs → totalsegmentator_... */
    static String defaultName(Path modelDir) {
        Path parent = modelDir.toAbsolutePath().getParent();
        String base = parent != null && parent.getFileName().toString().startsWith("Dataset")
                ? parent.getFileName().toString() : modelDir.getFileName().toString();
        String n = base.replaceFirst("^Dataset\\d+_", "").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]", "_");
        return n.isEmpty() || !Character.isLetterOrDigit(n.charAt(0)) ? "model" + n : n;
    }

    /** The trained-model folder under {@code dir} (it or one below, holding plans.json and fold_*). */
    static Path findModelDir(Path dir, Path source) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 4)) {
            s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("plans.json"))
                    .map(Path::getParent).filter(NnUnetImport::hasFolds).sorted().forEach(found::add);
        }
        if (found.isEmpty()) {
            throw new IOException(source + ": no nnU-Net trained-model folder (plans.json, dataset.json, "
                    + "fold_N/checkpoint_final.pth) found");
        }
        if (found.size() > 1) {
            throw new IOException(source + ": " + found.size() + " trained-model folders found (" + dir.relativize(
                    found.get(0)) + ", " + dir.relativize(found.get(1)) + ", ...); give one of them, or use --preset");
        }
        return found.get(0);
    }

    static boolean hasFolds(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("fold_")
                    && Files.isRegularFile(p.resolve("checkpoint_final.pth")));
        } catch (IOException e) {
            return false;
        }
    }

    interface SourceWork<T> {
        T run(Path dir) throws IOException;
    }

    /** Runs {@code work} on a folder, or on a zip extracted into a temporary folder that is deleted afterwards. */
    static <T> T withSource(Path source, Path out, SourceWork<T> work) throws IOException {
        if (Files.isDirectory(source)) {
            return work.run(source);
        }
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + ": not found");
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".model-import-");
        try {
            unzip(source, tmp);
            return work.run(tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Extracts a zip; every entry is checked before anything is written, and an entry that would land outside
     * {@code into} (absolute, {@code ..}) refuses the whole zip.
     */
    static void unzip(Path zip, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = z.stream().toList();
            for (ZipEntry e : entries) {
                String n = e.getName().replace('\\', '/');
                Path target = root.resolve(n).normalize();
                if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || !target.startsWith(root)
                        || List.of(n.split("/")).contains("..")) {
                    throw new IOException(zip + ": entry '" + e.getName() + "' points outside the archive folder "
                            + "(path traversal); refused");
                }
            }
            for (ZipEntry e : entries) {
                Path target = root.resolve(e.getName().replace('\\', '/')).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(zip + ": not a readable zip (" + e.getMessage() + ")");
        }
    }

    interface Staging {
        Map<String, Object> fill(Path staging) throws IOException;
    }

    /**
     * Writes a model into a temporary folder beside {@code out} ({@code fill} adds the ONNX files and returns
     * model.yaml's content), validates it with the engine's own parser, then renames it to {@code out} or packs it
     * into the bundle {@code out} (*.jar).
     */
    static ModelDescriptor stageAndWrite(Path out, Staging fill, Consumer<String> log) throws IOException {
        boolean jar = out.getFileName().toString().endsWith(".jar");
        if (!jar && Files.exists(out) && !isEmptyDir(out)) {
            throw new IOException(out + ": already exists; remove it or choose another --out");
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, ".model-import-stage-");
        try {
            Map<String, Object> yaml = fill.fill(staging);
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            o.setWidth(120);
            String text = "# written by rt model-import (nnU-Net v2 trained model, no Python)\n"
                    + new Yaml(o).dump(yaml);
            Files.writeString(staging.resolve("model.yaml"), text);
            ModelDescriptor d = ModelYaml.load(ModelSource.folder(staging));
            if (jar) {
                long t0 = System.nanoTime();
                ModelPacker.pack(staging, out, null);
                log.accept(String.format(java.util.Locale.ROOT, "packed into %s (%.1f s)", out,
                        (System.nanoTime() - t0) / 1e9));
            } else {
                if (Files.exists(out)) {
                    Files.delete(out);
                }
                Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            }
            return d;
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
