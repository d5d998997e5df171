package rt.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import rt.course.AtomicFiles;
import rt.course.CohortFolder;
import rt.course.CourseFolder;

/**
 * Builds the cohort tables: {@code OUT/cohort/results.xlsx} (sheets Courses, DVH, Radiomics, Robustness, QC,
 * Skipped: every ROI a per-course table left out, with its reason; Plans: one row per plan of each course's
 * case.json; Fractions: each course's fractions.csv; Metadata: one row per course, the summary of its case.json; numeric
 * cells as numbers, frozen header row) and its CSV twins {@code OUT/cohort/<sheet>.csv}. Per-course tables are read
 * from their files; a course without a file contributes no rows. Memory stays bounded: rows are streamed.
 */
final class Aggregator {

    /** Excel's limit on the text of one cell. */
    private static final int MAX_CELL_TEXT = 32767;
    private static final int MAX_ROWS = 1_048_575;

    static final List<String> SHEETS = List.of("Courses", "DVH", "Radiomics", "Robustness", "QC", "Skipped", "Plans",
            "Fractions", "Metadata");

    /** Rows written per sheet (header excluded). */
    record Summary(Map<String, Integer> rows, List<String> problems) {
    }

    private interface SheetSource {
        List<String> header() throws IOException;

        void rows(RowSink sink) throws IOException;
    }

    private interface RowSink {
        void accept(List<String> row) throws IOException;
    }

    private final List<CourseDir> courses;
    private final BooleanSupplier cancelled;
    private final List<String> problems = new ArrayList<>();

    Aggregator(List<CourseDir> courses, BooleanSupplier cancelled) {
        this.courses = courses;
        this.cancelled = cancelled;
    }

