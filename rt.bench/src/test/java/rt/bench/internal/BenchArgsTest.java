package rt.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class BenchArgsTest {

    private static final Path CWD = Path.of("/work");

    @Test
    void defaults_full_size_and_options() {
        BenchArgs d = BenchArgs.parse(new String[] {}, CWD);
        assertEquals(CWD.resolve("rt-bench"), d.out());
        assertEquals(List.of(1, 2), d.workers());
        assertEquals(2, d.courses());
        BenchArgs full = BenchArgs.parse(new String[] {"out", "--full", "--courses", "4", "--workers", "2,4",
            "--set", "radiomics.roi_timeout_s=900", "--split", "none"}, CWD);
        assertEquals(CWD.resolve("out"), full.out());
        assertEquals(512, full.pixels());
        assertEquals(140, full.slices());
        assertEquals(24, full.rois());
        assertEquals(2.5, full.doseMm());
        assertEquals(1.0, full.scale());
        assertEquals(0.5, d.scale());
        assertEquals(List.of(2, 4), full.workers());
        assertEquals(List.of("radiomics.roi_timeout_s=900"), full.sets());
        assertEquals(List.of(), full.splitRois(List.of("PTV")));
        assertEquals(List.of(), BenchArgs.parse(new String[] {"--workers", "none"}, CWD).workers());
        assertTrue(d.warmup());
        assertTrue(!BenchArgs.parse(new String[] {"--no-warmup"}, CWD).warmup());
        // an option after --full wins
        assertEquals(3.0, BenchArgs.parse(new String[] {"--full", "--dose-grid", "3"}, CWD).doseMm());
    }

    @Test
    void split_picks_named_or_big_rois() {
        List<String> rois = List.of("BODY", "LUNG_L", "HEART", "PTV");
        assertEquals(List.of("HEART", "PTV"), BenchArgs.parse(new String[] {}, CWD).splitRois(rois));
        assertEquals(List.of("LUNG_L", "HEART", "PTV"),
                BenchArgs.parse(new String[] {"--split", "all"}, CWD).splitRois(rois));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchArgs.parse(new String[] {"--split", "LIVER"}, CWD).splitRois(rois));
        assertTrue(e.getMessage().contains("'LIVER'"), e.getMessage());
    }

    @Test
    void bad_values_name_the_option() {
        for (String[] bad : new String[][] {{"--rois", "25"}, {"--scale", "5"}, {"--workers", "1,x"}, {"--dose-grid", "0.1"},
            {"--courses"}, {"--bogus"}, {"a", "b"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(bad, CWD));
            assertTrue(e.getMessage().contains(bad[0].startsWith("-") ? bad[0] : "one output folder"),
                    e.getMessage());
        }
    }
}
