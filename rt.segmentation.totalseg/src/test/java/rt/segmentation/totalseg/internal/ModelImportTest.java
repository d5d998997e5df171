package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.nifti.Nifti;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/**
 * {@code rt:model-import} end to end: nnU-Net trained-model folders written by PyTorch (tools/
 * make_nnunet_trained_model.py: PlainConvUNet and ResidualEncoderUNet, random weights, {@code torch.save} of
 * nnU-Net's checkpoint dict) are imported without Python, and this engine's segmentation of a real CT agrees with the
 * PyTorch networks' nnU-Net sliding window (tools/nnunet_reference.py, fp32 accumulators as in {@link ParityTest}) on
 * at least 99.99 % of voxels; the logits of one patch agree to float precision.
 */
@ExtendWith(SurefireStyleSummary.class)
class ModelImportTest {

    static final Path DIR = Path.of("target", "model-import");

    @Test
    void plainConvUNetWithTwoFoldsAndMirroringAgreesWithPytorch() throws Exception {
        PythonTools.assumeAvailable();
        Path trained = TorchCheckpointTest.trainedModel("Dataset901_Plain/nnUNetTrainer__nnUNetPlans__3d_fullres",
                "--arch", "plain", "--stages", "4", "--features", "8", "--classes", "5", "--folds", "0", "1",
                "--patch", "32", "48", "40", "--spacing", "3.5", "3.0", "2.8", "--mirror-axes", "2", "--seed", "3");
        Path out = DIR.resolve("plain");
        NnUnetImport.deleteTree(out);
        ModelDescriptor d = ModelImportCommand.run(ModelImportCommand.Options.parse(List.of(trained.toString(),
                "--out", out.toString())), Path.of(""), System.out::println);
        assertEquals("plain", d.name().substring(0, 5));
        assertEquals(List.of("fold_0.onnx", "fold_1.onnx"), d.parts().get(0).folds());
        assertEquals(List.of(2), NnUnetImport.toList(d.mirrorAxes()), "the checkpoint's mirroring axes");
        assertEquals(Map.of(1, "c1", 2, "c2", 3, "c3", 4, "c4"), d.labels());
        parity(trained, ModelSource.folder(out), d, "plain");
    }

