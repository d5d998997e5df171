package rt.web.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.course.CohortFolder;
import rt.course.Csv;
import rt.testsupport.SurefireStyleSummary;

/** Cohort tables written with the course contract's CSV writer; the summaries are checked against known values. */
@ExtendWith(SurefireStyleSummary.class)
class CohortSummaryTest {

    @TempDir
    Path out;

    private void table(String sheet, List<List<String>> rows) throws IOException {
        Path f = CohortFolder.of(out).csv(sheet);
        Files.createDirectories(f.getParent());
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(Csv.line(r)));
        Files.write(f, lines);
    }

    @Test
    void dvhMetricDistributionHasTheFiveNumberSummaryOfItsCourses() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("patient_id", "course_id", "source", "roi_name", "volume_cc", "d95_gy", "note"));
        double[] d95 = {50, 52, 47, 58, 49};
        for (int n = 0; n < d95.length; n++) {
            rows.add(List.of("P" + n, "C1", "manual", "PTV", "100", Double.toString(d95[n]), "text"));
            rows.add(List.of("P" + n, "C1", "manual", "Rectum", "50", "20", ""));
        }
        rows.add(List.of("P9", "C1", "manual", "PTV", "100", "", "no dose")); // no number: left out
        table("DVH", rows);
        Map<String, Object> metrics = CohortSummary.metrics(out, "dvh");
        assertEquals(List.of("manual/PTV", "manual/Rectum"), metrics.get("rois"));
        assertEquals(List.of("volume_cc", "d95_gy"), metrics.get("metrics"), "text columns are not metrics");

        Map<String, Object> d = CohortSummary.distribution(out, "dvh", "d95_gy", "manual/PTV");
        assertEquals(5, ((List<?>) d.get("values")).size());
        // sorted 47 49 50 52 58: quartiles at positions 1, 2, 3
        assertEquals(Map.of("n", 5, "min", 47.0, "q1", 49.0, "median", 50.0, "q3", 52.0, "max", 58.0),
                d.get("summary"));
        assertEquals(Map.of("course", "P3/C1", "value", 58.0), ((List<?>) d.get("values")).get(3));
        assertEquals(Map.of("n", 0), CohortSummary.distribution(out, "dvh", "d95_gy", "manual/Bladder")
                .get("summary"));
        assertThrows(IllegalArgumentException.class, () -> CohortSummary.metrics(out, "../etc"));
    }

    @Test
    void quartilesInterpolateBetweenOrderStatistics() {
        Map<String, Object> s = CohortSummary.summary(new double[] {4, 1, 3, 2});
        assertEquals(1.75, (double) s.get("q1"), 1e-12);
        assertEquals(2.5, (double) s.get("median"), 1e-12);
        assertEquals(3.25, (double) s.get("q3"), 1e-12);
    }

    @Test
    void qcSummaryCountsStatusesPerCheckAndListsFailures() throws IOException {
        table("QC", List.of(List.of("patient_id", "course_id", "check", "name", "status", "reasons", "overall"),
                List.of("P1", "C1", "files_present", "Files present", "PASS", "4 objects", "PASS"),
                List.of("P1", "C1", "ct_slices", "CT slice spacing", "PASS", "", "PASS"),
                List.of("P2", "C1", "files_present", "Files present", "PASS", "3 objects", "FAIL"),
                List.of("P2", "C1", "ct_slices", "CT slice spacing", "FAIL", "gap of 6 mm", "FAIL"),
                List.of("P3", "C1", "files_present", "Files present", "WARNING", "no plan", "WARNING"),
                List.of("P3", "C1", "ct_slices", "CT slice spacing", "PASS", "", "WARNING")));
        Map<String, Object> qc = CohortSummary.qc(out);
        List<?> checks = (List<?>) qc.get("checks");
        assertEquals(Map.of("check", "files_present", "name", "Files present", "PASS", 2, "WARNING", 1, "FAIL", 0),
                checks.get(0));
        assertEquals(Map.of("check", "ct_slices", "name", "CT slice spacing", "PASS", 2, "WARNING", 0, "FAIL", 1),
                checks.get(1));
        assertEquals(Map.of("PASS", 1, "WARNING", 1, "FAIL", 1), qc.get("courses"));
        assertEquals(List.of(Map.of("course", "P2/C1", "check", "ct_slices", "name", "CT slice spacing", "reasons",
                "gap of 6 mm")), qc.get("failed"));
    }
}
