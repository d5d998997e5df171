package rt.runtime.internal;

/** Builds a Gogo command line from raw arguments so that spaces, quotes and {@code $} reach the command unchanged. */
final class GogoQuoting {

    private GogoQuoting() {
    }

    static String commandLine(String command, String... args) {
        StringBuilder sb = new StringBuilder(command);
        for (String a : args) {
            sb.append(' ').append(quote(a));
        }
        return sb.toString();
    }

    /** Bare when harmless; else single quotes (no expansion in Gogo); else double quotes with escapes. */
    static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=,@%+-]+") && !arg.startsWith("-") || arg.matches("--?[A-Za-z][A-Za-z0-9-]*")) {
            return arg;
        }
        if (!arg.contains("'")) {
            return "'" + arg + "'";
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }
}
