package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.testsupport.SurefireStyleSummary;

/** ONNX sessions are created once per (model, fold, device, threads) and kept across segmentations. */
@ExtendWith(SurefireStyleSummary.class)
class SessionCacheTest {

    /** A small phantom at the rule model's 3 mm: air, a water cylinder with an air "lung" and a bone rod. */
    static Volume phantom() {
        int n = 24;
        int nz = 6;
        float[] v = new float[n * n * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double r = Math.hypot(i - 11.5, j - 11.5);
                    float hu = r < 10 ? 0f : -1000f;
                    if (Math.hypot(i - 8, j - 11.5) < 3) {
                        hu = -800f;
                    }
                    if (Math.hypot(i - 16, j - 11.5) < 2) {
                        hu = 700f;
                    }
                    v[(k * n + j) * n + i] = hu;
                }
            }
        }
        Grid g = Grid.axisAligned(n, n, nz, new double[] {0, 0, 0}, new double[] {3, 3, 3});
        return new Volume(g, v, Quantity.HU);
    }

    @Test
    void aSecondSegmentationReusesTheSessionAndWithdrawalClosesIt() throws Exception {
        SegmentationServiceImpl service = SegmentCommandTest.serviceWithRulesModel();
        SegmentationModel rules = service.model("rules").orElseThrow();
        OrtSessions sessions = service.sessions();
        Volume ct = phantom();

        short[] first = service.segment(ct, rules, SegmentOptions.cpu(1)).labels().labels();
        assertEquals(1, sessions.created());
        short[] second = service.segment(ct, rules, SegmentOptions.cpu(1)).labels().labels();
        assertEquals(1, sessions.created(), "the second course must reuse the session");
        assertArrayEquals(first, second);
        assertEquals(3, first[(2 * 24 + 12) * 24 + 16], "bone rod");
        assertEquals(2, first[(2 * 24 + 12) * 24 + 8], "lung");
        assertEquals(1, first[(2 * 24 + 4) * 24 + 12], "water");
        assertEquals(0, first[(2 * 24 + 12) * 24], "air outside");

        // other threads: another session (intra-op threads are fixed per session)
        service.segment(ct, rules, SegmentOptions.cpu(2));
        assertEquals(2, sessions.created());
        assertEquals(2, sessions.size());

        // the model folder read again: the old source's sessions are closed, the new model gets a new one
        service.scanFolders(List.of(RuleModelDiceTest.rulesModel()));
        assertEquals(0, sessions.size());
        SegmentationModel again = service.model("rules").orElseThrow();
        service.segment(ct, again, SegmentOptions.cpu(1));
        assertEquals(3, sessions.created());

        service.deactivate();
        assertEquals(0, sessions.size());
        assertThrows(IllegalStateException.class, () -> service.segment(ct, again, SegmentOptions.cpu(1)));
    }

    @Test
    void withoutCudaTheDeviceNumberOfASlotDoesNotMultiplySessions() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(OrtNetwork.cudaAvailable(), "this ORT build has CUDA");
        SegmentationServiceImpl service = SegmentCommandTest.serviceWithRulesModel();
        SegmentationModel rules = service.model("rules").orElseThrow();
        Volume ct = phantom();
        short[] cpu = service.segment(ct, rules, SegmentOptions.cpu(1)).labels().labels();
        var onSlot1 = service.segment(ct, rules, new SegmentOptions("auto", 1, Double.NaN, null, null, 1,
                java.util.Set.of()));
        assertEquals("cpu", onSlot1.device());
        assertEquals(1, service.sessions().created(), "the CPU path is the same whatever GPU slot was leased");
        assertArrayEquals(cpu, onSlot1.labels().labels());
        service.deactivate();
    }

    @Test
    void aSessionEvictedWhileInUseServesItsNetworkUntilClosed() throws Exception {
        SegmentationServiceImpl service = SegmentCommandTest.serviceWithRulesModel();
        SegmentationModel rules = service.model("rules").orElseThrow();
        OrtSessions sessions = service.sessions();
        var part = rules.descriptor().parts().get(0);
        try (OrtNetwork a = sessions.open(rules, part, part.folds().get(0), SegmentOptions.cpu(1), w -> { });
                OrtNetwork b = sessions.open(rules, part, part.folds().get(0), SegmentOptions.cpu(1), w -> { })) {
            assertEquals(1, sessions.created(), "two networks share one session");
            sessions.evict(rules.source());
            assertEquals(0, sessions.size());
            a.input().put(0, 700f);
            a.run(); // still open: closed when both networks are closed
            b.run();
        }
        try (OrtNetwork c = sessions.open(rules, part, part.folds().get(0), SegmentOptions.cpu(1), w -> { })) {
            assertEquals(2, sessions.created(), "after eviction the next open creates a new session");
        }
    }
}
