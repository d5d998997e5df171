package rt.runtime.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class CodeScanTest {

    private static final Map<String, String> MODEL = Map.of("Bundle-SymbolicName", "m", "RT-Model",
            "model/model.yaml");
    private static final List<String> MODEL_FILES = List.of("META-INF/", "META-INF/MANIFEST.MF", "model/",
            "model/model.yaml", "model/fold_0.onnx", "META-INF/maven/rt/m/pom.xml");

    @Test
    void aModelBundleIsData() {
        assertNull(CodeScan.codeIn(MODEL, MODEL_FILES));
    }

    @Test
    void eachWayOfCarryingCodeIsNamed() {
        for (String h : List.of("Bundle-Activator", "Service-Component", "Bundle-NativeCode", "Fragment-Host")) {
            Map<String, String> headers = new java.util.HashMap<>(MODEL);
            headers.put(h, "x.Y");
            assertEquals("manifest header " + h + ": x.Y", CodeScan.codeIn(headers, MODEL_FILES));
        }
        for (String f : List.of("x/Y.class", "lib/inner.jar", "native/libx.so", "x.DLL")) {
            List<String> files = new java.util.ArrayList<>(MODEL_FILES);
            files.add(f);
            assertEquals("contains " + f, CodeScan.codeIn(MODEL, files));
        }
    }
}
