package rt.itests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rt.course.Csv;

/** The tables a user reads, through the course contract's CSV reader, and lookups with messages that name the file. */
final class Tables {

    private Tables() {
    }

    static List<Map<String, String>> read(Path csv) throws IOException {
        return Csv.read(csv);
    }

    /** The row of an ROI of a source, or an assertion error naming what is there. */
    static Map<String, String> row(List<Map<String, String>> rows, String source, String roi, Path file) {
        return rows.stream().filter(r -> source.equals(r.get("source")) && roi.equals(r.get("roi_name"))).findFirst()
                .orElseThrow(() -> new AssertionError(file + ": no row for " + source + "/" + roi + " in "
                        + rows.stream().map(r -> r.get("source") + "/" + r.get("roi_name")).toList()));
    }

    static double number(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isEmpty()) {
            throw new AssertionError("no value in column " + column + " of " + row.get("source") + "/"
                    + row.get("roi_name"));
        }
        return Double.parseDouble(v);
    }
}
