package rt.radiomics.internal.stage;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
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
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Text a spreadsheet would run as a formula (a cell starting with = + - @, tab or CR that is not a number, e.g. a
     * patient id {@code =HYPERLINK(…)}) gets a leading apostrophe; NUL becomes U+FFFD. The same rule as rt.report's
     * Csv (stage bundles share no code).
     */
    static String neutralise(String s) {
        String v = s.indexOf('\0') >= 0 ? s.replace('\0', '\uFFFD') : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !NUMBER.matcher(v).matches()) {
            return "'" + v;
        }
        return v;
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(Infinity|NaN)");

    static String cell(String raw) {
        String s = neutralise(raw);
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** The cells of one CSV line as written by {@link #write} (double-quoted cells with "" escapes). */
    public static List<String> parseLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
