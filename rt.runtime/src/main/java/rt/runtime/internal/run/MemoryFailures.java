package rt.runtime.internal.run;

import java.util.Locale;

/** Recognises out-of-memory failures, which are retried with less concurrency rather than reported at once. */
final class MemoryFailures {

    private MemoryFailures() {
    }

    static boolean isMemoryFailure(Throwable t, String reason) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError || isMemoryText(c.getMessage())) {
                return true;
            }
        }
        return isMemoryText(reason);
    }

    static boolean isMemoryText(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("cuda out of memory") || t.contains("cannot allocate") || t.contains("outofmemoryerror");
    }

    /** One line for the failure table: the exception type (unless it is obvious) and its message. */
    static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        String type = root.getClass().getSimpleName();
        String line = msg == null ? type : (root instanceof RuntimeException && !(root instanceof IllegalStateException)
                && !(root instanceof IllegalArgumentException) ? type + ": " + msg : msg);
        if (root instanceof OutOfMemoryError) {
            line = "OutOfMemoryError: " + (msg == null ? "" : msg);
        }
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }
}
