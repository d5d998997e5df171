package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.segmentation.totalseg.internal.RestrictedUnpickler.TensorRef;
import rt.testsupport.SurefireStyleSummary;

/**
 * The restricted unpickler and the checkpoint reader: checkpoints written by PyTorch's own {@code torch.save} (the
 * nnU-Net checkpoint dict of tools/make_nnunet_trained_model.py) read back value for value; a pickle naming
 * {@code os.system} (written by PyTorch, and hand-made) is refused with one line.
 */
@ExtendWith(SurefireStyleSummary.class)
class TorchCheckpointTest {

    static final Path DIR = Path.of("target", "torch-checkpoints");

    /** Writes (once) a trained-model folder with the test tool; extra args are passed on. */
    static Path trainedModel(String name, String... args) throws Exception {
        PythonTools.assumeModules("torch, numpy");
        Path out = DIR.resolve(name);
        if (!Files.isRegularFile(out.resolve("plans.json"))) {
            List<String> a = new java.util.ArrayList<>(List.of("--out", out.toString()));
            a.addAll(List.of(args));
            PythonTools.run("make_nnunet_trained_model.py", a.toArray(String[]::new));
        }
        return out;
    }

    @Test
    void readsTheNnUnetCheckpointDictThatTorchSaveWrote() throws Exception {
        Path model = trainedModel("plain-small", "--arch", "plain", "--stages", "3", "--features", "4",
                "--patch", "16", "16", "16", "--trainer", "nnUNetTrainerNoMirroring");
        Path pth = model.resolve("fold_0/checkpoint_final.pth");
        try (TorchCheckpoint c = TorchCheckpoint.open(pth)) {
            Map<?, ?> root = (Map<?, ?>) c.root();
            assertEquals("nnUNetTrainerNoMirroring", root.get("trainer_name"));
            assertTrue(root.containsKey("inference_allowed_mirroring_axes"));
            assertEquals(null, root.get("inference_allowed_mirroring_axes"), "None for a NoMirroring trainer");
            Map<?, ?> init = (Map<?, ?>) root.get("init_args");
            assertEquals("3d_fullres", init.get("configuration"));
            assertEquals("cpu", init.get("device"));
            assertEquals(0.5, root.get("_best_ema"));
            assertEquals(List.of(-0.4), ((Map<?, ?>) root.get("logging")).get("train_losses"));
            Map<String, TensorRef> sd = c.stateDict("network_weights");
            TensorRef w = sd.get("encoder.stages.1.0.convs.0.conv.weight");
            assertArrayEquals(new long[] {8, 4, 3, 3, 3}, w.shape());
            float[] ours = c.floats(w);
            // the same tensor as PyTorch reads it
            String py = python("import torch; t = torch.load('" + pth + "')['network_weights']"
                    + "['encoder.stages.1.0.convs.0.conv.weight'].flatten(); "
                    + "print(' '.join(repr(float(v)) for v in t[:5]), float(t.double().sum()))");
            String[] f = py.strip().split(" ");
            for (int i = 0; i < 5; i++) {
                assertEquals(Float.parseFloat(f[i]), ours[i], 0f);
            }
            double sum = 0;
            for (float v : ours) {
                sum += v;
            }
            assertEquals(Double.parseDouble(f[5]), sum, 1e-9);
            // the duplicated module paths of nnU-Net's networks share one storage
            assertArrayEquals(ours, c.floats(sd.get("encoder.stages.1.0.convs.0.all_modules.0.weight")));
        }
    }

    @Test
    void aCheckpointWhosePickleNamesOsSystemIsRefusedWithOneLine() throws Exception {
        Path model = trainedModel("evil", "--stages", "2", "--features", "2", "--patch", "8", "8", "8", "--evil");
        IOException e = assertThrows(IOException.class,
                () -> TorchCheckpoint.open(model.resolve("fold_0/checkpoint_final.pth")).close());
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("posix.system")
                || e.getMessage().contains("os.system"), e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint_final.pth"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void handMadePicklesNamingCallablesAreRefused() {
        // protocol 2: GLOBAL 'os system', the argument tuple, REDUCE, STOP
        byte[] global = pickle("\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R.");
        IOException e = assertThrows(IOException.class, () -> RestrictedUnpickler.load(global, "x.pkl", pid -> pid));
        assertEquals("x.pkl: refused: the pickle names os.system, which is not a tensor-rebuild or plain-data "
                + "global (only torch storages, torch._utils._rebuild_*, collections.OrderedDict, torch.device and "
                + "numpy scalars are read)", e.getMessage());
        // protocol 4: STACK_GLOBAL builtins.eval
        byte[] stackGlobal = pickle("\u0080\u0004\u008c\u0008builtins\u008c\u0004eval\u0093)R.");
        e = assertThrows(IOException.class, () -> RestrictedUnpickler.load(stackGlobal, "y.pkl", pid -> pid));
        assertTrue(e.getMessage().startsWith("y.pkl: refused: the pickle names builtins.eval"), e.getMessage());
        // protocol 0/1 INST instantiates by name without GLOBAL
        byte[] inst = pickle("(ios\nsystem\n.");
        e = assertThrows(IOException.class, () -> RestrictedUnpickler.load(inst, "z.pkl", pid -> pid));
        assertTrue(e.getMessage().startsWith("z.pkl: refused"), e.getMessage());
        // truncated data: a one-line error, no stack trace
        byte[] cut = pickle("\u0080\u0002X\u00ff\u0000\u0000\u0000ab");
        e = assertThrows(IOException.class, () -> RestrictedUnpickler.load(cut, "c.pkl", pid -> pid));
        assertTrue(e.getMessage().startsWith("c.pkl: malformed pickle"), e.getMessage());
    }

    @Test
    void plainDataOfProtocolTwo() throws Exception {
        // {'a': [1, 2.5, None, True], 'b': (300, -2)} as pickle.dumps(..., protocol=2) writes it
        byte[] p = pickle("\u0080\u0002}q\u0000(X\u0001\u0000\u0000\u0000aq\u0001]q\u0002(K\u0001G@\u0004\u0000"
                + "\u0000\u0000\u0000\u0000\u0000N\u0088eX\u0001\u0000\u0000\u0000bq\u0003M,\u0001J\u00fe\u00ff\u00ff"
                + "\u00ff\u0086q\u0004u.");
        Map<?, ?> m = (Map<?, ?>) RestrictedUnpickler.load(p, "d.pkl", pid -> pid);
        assertEquals(java.util.Arrays.asList(1L, 2.5, null, true), m.get("a"));
        assertEquals(List.of(300L, -2L), m.get("b"));
    }

    @Test
    void halfPrecisionConversion() {
        assertEquals(1.0f, TorchCheckpoint.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, TorchCheckpoint.halfToFloat((short) 0xc000));
        assertEquals(65504f, TorchCheckpoint.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, TorchCheckpoint.halfToFloat((short) 0x0001));
        assertTrue(Float.isInfinite(TorchCheckpoint.halfToFloat((short) 0x7c00)));
    }

    private static byte[] pickle(String chars) {
        return chars.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Runs a python3 snippet; returns stdout. */
    static String python(String code) throws Exception {
        Process p = new ProcessBuilder(PythonTools.PYTHON.toString(), "-c", code).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        String s = out.toString(StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("python3 failed: " + s);
        }
        return s;
    }
}
