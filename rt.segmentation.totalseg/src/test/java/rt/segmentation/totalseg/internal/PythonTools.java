package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the module's Python tools with Debian's /usr/bin/python3 (torch, onnx, nibabel, scikit-image). */
final class PythonTools {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path TOOLS = Path.of("tools");

    private PythonTools() {
    }

    /** Skips the test (with a message) when python3 or one of the modules is missing. */
    static void assumeAvailable() throws Exception {
        assumeModules("torch, onnx, nibabel, skimage, scipy, yaml");
    }

    /** Skips the test (with a message; fails under CI=true) unless python3 can import {@code modules}. */
    static void assumeModules(String modules) throws Exception {
        String why = null;
        if (!Files.isExecutable(PYTHON)) {
            why = PYTHON + " not found";
        } else {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + modules).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                why = "python3 modules missing (" + modules + "; Debian python3-torch python3-onnx python3-nibabel "
                        + "python3-skimage): "
                        + out.lines().reduce((a, b) -> b).orElse("");
            }
        }
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            System.out.println("[SKIP] " + why);
            Assumptions.abort(why);
        }
    }

    /** Runs a tool script; returns its output; fails with the output when it exits non-zero. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), TOOLS.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
