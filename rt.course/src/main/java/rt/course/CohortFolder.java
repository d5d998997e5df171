package rt.course;

import java.nio.file.Path;

/** {@code OUT/cohort/}: the course manifest, the cohort tables, the run log and the effective configuration. */
public record CohortFolder(Path dir) {

    public static final String NAME = "cohort";

    public static CohortFolder of(Path outputRoot) {
        return new CohortFolder(outputRoot.resolve(NAME));
    }

    /** {@code {"courses":[...]}}: every course the opening cohort stages published. */
    public Path manifest() {
        return dir.resolve("manifest.json");
    }

    public Path results() {
        return dir.resolve("results.xlsx");
    }

    /** The CSV twin of one sheet of results.xlsx, e.g. {@code DVH} → {@code dvh.csv}. */
    public Path csv(String sheet) {
        return dir.resolve(sheet.toLowerCase(java.util.Locale.ROOT) + ".csv");
    }

    public Path index() {
        return dir.resolve("index.html");
    }

    public Path runLog() {
        return dir.resolve("run.log");
    }

    public Path effectiveConfig() {
        return dir.resolve("effective-config.yaml");
    }

    public Path stateDir() {
        return dir.resolve(".state");
    }
}
