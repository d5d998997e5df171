package rt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Optional external test data: public files that are not in {@code ../shared/refdata} and may not be committed
 * (layout and sources: {@code docs/external-test-data.md}). Root: {@code $RT_EXTDATA}, set by the build to
 * {@code ../extdata} next to the checkout unless given. Absent data skips the test with a visible message, also under
 * CI, because no clean machine has it.
 */
public final class ExtData {

    private ExtData() {
    }

    /** A file or folder under the external data root, or a skipped test when it is not there. */
    public static Path resolve(String relative) {
        String configured = System.getenv("RT_EXTDATA");
        Path root = configured != null && !configured.isBlank() ? Paths.get(configured)
                : Paths.get("..", "..", "extdata");
        Path p = root.resolve(relative).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            String message = "external test data not found: " + p + " (docs/external-test-data.md; set RT_EXTDATA)";
            System.out.println("[SKIP] " + message);
            Assumptions.abort(message);
        }
        return p;
    }
}
