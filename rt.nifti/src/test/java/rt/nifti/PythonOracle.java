package rt.nifti;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a script with Debian's /usr/bin/python3 (nibabel, numpy); skips the test when unavailable. */
final class PythonOracle {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonOracle() {
    }

    static String run(String script, String... modules) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            skip("oracle /usr/bin/python3 not installed");
        }
        for (String m : modules) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + m).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                skip("oracle python module " + m + " not installed");
            }
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python oracle failed: " + out);
        }
        return out.trim();
    }

    /** Whitespace-separated numbers of the output. */
    static double[] numbers(String out) {
        String[] t = out.trim().split("[\\s,\\[\\]]+");
        return java.util.Arrays.stream(t).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    }

    private static void skip(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.out.println("[SKIP] " + message);
        Assumptions.abort(message);
    }
}
