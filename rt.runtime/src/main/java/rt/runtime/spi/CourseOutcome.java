package rt.runtime.spi;

/**
 * How one (course, stage) task of a course ended, as a member reports it to the runtime that started the run.
 *
 * @param status  a {@link rt.api.StageResult.Status} name
 * @param resumed the state on disk was current, so the stage did not run
 * @param blocked not run because a prerequisite did not end ok
 */
public record CourseOutcome(String course, String stage, String status, String reason, boolean resumed,
        boolean blocked) {

    /** One line, tab-separated, for passing between members (reasons are one line already). */
    public String encode() {
        return String.join("\t", course, stage, status, reason == null ? "" : reason.replace('\t', ' ')
                .replace('\n', ' '), String.valueOf(resumed), String.valueOf(blocked));
    }

    public static CourseOutcome decode(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("not a course outcome: " + line);
        }
        return new CourseOutcome(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3], Boolean.parseBoolean(f[4]),
                Boolean.parseBoolean(f[5]));
    }
}
