package rt.runtime.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import rt.api.course.Course;
import rt.course.CohortFolder;
import rt.course.CohortManifest;

/** The run's course list in {@code OUT/cohort/manifest.json}, in the course contract's format ({@link CohortManifest}). */
public final class Manifest {

    private Manifest() {
    }

    public static Path file(Path outputRoot) {
        return CohortFolder.of(outputRoot).manifest();
    }

    public static void write(Path outputRoot, List<Course> courses) throws IOException {
        CohortManifest.write(CohortFolder.of(outputRoot), courses);
    }

    /** The courses recorded by an earlier run; empty when there is no manifest. */
    public static List<Course> read(Path outputRoot) throws IOException {
        return CohortManifest.read(CohortFolder.of(outputRoot));
    }
}
