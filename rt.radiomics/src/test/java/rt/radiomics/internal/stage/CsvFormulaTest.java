package rt.radiomics.internal.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class CsvFormulaTest {

    @TempDir
    Path dir;

    @Test
    void formulaLikeIdsAreWrittenAsTextAndNumbersStayNumbers() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("patient_id", "=HYPERLINK(x)");
        row.put("roi_name", "@ROI,1");
        row.put("value", -1.25);
        Path csv = dir.resolve("radiomics.csv");
        FeatureTable.write(csv, List.of(row));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(List.of("'=HYPERLINK(x)", "'@ROI,1", "-1.25"), FeatureTable.parseLine(lines.get(1)));
        assertEquals("-2+3", rt.course.Csv.neutralise("-2+3").substring(1));
        assertEquals("1e-3", rt.course.Csv.neutralise("1e-3"));
    }
}
