package rt.runtime.internal.deploy;

import java.util.Collection;
import java.util.Map;

/**
 * Whether a bundle carries code, from its manifest headers and entry names only (nothing of it is loaded). Model
 * bundles are data (a {@code model.yaml} and ONNX files); anything that the framework or an extender would execute
 * is code: an activator, DS components, native libraries, classes or nested jars, or a fragment (which would add its
 * classes and resources to another, trusted bundle).
 */
public final class CodeScan {

    private static final String[] CODE_HEADERS = {"Bundle-Activator", "Extension-Bundle-Activator",
        "Service-Component", "Bundle-NativeCode", "Fragment-Host"};

    private CodeScan() {
    }

    /** Why the bundle carries code (one short reason), or null when it is data only. */
    public static String codeIn(Map<String, String> headers, Collection<String> entries) {
        for (String h : CODE_HEADERS) {
            String v = headers.get(h);
            if (v != null && !v.isBlank()) {
                return "manifest header " + h + ": " + abbreviate(v);
            }
        }
        for (String e : entries) {
            String lower = e.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".class") || lower.endsWith(".jar") || lower.endsWith(".so")
                    || lower.endsWith(".dll") || lower.endsWith(".dylib") || lower.endsWith(".jnilib")) {
                return "contains " + e;
            }
            if (lower.startsWith("osgi-inf/blueprint/") && lower.endsWith(".xml")) {
                return "contains " + e + " (Blueprint components)";
            }
        }
        return null;
    }

    private static String abbreviate(String v) {
        String one = v.replaceAll("\\s+", " ").trim();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }
}
