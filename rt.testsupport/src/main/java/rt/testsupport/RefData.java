package rt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the third-party reference data ({@code ../shared/refdata}, or {@code $RT_REFDATA}). Where it is absent a
 * test is skipped with a visible message; under {@code CI=true} absence is a failure, so the checks can never stop
 * running silently.
 */
public final class RefData {

    private RefData() {
    }

    /** The reference data root, or a skipped/failed test when absent. */
    public static Path root() {
        String configured = System.getenv("RT_REFDATA");
        Path root = configured != null && !configured.isBlank() ? Paths.get(configured)
                : Paths.get("..", "shared", "refdata");
        if (!Files.isDirectory(root)) {
            // Surefire runs in the module folder: try one level further up as well.
            Path up = Paths.get("..", "..", "shared", "refdata");
            if (configured == null && Files.isDirectory(up)) {
                return up.toAbsolutePath().normalize();
            }
            String message = "reference data not found at " + root.toAbsolutePath() + " (set RT_REFDATA)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            System.out.println("[SKIP] " + message);
            Assumptions.abort(message);
        }
        return root.toAbsolutePath().normalize();
    }

    /** A file or folder under the reference data root. */
    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String message = "reference data entry missing: " + p;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return p;
    }
}