    @Test
    void residualEncoderUNetWithoutMirroringAgreesWithPytorchFromABundle() throws Exception {
        PythonTools.assumeAvailable();
        Path trained = TorchCheckpointTest.trainedModel(
                "Dataset902_ResEnc/nnUNetTrainerNoMirroring__nnUNetResEncUNetMPlans__3d_fullres", "--arch",
                "resenc", "--stages", "4", "--features", "8", "--classes", "4", "--patch", "32", "40", "48",
                "--spacing", "3.5", "2.8", "3.0", "--transpose", "0", "2", "1", "--trainer",
                "nnUNetTrainerNoMirroring", "--labels", "liver", "spleen", "bone", "--seed", "5");
        Path jar = DIR.resolve("resenc.jar");
        Files.deleteIfExists(jar);
        ModelDescriptor d = ModelImportCommand.run(ModelImportCommand.Options.parse(List.of(trained.toString(),
                "--name", "resenc", "--out", jar.toString())), Path.of(""), System.out::println);
        assertEquals(0, d.mirrorAxes().length, "a NoMirroring trainer");
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals("model/model.yaml", j.getManifest().getMainAttributes().getValue("RT-Model"));
        }
        parity(trained, jarSource(jar), d, "resenc");
    }

    /** Segments a CT crop with the imported model and with PyTorch; asserts voxel agreement and patch logits. */
    private static void parity(Path trained, ModelSource source, ModelDescriptor d, String tag) throws Exception {
        Path work = Files.createDirectories(DIR.resolve(tag + "-run"));
        Volume ct = ctCrop();
        Path ctFile = work.resolve("ct.nii.gz");
        Nifti.write(ctFile, ct);
        Volume reread = Nifti.readVolume(ctFile, Quantity.HU);
        Path refFile = work.resolve("reference.nii.gz");
        String log = PythonTools.run("nnunet_reference.py", "--ct", ctFile.toString(), "--nnunet",
                trained.toString(), "--out", refFile.toString(), "--fp32", "--step", "0.5");
        LabelMap ref = Nifti.readLabels(refFile, Map.of());
        SegmentationModel model = new SegmentationModel(d, source, "folder");
        SegmentationResult r = Segmenter.onnxRuntime().segment(reread, model, SegmentOptions.cpu(2), w -> { },
                () -> { });
        short[] ours = r.labels().labels();
        long agree = 0;
        long[] hist = new long[d.parts().get(0).channels()];
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] == ref.labels()[i]) {
                agree++;
            }
            hist[ours[i]]++;
        }
        double fraction = (double) agree / ours.length;
        double[] logits = patchLogitsDifference(trained, source, d, work);
        double maxAbs = logits[0];
        System.out.printf(java.util.Locale.ROOT, "[model-import parity %s] %d / %d voxels agree (%.5f %%); "
                + "ours %s; %s; patch logits: max |diff| %.3g, max |logit| %.3g, relative %.2g%n", tag, agree,
                ours.length, 100 * fraction, java.util.Arrays.toString(hist), log.strip(), maxAbs, logits[1],
                maxAbs / logits[1]);
        assertTrue(java.util.Arrays.stream(hist).filter(h -> h > 0).count() >= 2, "degenerate output");
        assertTrue(fraction >= 0.9999, "only " + fraction + " of voxels agree");
        // float32 rounding through ~30 layers: relative to the largest logit
        assertTrue(maxAbs < 1e-5 * logits[1], "logits differ by " + maxAbs + " of " + logits[1]);
    }

    /**
     * {max |ONNX Runtime − PyTorch|, max |PyTorch logit|} over the logits of fold 0 for one seeded random input
     * patch.
     */
    static double[] patchLogitsDifference(Path trained, ModelSource source, ModelDescriptor d, Path work)
            throws Exception {
        int[] p = d.patchSize();
        int n = p[0] * p[1] * p[2];
        java.util.Random random = new java.util.Random(11);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        Path in = work.resolve("patch.f32");
        Path outFile = work.resolve("patch-logits.f32");
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(x);
        Files.write(in, b.array());
        PythonTools.run("nnunet_reference.py", "--nnunet", trained.toString(), "--patch-logits", in.toString(),
                outFile.toString());
        ByteBuffer torch = ByteBuffer.wrap(Files.readAllBytes(outFile)).order(ByteOrder.LITTLE_ENDIAN);
        int channels = d.parts().get(0).channels();
        try (OrtNetwork net = new OrtNetwork(source.read(d.parts().get(0).folds().get(0)), p, channels, null, null,
                2, "cpu", w -> { }, "fold 0")) {
            net.input().clear();
            net.input().put(x);
            net.run();
            double max = 0;
            double scale = 0;
            for (int i = 0; i < channels * n; i++) {
                max = Math.max(max, Math.abs(net.output().get(i) - torch.getFloat(4 * i)));
                scale = Math.max(scale, Math.abs(torch.getFloat(4 * i)));
            }
            assertEquals(4L * channels * n, torch.capacity());
            return new double[] {max, scale};
        }
    }

    @Test
    void aZipOfTheTrainedModelImportsAndAZipWithParentEntriesIsRefused() throws Exception {
        PythonTools.assumeModules("torch, numpy");
        Path trained = TorchCheckpointTest.trainedModel("Dataset903_Zip/nnUNetTrainer__nnUNetPlans__3d_fullres",
                "--stages", "3", "--features", "4", "--patch", "16", "16", "16", "--classes", "3");
        Path good = DIR.resolve("good.zip");
        zip(trained.getParent(), good, null);
        Path out = DIR.resolve("from-zip");
        NnUnetImport.deleteTree(out);
        ModelDescriptor d = ModelImportCommand.run(ModelImportCommand.Options.parse(List.of(good.toString(),
                "--out", out.toString())), Path.of(""), s -> { });
        assertEquals("zip", d.name());
        assertTrue(Files.isRegularFile(out.resolve("fold_0.onnx")));

        Path evil = DIR.resolve("traversal.zip");
        zip(trained.getParent(), evil, "../../escaped.txt");
        Path out2 = DIR.resolve("from-evil-zip");
        IOException e = assertThrows(IOException.class, () -> ModelImportCommand.run(ModelImportCommand.Options
                .parse(List.of(evil.toString(), "--out", out2.toString())), Path.of(""), s -> { }));
        assertTrue(e.getMessage().contains("path traversal") && e.getMessage().contains("../../escaped.txt"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(DIR.getParent().resolve("escaped.txt")));
        assertFalse(Files.exists(out2));
        try (Stream<Path> s = Files.list(DIR)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".model-import-")),
                    "temporary folders are removed");
        }
    }

    @Test
    void aCheckpointNamingOsSystemStopsTheImportWithOneLine() throws Exception {
        Path trained = TorchCheckpointTest.trainedModel("evil", "--stages", "2", "--features", "2", "--patch", "8",
                "8", "8", "--evil");
        Path out = DIR.resolve("evil");
        IOException e = assertThrows(IOException.class, () -> ModelImportCommand.run(ModelImportCommand.Options
                .parse(List.of(trained.toString(), "--out", out.toString())), Path.of(""), s -> { }));
        assertTrue(e.getMessage().contains("refused: the pickle names posix.system"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void usageErrorsAreOneLine() {
        for (List<String> args : List.of(List.<String>of(), List.of("a", "b"), List.of("a", "--bogus"),
                List.of("a", "--name", "Bad Name"), List.of("a", "--out"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelImportCommand.Options.parse(args));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        ModelImportCommand.Options o = ModelImportCommand.Options.parse(List.of("x", "--preset", "total_fast"));
        assertEquals(Path.of("/w/models/total_fast"), o.out(Path.of("/w"), "total_fast"));
    }

    /** Zips {@code dir} (entries relative to its parent), plus one extra entry named {@code extra} if given. */
    private static void zip(Path dir, Path zip, String extra) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os);
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(dir.getParent().relativize(f).toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
            if (extra != null) {
                z.putNextEntry(new ZipEntry(extra));
                z.write("x".getBytes());
                z.closeEntry();
            }
        }
    }

    /** The model inside a model bundle, as the extender sees it (entries under model/). */
    static ModelSource jarSource(Path jar) {
        return new ModelSource() {
            @Override
            public InputStream open(String relativePath) throws IOException {
                JarFile j = new JarFile(jar.toFile());
                ZipEntry e = j.getEntry(ModelPacker.PREFIX + relativePath);
                if (e == null) {
                    j.close();
                    throw new java.io.FileNotFoundException(relativePath);
                }
                byte[] all;
                try (InputStream in = j.getInputStream(e)) {
                    all = in.readAllBytes();
                } finally {
                    j.close();
                }
                return new java.io.ByteArrayInputStream(all);
            }

            @Override
            public String location() {
                return jar.toString();
            }
        };
    }

    /**
     * 64 x 64 x 48 crop of the example CT (a third of ParityTest's tiles: the PyTorch reference dominates the test's
     * time), 3 columns and 2 rows at the border zeroed (crop to non-zero).
     */
    static Volume ctCrop() throws IOException {
        Volume full = Nifti.readVolume(RefData.resolve("totalseg-example/example_ct.nii.gz"), Quantity.HU);
        int nx = 64;
        int ny = 64;
        int nz = 48;
        Grid g = full.grid().crop(20, 10, 40, nx, ny, nz);
        float[] v = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    boolean border = i < 3 || j >= ny - 2;
                    v[g.index(i, j, k)] = border ? 0f : full.get(i + 20, j + 10, k + 40);
                }
            }
        }
        return new Volume(g, v, Quantity.HU);
    }
}
