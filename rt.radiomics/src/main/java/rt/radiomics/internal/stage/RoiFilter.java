package rt.radiomics.internal.stage;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Upstream's ROI skip rule: names compared after removing everything but letters and digits, case-insensitive. */
public final class RoiFilter {

    /** Upstream's built-in skip list (couch, table, support, bones, m1, m2). */
    public static final Set<String> DEFAULT_SKIP = Set.of("couchsurface", "couchinterior", "couchexterior", "bones",
            "m1", "m2", "table", "support");

    private final Set<String> skip = new TreeSet<>();

    public RoiFilter(Collection<String> extra) {
        skip.addAll(DEFAULT_SKIP);
        for (String s : extra) {
            skip.add(normalise(s));
        }
    }

    public static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    public boolean skipped(String roiName) {
        return skip.contains(normalise(roiName));
    }

    /** BODY-like ROIs get the reduced extractor. */
    public static boolean isBody(String roiName) {
        String n = normalise(roiName);
        return n.equals("body") || n.equals("external") || n.equals("outline") || n.equals("skin");
    }
}
