package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.segmentation.engine.ModelDescriptor;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class EngineOptionsTest {

    @Test
    void cudaRequestedWithoutTheCudaProviderWarnsAndRunsOnCpu() throws Exception {
        Path model = RuleModelDiceTest.rulesModel().resolve("rules.onnx");
        List<String> warnings = new ArrayList<>();
        try (OrtNetwork net = new OrtNetwork(java.nio.file.Files.readAllBytes(model), new int[] {4, 4, 4}, 4, null,
                null, 1, "cuda", warnings::add, "rules.onnx")) {
            if (OrtNetwork.cudaAvailable()) {
                assertEquals("cuda:0", net.device());
                return;
            }
            assertEquals("cpu", net.device());
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("CUDA execution provider not available"), warnings.get(0));
            for (int i = 0; i < 64; i++) {
                net.input().put(i, -500f);
            }
            net.run();
            // -500 HU: channel 1 (lung density) wins; logits pinned in the output buffer, channel-major
            assertTrue(net.output().get(64) > net.output().get(0) && net.output().get(64) > net.output().get(128));
        }
    }

    /** Sessions are keyed by where they run: one per CUDA device, one CPU session whatever device was asked. */
    @Test
    void theProviderNamesTheCudaDeviceAndIgnoresItOnCpu() {
        assertEquals("cuda:1", OrtNetwork.provider("auto", 1, true));
        assertEquals("cuda:0", OrtNetwork.provider("cuda", 0, true));
        assertEquals("cpu", OrtNetwork.provider("cpu", 1, true));
        assertEquals("cpu", OrtNetwork.provider("cuda", 1, false));
        assertEquals("cpu", OrtNetwork.provider("auto", 3, false));
    }

    @Test
    void forceSplitCutsThirdsWithTotalSegmentatorsOverlap() throws Exception {
        ModelDescriptor d = ModelYaml.parse("t.yaml", """
                name: t
                spacing: [1.5, 1.5, 1.5]
                patch_size: [64, 64, 64]
                normalization: {scheme: NoNormalization}
                labels: {1: a}
                folds: [a.onnx, b.onnx]
                """);
        // 300 slices at 1.5 mm: third = 100, margin 20 slices → [0,120) keep [0,100); [81,220) keep [100,200);
        // [181,300) keep [200,300) — TotalSegmentator's p1[:-20], p2[19:-20], p3[19:]
        List<int[]> chunks = Segmenter.splitChunks(d, new int[] {300, 50, 50}, new double[] {1.5, 1, 1}, true);
        assertEquals(3, chunks.size());
        assertArrayEquals(new int[] {0, 120, 0, 100}, chunks.get(0));
        assertArrayEquals(new int[] {81, 220, 100, 200}, chunks.get(1));
        assertArrayEquals(new int[] {181, 300, 200, 300}, chunks.get(2));
        // automatic: one part and a small volume → no split
        assertEquals(1, Segmenter.splitChunks(d, new int[] {300, 50, 50}, new double[] {1.5, 1, 1}, null).size());
    }
}
