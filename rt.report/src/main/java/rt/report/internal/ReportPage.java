package rt.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-course {@code report.html}: self-contained (inline CSS/JS, PNG as data URIs, no network). Sections whose
 * inputs are absent say "not run" instead of failing.
 */
final class ReportPage {

    /** Rendered slices and the structures drawn on them; {@code note} says why there are none. */
    record Images(List<Slice> slices, List<Legend> legend, String note) {

        static Images none(String note) {
            return new Images(List.of(), List.of(), note);
        }
    }

    record Slice(String title, byte[] png) {
    }

    record Legend(String name, String source, Color color) {
    }

    /** Radiomics columns shown in the summary table, when present. */
    private static final List<String> RADIOMICS_KEY_FEATURES = List.of("original_shape_MeshVolume",
            "original_shape_Sphericity", "original_shape_Maximum3DDiameter", "original_firstorder_Mean",
            "original_firstorder_StandardDeviation", "original_firstorder_Entropy", "original_glcm_Contrast",
            "original_glrlm_RunLengthNonUniformity");

    private static final int MAX_TABLE_ROWS = 500;

    private ReportPage() {
    }

    static String render(CourseDir c, Images images, String generated) throws IOException {
        StringBuilder b = new StringBuilder(64 * 1024);
        String title = "RT report " + c.patientId() + " / " + c.courseId();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append("</title>\n<style>").append(Html.BASE_CSS)
                .append("#dvh-toggles label{display:inline-block;margin:.1em .8em .1em 0;font-size:.85em}")
                .append(".swatch{display:inline-block;width:.9em;height:.9em;margin:0 .3em;vertical-align:middle}")
                .append(".slices{display:flex;flex-wrap:wrap;gap:.6em}.slices figure{margin:0}")
                .append(".slices figcaption{font-size:.8em;color:#444}#dvh-readout{font-size:.8em;min-height:1.2em}")
                .append("</style></head><body>\n<h1>").append(Html.esc(title)).append("</h1>\n");
        b.append("<p class=\"muted\">Generated ").append(Html.esc(generated)).append("</p>\n");
        JsonNode qc = c.json(c.layout().qc());
        summary(b, c, qc);
        qc(b, qc);
        dvh(b, c);
        slices(b, images);
        radiomics(b, c);
        b.append("<script>\n").append(script()).append("\n</script>\n</body></html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, CourseDir c, JsonNode qc) {
        b.append("<h2>Summary</h2>\n<table>");
        JsonNode cj = c.json(c.layout().courseJson());
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Patient", c.patientId());
        rows.put("Course", c.courseId());
        if (c.course() != null) {
            var k = c.course();
            rows.put("Site", k.site());
            rows.put("Prescription (Gy)", k.prescriptionGy() == null ? null : fmt(k.prescriptionGy()));
            rows.put("Dose classification", k.doseClassification());
            rows.put("Frame of reference", k.frameOfReferenceUid());
            rows.put("Planning CT series", k.planningCtSeriesUid());
            rows.put("DICOM files", Integer.toString(k.fileCount()));
            Map<String, Integer> byRole = new LinkedHashMap<>();
            k.objects().forEach(o -> byRole.merge(o.role().name(), 1, Integer::sum));
            rows.put("Objects", byRole.toString());
        } else if (cj != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = cj.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("patient_id") || e.getKey().equals("course_id")) {
                    continue;
                } else if (e.getValue().isValueNode()) {
                    rows.put(e.getKey(), e.getValue().asText());
                } else if (e.getValue().isArray()) {
                    rows.put(e.getKey(), e.getValue().size() + " item(s)");
                }
            }
        }
        if (qc != null) {
            rows.put("QC overall", qc.path("overall").asText(""));
            rows.put("Body regions", String.join(", ", Aggregator.texts(qc.path("body_regions").path("regions"))));
        }
        for (Map.Entry<String, String> e : rows.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            String cls = e.getKey().equals("QC overall") ? " class=\"" + Html.statusClass(e.getValue()) + "\"" : "";
            b.append("<tr><th>").append(Html.esc(e.getKey())).append("</th><td").append(cls).append('>')
                    .append(Html.esc(e.getValue())).append("</td></tr>");
        }
        b.append("</table>\n");
        Map<String, String> states = c.stageStates();
        if (!states.isEmpty()) {
            b.append("<table><thead><tr>");
            states.keySet().forEach(s -> b.append("<th>").append(Html.esc(s)).append("</th>"));
            b.append("</tr></thead><tbody><tr>");
            states.values().forEach(s -> b.append("<td class=\"").append(Html.statusClass(s)).append("\">")
                    .append(Html.esc(s)).append("</td>"));
            b.append("</tr></tbody></table>\n");
        }
    }

    private static void qc(StringBuilder b, JsonNode qc) {
        b.append("<h2>Quality control</h2>\n");
        if (qc == null) {
            b.append("<p class=\"na\">QC not run (no qc/qc.json).</p>\n");
            return;
        }
        b.append("<p>Overall: <span class=\"").append(Html.statusClass(qc.path("overall").asText()))
                .append("\">").append(Html.esc(qc.path("overall").asText("?"))).append("</span></p>\n");
        b.append("<table id=\"qc-table\"><thead><tr><th>check</th><th>status</th><th>reasons</th></tr></thead><tbody>");
        for (JsonNode check : qc.path("checks")) {
            String st = check.path("status").asText("");
            b.append("<tr><td>").append(Html.esc(check.path("name").asText(check.path("id").asText(""))))
                    .append("</td><td class=\"").append(Html.statusClass(st)).append("\">").append(Html.esc(st))
                    .append("</td><td>");
            List<String> reasons = Aggregator.texts(check.path("reasons"));
            for (int n = 0; n < reasons.size(); n++) {
                b.append(n > 0 ? "<br>" : "").append(Html.esc(reasons.get(n)));
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table>\n");
    }

    private static void dvh(StringBuilder b, CourseDir c) throws IOException {
        b.append("<h2>Dose–volume histograms</h2>\n");
        JsonNode curvesJson = c.json(c.layout().dvhCurves());
        List<DvhCurves.Curve> curves = DvhCurves.parse(curvesJson);
        if (curves.isEmpty()) {
            b.append("<p class=\"na\">DVH curves not available (dvh stage not run or no dvh/dvh_curves.json).</p>\n");
        } else {
            b.append("<div><button type=\"button\" id=\"dvh-all\">all</button> ")
                    .append("<button type=\"button\" id=\"dvh-none\">none</button></div>\n")
                    .append("<div id=\"dvh-toggles\"></div>\n<div id=\"dvh-plot\"></div>\n<div id=\"dvh-readout\"></div>\n")
                    .append("<script type=\"application/json\" id=\"dvh-data\">")
                    .append(Html.scriptSafe(DvhCurves.toJson(curves))).append("</script>\n");
        }
        Path metrics = c.layout().dvhMetrics();
        if (Files.isRegularFile(metrics)) {
            b.append("<h3>DVH metrics</h3>\n");
            table(b, Csv.read(metrics), List.of("patient_id", "course_id"), null, "dvh-metrics");
        } else {
            b.append("<p class=\"na\">DVH metrics not available (no dvh/dvh_metrics.csv).</p>\n");
        }
    }

    private static void slices(StringBuilder b, Images images) {
        b.append("<h2>Images and contours</h2>\n");
        if (images.slices().isEmpty()) {
            b.append("<p class=\"na\">").append(Html.esc(images.note() == null ? "No images." : images.note()))
                    .append("</p>\n");
            return;
        }
        if (images.note() != null) {
            b.append("<p class=\"muted\">").append(Html.esc(images.note())).append("</p>\n");
        }
        b.append("<div class=\"slices\">");
        for (Slice s : images.slices()) {
            b.append("<figure><img alt=\"").append(Html.esc(s.title())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(s.png())).append("\"><figcaption>")
                    .append(Html.esc(s.title())).append("</figcaption></figure>");
        }
        b.append("</div>\n<p>");
        for (Legend l : images.legend()) {
            b.append("<span class=\"swatch\" style=\"background:").append(hex(l.color())).append("\"></span>")
                    .append(Html.esc(l.name())).append(" <span class=\"muted\">[").append(Html.esc(l.source()))
                    .append("]</span> &nbsp; ");
        }
        b.append("</p>\n");
    }

    private static void radiomics(StringBuilder b, CourseDir c) throws IOException {
        b.append("<h2>Radiomics</h2>\n");
        Path f = c.layout().radiomics();
        if (!Files.isRegularFile(f)) {
            b.append("<p class=\"na\">Radiomics not run (no radiomics/radiomics.csv).</p>\n");
        } else {
            Csv.Table t = Csv.read(f);
            long features = t.header().stream().filter(h -> h.startsWith("original_") || h.startsWith("log-sigma")
                    || h.startsWith("wavelet")).count();
            b.append("<p>").append(t.rows().size()).append(" ROI row(s), ").append(features)
                    .append(" feature column(s). Key features:</p>\n");
            List<String> keep = new ArrayList<>();
            for (String h : t.header()) {
                String l = h.toLowerCase(Locale.ROOT);
                if (l.equals("source") || l.contains("roi_name") || l.equals("segmentation_source")
                        || l.equals("modality")) {
                    keep.add(h);
                }
            }
            RADIOMICS_KEY_FEATURES.stream().filter(t.header()::contains).forEach(keep::add);
            table(b, t, null, keep, "radiomics");
        }
        Path r = c.layout().robustness();
        if (Files.isRegularFile(r)) {
            Csv.Table t = Csv.read(r);
            b.append("<h3>Feature robustness</h3>\n");
            int col = -1;
            for (String name : List.of("robustness_label", "label", "class", "robustness")) {
                col = t.column(name);
                if (col >= 0) {
                    break;
                }
            }
            if (col >= 0) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (List<String> row : t.rows()) {
                    counts.merge(row.get(col), 1, Integer::sum);
                }
                b.append("<table><thead><tr><th>robustness</th><th>rows</th></tr></thead><tbody>");
                counts.forEach((k, v) -> b.append("<tr><td>").append(Html.esc(k)).append("</td><td class=\"num\">")
                        .append(v).append("</td></tr>"));
                b.append("</tbody></table>\n");
            } else {
                b.append("<p>").append(t.rows().size()).append(" row(s) in radiomics/robustness.csv.</p>\n");
            }
        }
    }

    /** A CSV as an HTML table: all columns but {@code drop}, or only {@code keep}; numbers right-aligned, 3 s.f. */
    private static void table(StringBuilder b, Csv.Table t, List<String> drop, List<String> keep, String id) {
        List<Integer> cols = new ArrayList<>();
        for (int n = 0; n < t.header().size(); n++) {
            String h = t.header().get(n);
            if ((drop == null || !drop.contains(h)) && (keep == null || keep.contains(h))) {
                cols.add(n);
            }
        }
        b.append("<div class=\"scroll\"><table id=\"").append(id).append("\"><thead><tr>");
        cols.forEach(n -> b.append("<th>").append(Html.esc(t.header().get(n))).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        int shown = 0;
        for (List<String> row : t.rows()) {
            if (shown++ >= MAX_TABLE_ROWS) {
                break;
            }
            b.append("<tr>");
            for (int n : cols) {
                String v = row.get(n);
                Double d = Cells.isTextColumn(t.header().get(n)) ? null : Cells.number(v);
                if (d != null) {
                    b.append("<td class=\"num\">").append(fmt(d)).append("</td>");
                } else {
                    b.append("<td>").append(Html.esc(v)).append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        if (t.rows().size() > MAX_TABLE_ROWS) {
            b.append("<p class=\"muted\">").append(t.rows().size() - MAX_TABLE_ROWS)
                    .append(" more row(s) in the CSV.</p>\n");
        }
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return Long.toString((long) d);
        }
        double a = Math.abs(d);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.3g", d);
        }
        return String.format(Locale.ROOT, "%.3e", d);
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String script() throws IOException {
        try (InputStream in = ReportPage.class.getResourceAsStream("dvh-plot.js")) {
            if (in == null) {
                throw new IOException("rt.report bundle lacks rt/report/internal/dvh-plot.js");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</", "<\\/");
        }
    }

}
