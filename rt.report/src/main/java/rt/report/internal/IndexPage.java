package rt.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import rt.course.AtomicFiles;
import rt.course.CohortFolder;

/** {@code OUT/cohort/index.html}: one row per course with its stage states, QC verdict and a link to its report. */
final class IndexPage {

    private IndexPage() {
    }

    static String render(List<CourseDir> courses, Aggregator.Summary summary, String generated) {
        List<Map<String, String>> states = courses.stream().map(CourseDir::stageStates).toList();
        TreeSet<String> stages = new TreeSet<>();
        states.forEach(st -> stages.addAll(st.keySet()));
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>RT cohort</title>\n<style>")
                .append(Html.BASE_CSS).append("</style></head><body>\n<h1>RT cohort: ").append(courses.size())
                .append(" course(s)</h1>\n<p class=\"muted\">Generated ").append(Html.esc(generated))
                .append(". Tables: <a href=\"results.xlsx\">results.xlsx</a>");
        for (String s : Aggregator.SHEETS) {
            String f = s.toLowerCase(java.util.Locale.ROOT) + ".csv";
            b.append(" · <a href=\"").append(f).append("\">").append(f).append("</a>");
            if (summary != null && summary.rows().containsKey(s)) {
                b.append(" (").append(summary.rows().get(s)).append(" rows)");
            }
        }
        b.append("</p>\n<table><thead><tr><th>patient</th><th>course</th><th>site</th><th>QC</th><th>report</th>");
        for (String s : stages) {
            b.append("<th>").append(Html.esc(s)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (int n = 0; n < courses.size(); n++) {
            CourseDir c = courses.get(n);
            JsonNode qc = c.json(c.layout().qc());
            String overall = qc == null ? "not run" : qc.path("overall").asText("?");
            String site = c.course() != null && c.course().site() != null ? c.course().site() : "";
            b.append("<tr><td>").append(Html.esc(c.patientId())).append("</td><td>").append(Html.esc(c.courseId()))
                    .append("</td><td>").append(Html.esc(site)).append("</td><td class=\"")
                    .append(Html.statusClass(overall)).append("\">").append(Html.esc(overall)).append("</td><td>");
            if (Files.isRegularFile(c.layout().report())) {
                b.append("<a href=\"../").append(Html.esc(encodePath(c.folder()))).append("/report.html\">report</a>");
            } else {
                b.append("<span class=\"muted\">none</span>");
            }
            b.append("</td>");
            Map<String, String> st = states.get(n);
            for (String s : stages) {
                String v = st.get(s);
                b.append("<td class=\"").append(Html.statusClass(v)).append("\">").append(Html.esc(v == null ? "–" : v))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
        if (summary != null && !summary.problems().isEmpty()) {
            b.append("<h2>Problems</h2><ul>");
            for (String p : summary.problems()) {
                b.append("<li>").append(Html.esc(p)).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    /** Percent-encodes each path segment for an href (ids are sanitised, but may hold spaces or '#'). */
    static String encodePath(String folder) {
        StringBuilder b = new StringBuilder();
        for (String seg : folder.split("/")) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(java.net.URLEncoder.encode(seg, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    static void write(Path cohortDir, List<CourseDir> courses, Aggregator.Summary summary, String generated)
            throws IOException {
        AtomicFiles.writeString(new CohortFolder(cohortDir).index(), render(courses, summary, generated));
    }
}
