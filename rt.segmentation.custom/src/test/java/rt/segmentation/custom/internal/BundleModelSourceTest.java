package rt.segmentation.custom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class BundleModelSourceTest {

    @TempDir
    Path root;

    /** A bundle whose entries are the files under {@code root}. */
    private Bundle bundle() {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getEntry" -> {
                        Path f = root.resolve((String) a[0]);
                        yield Files.isRegularFile(f) ? f.toUri().toURL() : null;
                    }
                    case "getBundleId" -> 42L;
                    case "getSymbolicName" -> "rt.model.demo";
                    case "getVersion" -> new Version(1, 2, 3);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void resolvesFilesRelativeToTheHeadersFolder() throws IOException {
        Files.createDirectories(root.resolve("model"));
        Files.writeString(root.resolve("model/model.yaml"), "name: demo\n");
        Files.writeString(root.resolve("model/a.onnx"), "x");
        BundleModelSource s = new BundleModelSource(bundle(), " /model/model.yaml ");
        assertEquals("model.yaml", s.descriptorPath());
        assertEquals("name: demo\n", new String(s.read(s.descriptorPath()), StandardCharsets.UTF_8));
        assertEquals("x", new String(s.read("a.onnx"), StandardCharsets.UTF_8));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> s.open("b.onnx"));
        assertTrue(e.getMessage().contains("bundle 42 rt.model.demo 1.2.3:/model/b.onnx"), e.getMessage());
        assertThrows(IOException.class, () -> s.open("../secret"));
    }

    @Test
    void headerAtTheBundleRoot() throws IOException {
        Files.writeString(root.resolve("m.yaml"), "name: demo\n");
        BundleModelSource s = new BundleModelSource(bundle(), "m.yaml");
        assertEquals("m.yaml", s.descriptorPath());
        assertEquals("name: demo\n", new String(s.read("m.yaml"), StandardCharsets.UTF_8));
    }
}
