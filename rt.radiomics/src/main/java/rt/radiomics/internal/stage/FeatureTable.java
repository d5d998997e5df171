package rt.radiomics.internal.stage;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rt.course.AtomicFiles;

/** Rows of (column → value) written as one CSV; the header is the union of columns in order of first appearance. */
public final class FeatureTable {

    private FeatureTable() {
    }

    public static void write(Path file, List<? extends Map<String, ?>> rows) throws IOException {
        Set<String> cols = new LinkedHashSet<>();
        for (Map<String, ?> r : rows) {
            cols.addAll(r.keySet());
        }
        List<String> header = new ArrayList<>(cols);
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", header.stream().map(FeatureTable::cell).toList()));
            w.write('\n');
            for (Map<String, ?> r : rows) {
                List<String> cells = new ArrayList<>();
                for (String c : header) {
                    Object v = r.get(c);
                    cells.add(v == null ? "" : cell(v.toString()));
                }
                w.write(String.join(",", cells));
                w.write('\n');
            }
            w.flush();
        });
    }

    static String cell(String s) {
        return rt.course.Csv.cell(s);
    }

    /** The cells of one CSV line as written by {@link #write} (double-quoted cells with "" escapes). */
    public static List<String> parseLine(String line) {
        return rt.course.Csv.split(line);
    }
}
