package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import rt.course.CohortFolder;
import rt.course.CourseFolder;

/**
 * The stages agree on what they hand each other, checked on the tables a user reads after a real run: every ROI has
 * one (source, name) across dvh_metrics.csv, radiomics.csv, robustness.csv, qc.json, report.html and results.xlsx, or
 * is absent from a table with a stated reason (that table's skipped_rois.csv).
 */
final class StageAgreement {

    private StageAgreement() {
    }

    static void check(Path out, JsonNode manifest, ObjectMapper json) throws Exception {
        Set<String> allDvh = new TreeSet<>();
        Set<String> allRadiomics = new TreeSet<>();
        Set<String> allSkipped = new TreeSet<>();
        List<String> unmatched = new ArrayList<>();
        for (JsonNode c : manifest.path("courses")) {
            CourseFolder course = CourseFolder.of(out, c.path("path").asText());
            Map<String, Map<String, String>> dvh = keyed(Tables.read(course.dvhMetrics()));
            Map<String, Map<String, String>> radiomics = keyed(Tables.read(course.radiomics()));
            Map<String, Map<String, String>> dvhSkipped = keyed(Tables.read(course.dvhSkipped()));
            Map<String, Map<String, String>> radiomicsSkipped = keyed(Tables.read(course.radiomicsSkipped()));
            allDvh.addAll(dvh.keySet());
            allRadiomics.addAll(radiomics.keySet());
            allSkipped.addAll(dvhSkipped.keySet());
            allSkipped.addAll(radiomicsSkipped.keySet());

            Set<String> sources = new TreeSet<>();
            dvh.values().forEach(r -> sources.add(r.get("source")));
            assertEquals(Set.of("manual", "segmentation:rules", "custom"), sources,
                    course.dir() + ": structure sources in dvh_metrics.csv");
            unmatched.addAll(absentWithoutReason(dvh.keySet(), radiomics.keySet(), radiomicsSkipped, "radiomics"));
            unmatched.addAll(absentWithoutReason(radiomics.keySet(), dvh.keySet(), dvhSkipped, "dvh"));

            // qc.json judges the same ROIs under the same names
            Set<String> qc = new TreeSet<>();
            String prefix = c.path("patient").asText() + "|" + c.path("course").asText() + "|";
            for (JsonNode r : json.readTree(course.qc().toFile()).path("rois")) {
                qc.add(prefix + r.path("source").asText() + "|" + r.path("roi_name").asText());
            }
            Set<String> dvhOrSkipped = new TreeSet<>(dvh.keySet());
            dvhOrSkipped.addAll(dvhSkipped.keySet());
            assertTrue(dvhOrSkipped.containsAll(qc), course.dir() + ": qc.json ROIs not in the DVH table: "
                    + minus(qc, dvhOrSkipped));
            assertTrue(qc.containsAll(dvh.keySet()), course.dir() + ": DVH ROIs not in qc.json: "
                    + minus(dvh.keySet(), qc));

            // robustness: the configured ROIs (the demo: PTV) of every source, named as in radiomics.csv
            Set<String> robust = new TreeSet<>();
            for (Map<String, String> r : Tables.read(course.robustness())) { // one row per feature of each ROI
                robust.add(r.get("patient_id") + "|" + r.get("course_id") + "|" + r.get("source") + "|"
                        + r.get("roi_name"));
            }
            assertFalse(robust.isEmpty(), course.dir() + ": robustness.csv has no ROI");
            assertTrue(radiomics.keySet().containsAll(robust), course.dir() + ": robustness ROIs not in radiomics: "
                    + minus(robust, radiomics.keySet()));
            assertTrue(robust.contains(prefix + "manual|PTV"), course.dir() + ": robustness of manual/PTV: " + robust);

            // report.html shows every DVH ROI with its source
            String html = Files.readString(course.report(), StandardCharsets.UTF_8);
            for (Map<String, String> r : dvh.values()) {
                assertTrue(html.contains(r.get("roi_name")), course.report() + " lacks ROI " + r.get("roi_name"));
                assertTrue(html.contains(r.get("source")), course.report() + " lacks source " + r.get("source"));
            }
        }
        assertEquals(List.of(), unmatched, "ROIs in one table, absent from the other without a stated reason");

        // the workbook holds exactly the per-course rows, under the same keys
        try (InputStream in = Files.newInputStream(CohortFolder.of(out).results());
                Workbook wb = WorkbookFactory.create(in)) {
            assertEquals(allDvh, sheetKeys(wb.getSheet("DVH")), "results.xlsx DVH sheet");
            assertEquals(allRadiomics, sheetKeys(wb.getSheet("Radiomics")), "results.xlsx Radiomics sheet");
            assertEquals(allSkipped, sheetKeys(wb.getSheet("Skipped")), "results.xlsx Skipped sheet");
        }
        System.out.printf("[DemoIT] stage agreement: %d DVH rows, %d radiomics rows, %d skipped with a reason%n",
                allDvh.size(), allRadiomics.size(), allSkipped.size());
    }

    /** Keys of {@code have} missing from {@code other} and not listed in that table's skipped list with a reason. */
    private static List<String> absentWithoutReason(Set<String> have, Set<String> other,
            Map<String, Map<String, String>> otherSkipped, String otherTable) {
        List<String> out = new ArrayList<>();
        for (String k : have) {
            if (other.contains(k)) {
                continue;
            }
            Map<String, String> skip = otherSkipped.get(k);
            if (skip == null || skip.getOrDefault("reason", "").isBlank()) {
                out.add(k + " (not in " + otherTable + ")");
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> keyed(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Map<String, String> r : rows) {
            String key = r.get("patient_id") + "|" + r.get("course_id") + "|" + r.get("source") + "|"
                    + r.get("roi_name");
            if (out.put(key, r) != null) {
                throw new AssertionError("two rows for " + key);
            }
        }
        return out;
    }

    private static Set<String> sheetKeys(Sheet sheet) {
        assertTrue(sheet != null, "sheet missing");
        DataFormatter f = new DataFormatter();
        Map<String, Integer> col = new LinkedHashMap<>();
        for (Cell c : sheet.getRow(0)) {
            col.put(f.formatCellValue(c), c.getColumnIndex());
        }
        Set<String> keys = new TreeSet<>();
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            Row r = sheet.getRow(i);
            keys.add(f.formatCellValue(r.getCell(col.get("patient_id"))) + "|"
                    + f.formatCellValue(r.getCell(col.get("course_id"))) + "|"
                    + f.formatCellValue(r.getCell(col.get("source"))) + "|"
                    + f.formatCellValue(r.getCell(col.get("roi_name"))));
        }
        return keys;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
