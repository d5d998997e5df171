package rt.api;

/**
 * Exit codes shared by every command, in Gogo and headless. A command reports a non-zero code by putting it in the
 * Gogo session variable {@link #SESSION_VARIABLE}, or by throwing: {@link IllegalArgumentException} means usage or
 * configuration error (2), anything else a failure (1).
 */
public final class CommandExit {

    public static final String SESSION_VARIABLE = "rt.exit";
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int USAGE = 2;

    private CommandExit() {
    }
}
