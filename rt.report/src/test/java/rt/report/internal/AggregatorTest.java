package rt.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.PaneInformation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class AggregatorTest {

    @TempDir
    Path out;

    private List<CourseDir> cohort() throws IOException {
        Fixtures.course(out, "0012", "2024-03", 3);
        Fixtures.course(out, "P2", "2024-05", 5);
        // A course where only organize ran: contributes to Courses, nothing else; must not break anything.
        Path bare = out.resolve("P3").resolve("2024-07");
        Files.createDirectories(bare);
        Files.writeString(bare.resolve("course.json"), "{\"patient_id\":\"P3\",\"course_id\":\"2024-07\"}");
        return CourseDir.list(out, List.of());
    }

    @Test
    void workbookHasAllSheetsFrozenHeadersNumericCellsAndRowCountsOfTheCsvs() throws Exception {
        List<CourseDir> courses = cohort();
        assertEquals(3, courses.size());
        Path cohort = out.resolve("cohort");
        Aggregator.Summary summary = new Aggregator(courses, () -> false).write(cohort);
        assertTrue(summary.problems().isEmpty(), summary.problems().toString());

        Map<String, String> perCourse = Map.of("DVH", "dvh/dvh_metrics.csv", "Radiomics", "radiomics/radiomics.csv",
                "Robustness", "radiomics/robustness.csv");
        try (InputStream in = Files.newInputStream(cohort.resolve("results.xlsx"));
                Workbook wb = WorkbookFactory.create(in)) {
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                names.add(wb.getSheetName(i));
            }
            assertEquals(Aggregator.SHEETS, names);
            for (String name : Aggregator.SHEETS) {
                Sheet s = wb.getSheet(name);
                PaneInformation pane = s.getPaneInformation();
                assertTrue(pane != null && pane.isFreezePane() && pane.getHorizontalSplitPosition() == 1,
                        name + ": header row frozen");
                int csvRows = Fixtures.dataRows(cohort.resolve(name.toLowerCase(java.util.Locale.ROOT) + ".csv"));
                assertEquals(csvRows, s.getLastRowNum(), name + ": sheet rows = CSV twin rows");
                if (perCourse.containsKey(name)) {
                    int sum = 0;
                    for (CourseDir c : courses) {
                        Path f = c.dir().resolve(perCourse.get(name));
                        sum += Files.isRegularFile(f) ? Fixtures.dataRows(f) : 0;
                    }
                    assertEquals(sum, s.getLastRowNum(), name + ": rows = sum of the per-course CSVs");
                }
            }
            assertEquals(3, wb.getSheet("Courses").getLastRowNum());
            assertEquals(4, wb.getSheet("QC").getLastRowNum());
            assertEquals(8, wb.getSheet("DVH").getLastRowNum());

            Sheet dvh = wb.getSheet("DVH");
            Row header = dvh.getRow(0);
            int dmax = column(header, "dmax_gy");
            int patient = column(header, "patient_id");
            int roi = column(header, "roi_name");
            for (int r = 1; r <= dvh.getLastRowNum(); r++) {
                Cell c = dvh.getRow(r).getCell(dmax);
                assertEquals(CellType.NUMERIC, c.getCellType(), "dmax_gy numeric in row " + r);
                assertEquals(CellType.STRING, dvh.getRow(r).getCell(patient).getCellType());
            }
            assertEquals("0012", dvh.getRow(1).getCell(patient).getStringCellValue(), "leading zeros kept");
            assertEquals(62.0, dvh.getRow(1).getCell(dmax).getNumericCellValue(), 1e-9);
            assertEquals("OAR_2, \"quoted\"", dvh.getRow(3).getCell(roi).getStringCellValue());
            Sheet rad = wb.getSheet("Radiomics");
            int ver = column(rad.getRow(0), "diagnostics_Versions_PyRadiomics");
            assertEquals(CellType.STRING, rad.getRow(1).getCell(ver).getCellType());
            Sheet courses0 = wb.getSheet("Courses");
            assertEquals("WARNING", courses0.getRow(1).getCell(column(courses0.getRow(0), "qc_overall"))
                    .getStringCellValue());
        }
    }

    @Test
    void idsThatLookLikeFormulasAreTextInTheCsvsAndNoTempFileIsLeft() throws Exception {
        Fixtures.course(out, "=HYPERLINK(x)", "2024-03", 2);
        Fixtures.course(out, "@SUM(1+1)", "-1+2", 1);
        Path cohort = out.resolve("cohort");
        Files.createDirectories(cohort);
        Path stale = Files.writeString(cohort.resolve(".results.xlsx.123" + rt.course.AtomicFiles.TEMP_SUFFIX),
                "left by a killed run");
        Files.writeString(Files.createDirectories(cohort.resolve(Aggregator.POI_TMP)).resolve("poi-sxssf-sheet1.xml"),
                "left by a killed run");
        new Aggregator(CourseDir.list(out, List.of()), () -> false).write(cohort);
        for (String csv : List.of("courses.csv", "dvh.csv", "radiomics.csv", "robustness.csv")) {
            for (List<String> row : Csv.parse(Files.readString(cohort.resolve(csv)))) {
                for (String cell : row) {
                    assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0, csv + ": " + cell);
                    assertFalse(cell.startsWith("-") && Cells.number(cell) == null, csv + ": " + cell);
                }
            }
            assertTrue(Files.readString(cohort.resolve(csv)).contains("'@SUM(1+1)"), csv);
        }
        assertTrue(Files.readString(cohort.resolve("courses.csv")).contains("'-1+2"));
        assertEquals("-3.5", Csv.neutralise("-3.5"), "numbers stay numbers");
        assertEquals("'=1", Csv.neutralise(Csv.neutralise("=1")), "idempotent");
        assertFalse(Files.exists(stale));
        try (var files = Files.list(cohort)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp") || n.endsWith(rt.course.AtomicFiles.TEMP_SUFFIX)
                            || n.equals(Aggregator.POI_TMP)).toList());
        }
    }

    @Test
    void aWriterBesideTheTablesKeepsItsTemporaryFile() throws Exception {
        Fixtures.course(out, "P1", "C1", 1);
        Path cohort = Files.createDirectories(out.resolve("cohort"));
        // The cohort robustness stage may be writing OUT/cohort/robustness_icc.csv while aggregate runs.
        Path busy = Files.writeString(cohort.resolve(".robustness_icc.csv.5e1" + rt.course.AtomicFiles.TEMP_SUFFIX),
                "being written");
        Path own = Files.writeString(cohort.resolve(".dvh.csv.a0" + rt.course.AtomicFiles.TEMP_SUFFIX), "stale");
        new Aggregator(CourseDir.list(out, List.of()), () -> false).write(cohort);
        assertTrue(Files.exists(busy), "another writer's temp file was deleted");
        assertFalse(Files.exists(own));
    }

    @Test
    void indexLinksEveryCourseReport() throws Exception {
        List<CourseDir> courses = cohort();
        Files.writeString(out.resolve("0012/2024-03/report.html"), "<html></html>");
        Path cohort = out.resolve("cohort");
        Aggregator.Summary summary = new Aggregator(courses, () -> false).write(cohort);
        IndexPage.write(cohort, courses, summary, "now");
        String html = Files.readString(cohort.resolve("index.html"));
        assertTrue(html.contains("href=\"../0012/2024-03/report.html\""), html);
        assertTrue(html.contains("<td>P3</td>"));
        assertEquals(3, html.split("<tr><td>", -1).length - 1, "one row per course");
    }

    /** An independent reader (openpyxl) opens the workbook and sees the same rows and the frozen header. */
    @Test
    void openpyxlReadsTheWorkbook() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 absent");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import openpyxl").redirectErrorStream(true)
                .start();
        boolean present = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        if (!present) {
            System.out.println("[SKIP] python3-openpyxl absent: independent reader check skipped");
        }
        Assumptions.assumeTrue(present, "python3-openpyxl absent");
        Path cohort = out.resolve("cohort");
        new Aggregator(cohort(), () -> false).write(cohort);
        String script = """
                import sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1], read_only=False)
                for ws in wb.worksheets:
                    rows = list(ws.iter_rows(values_only=True))
                    nums = sum(1 for r in rows[1:] for v in r if isinstance(v, (int, float)))
                    print(ws.title, len(rows) - 1, ws.freeze_panes, nums)
                """;
        Process p = new ProcessBuilder(python.toString(), "-c", script, cohort.resolve("results.xlsx").toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        for (String name : Aggregator.SHEETS) {
            int rows = Fixtures.dataRows(cohort.resolve(name.toLowerCase(java.util.Locale.ROOT) + ".csv"));
            assertTrue(text.lines().anyMatch(l -> l.startsWith(name + " " + rows + " A2 ")), name + ": " + text);
        }
        assertTrue(text.lines().filter(l -> l.startsWith("DVH ")).allMatch(l -> !l.endsWith(" 0")), text);
    }

    private static int column(Row header, String name) {
        for (Cell c : header) {
            if (name.equals(c.getStringCellValue())) {
                return c.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + name);
    }
}
