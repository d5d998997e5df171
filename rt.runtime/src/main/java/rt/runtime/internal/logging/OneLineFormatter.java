package rt.runtime.internal.logging;

import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import rt.runtime.internal.cli.LogText;

/**
 * One line per record: {@code WARN [poi SXSSFWorkbook] Failed to dispose sheet (IOException: Stream closed)}. The
 * logger's last name part says which library spoke; a thrown exception adds its class and message, not its trace.
 */
public final class OneLineFormatter extends Formatter {

    @Override
    public String format(LogRecord r) {
        String logger = r.getLoggerName() == null ? "library" : r.getLoggerName();
        String[] parts = logger.split("\\.");
        String source = source(parts);
        StringBuilder sb = new StringBuilder(level(r.getLevel())).append(" [").append(source).append("] ")
                .append(formatMessage(r));
        if (r.getThrown() != null) {
            Throwable t = r.getThrown();
            sb.append(" (").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            sb.append(')');
        }
        return LogText.oneLine(sb.toString()) + System.lineSeparator();
    }

    /** {@code org.apache.poi.x.SXSSFWorkbook} → {@code poi SXSSFWorkbook}: the project, then the class. */
    private static String source(String[] parts) {
        String last = parts[parts.length - 1];
        int project = parts.length > 2 && parts[0].matches("org|com|net|io|ai") ? 1 : 0;
        if (parts.length > project + 2 && parts[project].matches("apache|eclipse|google|fasterxml")) {
            project++;
        }
        return project > 0 && project < parts.length - 1 ? parts[project] + " " + last : last;
    }

    private static String level(Level l) {
        int v = l.intValue();
        return v >= Level.SEVERE.intValue() ? "ERROR" : v >= Level.WARNING.intValue() ? "WARN"
                : v >= Level.INFO.intValue() ? "INFO" : "DEBUG";
    }
}
