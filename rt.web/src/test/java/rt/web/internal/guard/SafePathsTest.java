package rt.web.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class SafePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../../x", "a/..", "/etc/passwd", "C:/x", "c:x", "a\\..\\b", "%2e%2e/x",
            "a%2fb", "\uff0e\uff0e/x", "a\uff0fb", "a\u2215b", "\u2024\u2024/x", "a\u0000b", "a\nb", "a//b", "./a",
            "a/./b", "con", "dir/NUL.txt", "LPT1.dcm", "a:b", "x.", "x ", "", "/"})
    void hostileNamesAreRefused(String name) {
        assertNotNull(SafePaths.problem(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.dcm", "PAT01/2024-03/CT/1.2.3.dcm", "folder/", "name with spaces.dcm", "ümlaut.dcm",
            "console.log", "a..b.txt"})
    void ordinaryNamesPass(String name) {
        assertNull(SafePaths.problem(name), name);
    }

    @Test
    void resolveStaysInsideAndRefusesLinksThatLeadOut(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        assertEquals(root.resolve("a/b.txt"), SafePaths.resolve(root, "a/b.txt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafePaths.resolve(root, "escape/secret.txt"));
        assertEquals("'escape/secret.txt': path leads out through a link", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SafePaths.resolve(root, "../outside/x"));
    }
}
