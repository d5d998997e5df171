package rt.api;

/** One line of a stage's self-check for rt:doctor. A {@link Level#PROBLEM} makes doctor exit non-zero. */
public record HealthCheck(String name, Level level, String detail) {

    public enum Level {
        OK,
        WARNING,
        PROBLEM
    }

    public static HealthCheck ok(String name, String detail) {
        return new HealthCheck(name, Level.OK, detail);
    }

    public static HealthCheck warning(String name, String detail) {
        return new HealthCheck(name, Level.WARNING, detail);
    }

    public static HealthCheck problem(String name, String detail) {
        return new HealthCheck(name, Level.PROBLEM, detail);
    }
}
