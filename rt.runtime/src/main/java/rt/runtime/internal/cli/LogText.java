package rt.runtime.internal.cli;

/**
 * Makes any text safe for one line of run.log, the console or a status table: ids and reasons come from DICOM
 * (a Patient ID may hold a newline or NUL) and must not split or cut a line. Control characters become visible
 * escapes ({@code \n}, {@code \r}, {@code \t}, {@code \0}, {@code \x1B}); everything else is kept.
 */
public final class LogText {

    private LogText() {
    }

    public static String oneLine(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (!control) {
                    sb.append(c);
                } else {
                    switch (c) {
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\t' -> sb.append("\\t");
                        case '\0' -> sb.append("\\0");
                        default -> sb.append(String.format("\\x%02X", (int) c));
                    }
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
