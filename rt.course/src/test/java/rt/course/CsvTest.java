package rt.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class CsvTest {

    @Test
    void formulasAreNeutralisedNumbersAreNot() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1+2", Csv.cell("+1+2"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("-3.5", Csv.cell("-3.5"));
        assertEquals("+4e-3", Csv.cell("+4e-3"));
        assertEquals("'-", Csv.cell("-"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void linesRoundTripThroughSplit() {
        List<String> cells = List.of("P1", "a, b", "say \"hi\"", "", "-2");
        String line = Csv.line(cells);
        assertEquals(cells, Csv.split(line.substring(0, line.length() - 1)));
    }

    @Test
    void skippedRoisRoundTrip(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dvh/skipped_rois.csv");
        List<SkippedRois.Entry> e = List.of(new SkippedRois.Entry("P1", "2024-03", "manual", "ISO, marker",
                "no closed planar contours (point)"));
        SkippedRois.write(f, e);
        assertEquals(e, SkippedRois.read(f));
        assertEquals(List.of(Map.of("patient_id", "P1", "course_id", "2024-03", "source", "manual", "roi_name",
                "ISO, marker", "reason", "no closed planar contours (point)")), Csv.read(f));
        SkippedRois.write(f, List.of());
        assertEquals(List.of(), SkippedRois.read(f), "a rerun with nothing skipped leaves an empty list");
    }
}