    /**
     * Writes the cohort CSVs and results.xlsx. POI's streaming temp files go to {@code cohortDir/.poi-tmp} (not the
     * shared java.io.tmpdir), which is emptied before and removed after; temp files of an earlier killed run are
     * swept first. A write error (a full disk) is one line naming the file, whatever POI wraps it in.
     */
    Summary write(Path cohortDir) throws IOException {
        Files.createDirectories(cohortDir);
        sweepTempFiles(cohortDir);
        Path poiTmp = cohortDir.resolve(POI_TMP);
        // Per thread: SXSSF writes its temp files on the thread that adds rows and writes the workbook (this one).
        TempFile.setThreadLocalTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiTmp.toFile()));
        try {
            return writeAll(cohortDir);
        } catch (RuntimeException e) {
            IOException io = ioCause(e);
            if (io == null) {
                throw e;
            }
            throw new IOException("cannot write the cohort tables in " + cohortDir + ": " + io.getMessage(), io);
        } finally {
            TempFile.setThreadLocalTempFileCreationStrategy(null);
            deleteTree(poiTmp);
        }
    }

    static final String POI_TMP = ".poi-tmp";

    /**
     * The temp files a killed run left while writing this class's own targets (results.xlsx and the sheet CSVs), and
     * POI's folder. Only those: other writers (e.g. the cohort robustness stage) may be writing beside them now.
     */
    static void sweepTempFiles(Path cohortDir) throws IOException {
        CohortFolder cohort = new CohortFolder(cohortDir);
        AtomicFiles.removeLeftoversOf(cohort.results());
        for (String sheet : SHEETS) {
            AtomicFiles.removeLeftoversOf(cohort.csv(sheet));
        }
        deleteTree(cohortDir.resolve(POI_TMP));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static IOException ioCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private Summary writeAll(Path cohortDir) throws IOException {
        CohortFolder cohort = new CohortFolder(cohortDir);
        Map<String, SheetSource> sources = new LinkedHashMap<>();
        sources.put("Courses", coursesSheet());
        sources.put("DVH", csvSheet(CourseFolder::dvhMetrics));
        sources.put("Radiomics", csvSheet(CourseFolder::radiomics));
        sources.put("Robustness", csvSheet(CourseFolder::robustness));
        sources.put("QC", qcSheet());
        Map<String, Function<CourseFolder, Path>> skipped = new LinkedHashMap<>();
        skipped.put("dvh", CourseFolder::dvhSkipped);
        skipped.put("radiomics", CourseFolder::radiomicsSkipped);
        sources.put("Skipped", csvSheet(skipped));
        // Clinical metadata organize writes per course (metadata/case.json, metadata/fractions.csv).
        sources.put("Plans", caseSheet(meta -> meta.path("plans")));
        sources.put("Fractions", csvSheet(CourseFolder::fractions));
        sources.put("Metadata", caseSheet(meta -> meta.path("summary")));
        Map<String, Integer> counts = new LinkedHashMap<>();
        Files.createDirectories(cohortDir);
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            wb.setCompressTempFiles(true);
            CellStyle headerStyle = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            for (Map.Entry<String, SheetSource> e : sources.entrySet()) {
                counts.put(e.getKey(), writeSheet(wb, headerStyle, e.getKey(), e.getValue(),
                        cohort.csv(e.getKey())));
            }
            AtomicFiles.write(cohort.results(), wb::write);
        } finally {
            wb.close();
        }
        return new Summary(counts, List.copyOf(problems));
    }

    private int writeSheet(SXSSFWorkbook wb, CellStyle headerStyle, String name, SheetSource source, Path csv)
            throws IOException {
        SXSSFSheet sheet = wb.createSheet(name);
        List<String> header = source.header();
        boolean[] text = new boolean[header.size()];
        Row h = sheet.createRow(0);
        for (int c = 0; c < header.size(); c++) {
            Cell cell = h.createCell(c);
            cell.setCellValue(header.get(c));
            cell.setCellStyle(headerStyle);
            text[c] = Cells.isTextColumn(header.get(c));
            sheet.setColumnWidth(c, Math.min(60, Math.max(10, header.get(c).length() + 2)) * 256);
        }
        sheet.createFreezePane(0, 1);
        int[] n = {0};
        AtomicFiles.write(csv, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Csv.write(w, header, List.of());
            source.rows(row -> {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                Csv.writeRecord(w, row); // (was write(w, [], [row]): an empty header record before every row)
                if (n[0] >= MAX_ROWS) {
                    if (n[0] == MAX_ROWS) {
                        problems.add(name + ": more than " + MAX_ROWS + " rows; the sheet is cut, the CSV is complete");
                    }
                    n[0]++;
                    return;
                }
                Row r = sheet.createRow(++n[0]);
                for (int c = 0; c < row.size() && c < header.size(); c++) {
                    String v = row.get(c);
                    if (v == null || v.isEmpty()) {
                        continue;
                    }
                    Double d = text[c] ? null : Cells.number(v);
                    if (d != null) {
                        r.createCell(c).setCellValue(d);
                    } else {
                        // String cells are never formulas in xlsx; the guard keeps the sheet equal to its CSV twin.
                        String t = Csv.neutralise(v);
                        r.createCell(c).setCellValue(t.length() > MAX_CELL_TEXT ? t.substring(0, MAX_CELL_TEXT) : t);
                    }
                }
            });
            w.flush();
        });
        if (!header.isEmpty() && n[0] > 0) {
            sheet.setAutoFilter(new CellRangeAddress(0, Math.min(n[0], MAX_ROWS), 0, header.size() - 1));
        }
        return n[0];
    }

    /** Rows of one per-course CSV, all courses, under the union of their headers (first-seen order). */
    private SheetSource csvSheet(Function<CourseFolder, Path> table) {
        return csvSheet(Map.of("", table));
    }

    /**
     * Rows of several per-course CSVs, all courses; with more than one table (or a named one) a {@code table} column
     * after {@code course_id} says which table each row comes from.
     */
    private SheetSource csvSheet(Map<String, Function<CourseFolder, Path>> tables) {
        boolean labelled = !tables.containsKey("");
        return new SheetSource() {
            private List<String> header;

            @Override
            public List<String> header() throws IOException {
                Set<String> union = new LinkedHashSet<>(List.of("patient_id", "course_id"));
                if (labelled) {
                    union.add("table");
                }
                for (CourseDir c : courses) {
                    for (Function<CourseFolder, Path> table : tables.values()) {
                        addHeader(union, table.apply(c.layout()));
                    }
                }
                header = List.copyOf(union);
                return header;
            }

            @Override
            public void rows(RowSink sink) throws IOException {
                for (CourseDir c : courses) {
                    for (Map.Entry<String, Function<CourseFolder, Path>> table : tables.entrySet()) {
                        Path f = table.getValue().apply(c.layout());
                        if (Files.isRegularFile(f)) {
                            copyRows(f, c, labelled ? table.getKey() : null, header, sink);
                        }
                    }
                }
            }
        };
    }

    private void addHeader(Set<String> union, Path f) {
        if (!Files.isRegularFile(f)) {
            return;
        }
        try {
            List<List<String>> first = Csv.parse(firstLine(f));
            if (!first.isEmpty()) {
                union.addAll(first.get(0));
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add(f + ": " + e.getMessage());
        }
    }

    /** The rows of one course's table under the sheet's header; ids filled in where the table lacks them. */
    private void copyRows(Path f, CourseDir c, String label, List<String> header, RowSink sink) throws IOException {
        Csv.Table t;
        try {
            t = Csv.read(f);
        } catch (IOException e) {
            problems.add(e.getMessage());
            return;
        }
        int[] map = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            map[i] = t.column(header.get(i));
        }
        for (List<String> row : t.rows()) {
            List<String> out = new ArrayList<>(header.size());
            for (int i = 0; i < header.size(); i++) {
                String v = map[i] >= 0 ? row.get(map[i]) : "";
                if (v.isEmpty() && i == 0) {
                    v = c.patientId();
                } else if (v.isEmpty() && i == 1) {
                    v = c.courseId();
                } else if (label != null && i == 2) {
                    v = label;
                }
                out.add(v);
            }
            sink.accept(out);
        }
    }

    private static String firstLine(Path f) throws IOException {
        try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }

    private SheetSource coursesSheet() {
        return new SheetSource() {
            private final List<String> stages = new ArrayList<>();
            private final List<Map<String, String>> states = new ArrayList<>();

            @Override
            public List<String> header() {
                Set<String> s = new TreeSet<>();
                for (CourseDir c : courses) {
                    Map<String, String> st = c.stageStates();
                    states.add(st);
                    s.addAll(st.keySet());
                }
                stages.addAll(s);
                List<String> h = new ArrayList<>(List.of("patient_id", "course_id", "folder", "site", "n_files",
                        "prescription_gy", "dose_classification", "frame_of_reference_uid", "planning_ct_series_uid",
                        "qc_overall", "body_regions", "report_path"));
                for (String st : stages) {
                    h.add("status_" + st);
                }
                return h;
            }

            @Override
            public void rows(RowSink sink) throws IOException {
                for (int n = 0; n < courses.size(); n++) {
                    CourseDir c = courses.get(n);
                    JsonNode qc = c.json(c.layout().qc());
                    List<String> row = new ArrayList<>();
                    row.add(c.patientId());
                    row.add(c.courseId());
                    row.add(c.folder());
                    if (c.course() != null) {
                        var k = c.course();
                        row.add(nz(k.site()));
                        row.add(Integer.toString(k.fileCount()));
                        row.add(k.prescriptionGy() == null ? "" : Double.toString(k.prescriptionGy()));
                        row.add(nz(k.doseClassification()));
                        row.add(nz(k.frameOfReferenceUid()));
                        row.add(nz(k.planningCtSeriesUid()));
                    } else {
                        JsonNode cj = c.json(c.layout().courseJson());
                        row.add(field(cj, "site"));
                        row.add(field(cj, "n_files"));
                        row.add(field(cj, "prescription_gy"));
                        row.add(field(cj, "dose_classification"));
                        row.add(field(cj, "frame_of_reference_uid"));
                        row.add(field(cj, "planning_ct_series_uid"));
                    }
                    row.add(qc == null ? "" : qc.path("overall").asText(""));
                    row.add(qc == null ? "" : String.join(";", texts(qc.path("body_regions").path("regions"))));
                    row.add(Files.isRegularFile(c.layout().report()) ? c.folder() + "/report.html" : "");
                    Map<String, String> st = states.get(n);
                    for (String s : stages) {
                        row.add(st.getOrDefault(s, ""));
                    }
                    sink.accept(row);
                }
            }
        };
    }

    private SheetSource qcSheet() {
        return new SheetSource() {
            @Override
            public List<String> header() {
                return List.of("patient_id", "course_id", "check", "name", "status", "reasons", "overall");
            }

            @Override
            public void rows(RowSink sink) throws IOException {
                for (CourseDir c : courses) {
                    JsonNode qc = c.json(c.layout().qc());
                    if (qc == null) {
                        continue;
                    }
                    String overall = qc.path("overall").asText("");
                    for (JsonNode check : qc.path("checks")) {
                        sink.accept(List.of(c.patientId(), c.courseId(), check.path("id").asText(""),
                                check.path("name").asText(""), check.path("status").asText(""),
                                String.join("; ", texts(check.path("reasons"))), overall));
                    }
                }
            }
        };
    }

    /**
     * Rows from each course's {@code metadata/case.json}: {@code rows} picks an object (one row) or an array of
     * objects (one row each). Scalar fields become columns (union of all courses, first-seen order), lists of scalars
     * are joined with {@code |}; nested objects (a plan's beams) stay in case.json.
     */
    private SheetSource caseSheet(Function<JsonNode, JsonNode> rows) {
        return new SheetSource() {
            private List<String> header;

            private List<JsonNode> items(CourseDir c) {
                Path f = c.layout().caseMetadata();
                if (!Files.isRegularFile(f)) {
                    return List.of();
                }
                JsonNode meta = c.json(f);
                if (meta == null) {
                    problems.add(f + ": not readable JSON");
                    return List.of();
                }
                JsonNode picked = rows.apply(meta);
                List<JsonNode> out = new ArrayList<>();
                if (picked.isArray()) {
                    picked.forEach(out::add);
                } else if (picked.isObject()) {
                    out.add(picked);
                }
                return out;
            }

            @Override
            public List<String> header() {
                Set<String> union = new LinkedHashSet<>(List.of("patient_id", "course_id"));
                for (CourseDir c : courses) {
                    for (JsonNode item : items(c)) {
                        item.fieldNames().forEachRemaining(k -> {
                            if (flat(item.get(k)) != null) {
                                union.add(k);
                            }
                        });
                    }
                }
                header = List.copyOf(union);
                return header;
            }

            @Override
            public void rows(RowSink sink) throws IOException {
                for (CourseDir c : courses) {
                    for (JsonNode item : items(c)) {
                        List<String> row = new ArrayList<>(header.size());
                        row.add(c.patientId());
                        row.add(c.courseId());
                        for (String k : header.subList(2, header.size())) {
                            String v = flat(item.get(k));
                            row.add(v == null ? "" : v);
                        }
                        sink.accept(row);
                    }
                }
            }
        };
    }

    /** A JSON value as one cell: scalars as text, lists of scalars joined by {@code |}; {@code null} for objects. */
    static String flat(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isObject()) {
            return null;
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode x : v) {
                if (x.isContainerNode()) {
                    return null;
                }
                parts.add(x.asText());
            }
            return String.join("|", parts);
        }
        return v.asText();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String field(JsonNode node, String key) {
        if (node == null) {
            return "";
        }
        JsonNode v = node.get(key);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
