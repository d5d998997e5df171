package rt.dvh.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class MetricTest {

    @Test
    void names_map_to_columns() {
        assertAll(
                () -> assertEquals("d95_gy", Metric.parse("D95").column()),
                () -> assertEquals("d0_03cc_gy", Metric.parse("D0.03cc").column()),
                () -> assertEquals("d1cc_gy", Metric.parse("D1cc").column()),
                () -> assertEquals("d99_5_gy", Metric.parse("D99.5").column()),
                () -> assertEquals("v20gy_pct", Metric.parse("V20Gy").column()),
                () -> assertEquals("v20gy_cc", Metric.parse("V20Gy_cc").column()),
                () -> assertEquals("v95pct_rx_pct", Metric.parse("V95%Rx").column()),
                () -> assertEquals("dmean_gy", Metric.parse("Dmean").column()),
                () -> assertEquals("hi", Metric.parse("HI").column()),
                () -> assertEquals("ci_paddick", Metric.parse("CI").column()),
                () -> assertEquals("integral_dose_gycc", Metric.parse("integral_dose").column()),
                // column names parse back to themselves
                () -> assertEquals("d0_03cc_gy", Metric.parse("d0_03cc_gy").column()),
                () -> assertEquals("v5gy_pct", Metric.parse("v5gy_pct").column()),
                () -> assertEquals("v95pct_rx_pct", Metric.parse("v95pct_rx_pct").column()));
    }

    @Test
    void unknown_names_are_rejected_with_the_name() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("Q5"));
        assertTrue(e.getMessage().contains("'Q5'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metric.parse("D120"));
    }

    @Test
    void default_list_has_the_design_columns_in_order() {
        List<String> cols = Metric.list(Metric.DEFAULT_NAMES).stream().map(Metric::column).toList();
        assertEquals(List.of("volume_cc", "dmin_gy", "dmean_gy", "dmax_gy", "d98_gy", "d95_gy", "d50_gy", "d2_gy",
                "d1cc_gy", "d0_03cc_gy", "v1gy_pct"), cols.subList(0, 11));
        assertTrue(cols.contains("v60gy_pct") && cols.contains("hi") && cols.contains("gi"));
        assertEquals(cols.size(), cols.stream().distinct().count());
    }
}
