package rt.dicom.rt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Decodes files with the reference decoder (pydicom + GDCM, {@code tools/decode_reference.py}); skipped with a
 * message where Python, pydicom or GDCM is missing (Debian python3-pydicom, python3-gdcm; in tools/ci-packages.txt).
 */
final class ReferenceDecoder {

    /** The stored values of one file as the reference decoded them, or why it could not. */
    record Decoded(long[] values, String error) {
    }

    private ReferenceDecoder() {
    }

    static Map<Path, Decoded> decode(List<Path> files, Path work) throws IOException, InterruptedException {
        requireTool("/usr/bin/python3", "python3");
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import pydicom, gdcm, numpy")
                .redirectErrorStream(true).start();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            skip("pydicom/gdcm/numpy not importable (Debian python3-pydicom python3-gdcm python3-numpy)");
        }
        Path out = Files.createTempDirectory(work, "ref");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", Path.of("tools/decode_reference.py")
                .toAbsolutePath().toString(), out.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        p.waitFor(300, TimeUnit.SECONDS);
        Map<Path, Decoded> result = new HashMap<>();
        for (String line : text.lines().toList()) {
            String[] parts = line.split(" ", 3);
            int i = Integer.parseInt(parts[0]);
            if ("ok".equals(parts[1])) {
                ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out.resolve(i + ".raw")))
                        .order(ByteOrder.LITTLE_ENDIAN);
                long[] v = new long[b.remaining() / 8];
                b.asLongBuffer().get(v);
                result.put(files.get(i), new Decoded(v, null));
            } else {
                result.put(files.get(i), new Decoded(null, parts.length > 2 ? parts[2] : "error"));
            }
        }
        return result;
    }

    static void requireTool(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            skip(path + " not installed (Debian " + debianPackage + ")");
        }
    }

    /** Under CI the tools are installed from tools/ci-packages.txt, so a missing one is a failure there. */
    static void skip(String message) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.out.println("[SKIP] " + message);
        Assumptions.abort(message);
    }
}
