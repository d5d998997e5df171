package rt.report.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which CSV values become numeric spreadsheet cells. */
final class Cells {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Cells() {
    }

    /** Identifier-like columns stay text even when their values look numeric (patient "0012", UIDs, labels). */
    static boolean isTextColumn(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return c.endsWith("_id") || c.equals("id") || c.contains("uid") || c.contains("name") || c.equals("source")
                || c.contains("path") || c.equals("folder") || c.equals("status") || c.equals("site")
                || c.startsWith("diagnostics_") || isDateOrLabel(c);
    }

    /** DICOM dates (YYYYMMDD), times (HHMMSS), ages (065Y) and plan labels read as numbers but are not quantities. */
    private static boolean isDateOrLabel(String c) {
        return c.equals("date") || c.endsWith("_date") || c.equals("time") || c.endsWith("_time")
                || c.endsWith("_time_end") || c.equals("label") || c.endsWith("_labels") || c.equals("course_start")
                || c.equals("course_end") || c.equals("patient_age");
    }

    /** The number in {@code value}, or {@code null} when it is not a finite decimal number. */
    static Double number(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty() || v.length() > 40 || !NUMBER.matcher(v).matches()) {
            return null;
        }
        double d = Double.parseDouble(v);
        return Double.isFinite(d) ? d : null;
    }
}
