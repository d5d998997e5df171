package rt.report.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields, doubled quotes, CR/LF line ends, an optional UTF-8 BOM. */
final class Csv {

    private Csv() {
    }

    /** A table read from a file: the header and the data rows (each padded/truncated to the header width). */
    record Table(List<String> header, List<List<String>> rows) {

        int column(String name) {
            return header.indexOf(name);
        }
    }

    static Table read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records;
        try {
            records = parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new IOException(file + ": empty CSV (no header)");
        }
        List<String> header = records.get(0);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                continue;
            }
            List<String> row = new ArrayList<>(header.size());
            for (int c = 0; c < header.size(); c++) {
                row.add(c < rec.size() ? rec.get(c) : "");
            }
            rows.add(row);
        }
        return new Table(List.copyOf(header), rows);
    }

    static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        int n = text.length();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        while (i < n) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(ch);
                }
                i++;
                continue;
            }
            if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\r' || ch == '\n') {
                record.add(field.toString());
                field.setLength(0);
                out.add(record);
                record = new ArrayList<>();
                any = false;
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                field.append(ch);
                any = true;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (any || field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }

    /**
     * One CSV cell. Text that a spreadsheet would run as a formula (a patient id like {@code =HYPERLINK(…)}: a cell
     * starting with = + - @, tab or CR that is not a number) gets a leading apostrophe, which spreadsheets show as
     * text (OWASP's CSV-injection advice); NUL, which breaks readers, becomes U+FFFD. Idempotent: an escaped cell
     * starts with an apostrophe and is left alone when the aggregate copies it again.
     */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        value = neutralise(value);
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** The formula guard of {@link #escape}, without the CSV quoting. */
    static String neutralise(String value) {
        return rt.course.Csv.neutralise(value);
    }

    static void write(Writer w, List<String> header, List<List<String>> rows) throws IOException {
        writeRecord(w, header);
        for (List<String> row : rows) {
            writeRecord(w, row);
        }
    }

    /** One record (a row without header), CRLF-terminated. */
    static void writeRecord(Writer w, List<String> values) throws IOException {
        for (int c = 0; c < values.size(); c++) {
            if (c > 0) {
                w.write(',');
            }
            w.write(escape(values.get(c)));
        }
        w.write("\r\n");
    }
}
