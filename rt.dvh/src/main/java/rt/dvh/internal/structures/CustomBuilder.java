package rt.dvh.internal.structures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.api.image.Mask;
import rt.imaging.Margins;
import rt.imaging.Masks;

/**
 * Evaluates custom structure definitions in order over masks of one voxel lattice; every result becomes a source for
 * later entries. Missing sources: a union goes on with what exists and is named {@code <name>__partial}; the other
 * operations are skipped with a reason.
 */
public final class CustomBuilder {

    /** What became of one definition: a mask (possibly partial) or a reason it was skipped. */
    public record Outcome(CustomSpec spec, String roiName, Mask mask, List<String> missing, String skipped) {
        public boolean built() {
            return mask != null;
        }
    }

    private final Map<String, Mask> byName = new LinkedHashMap<>();
    private final Map<String, String> byKey = new LinkedHashMap<>();

    /** @param sources named masks (manual and automatic ROIs), all crops of one parent grid */
    public CustomBuilder(Map<String, Mask> sources) {
        sources.forEach(this::put);
    }

    private void put(String name, Mask m) {
        byName.put(name, m);
        byKey.putIfAbsent(key(name), name);
    }

    /** Exact name first, then the lower-case alphanumeric form ("Iliac Artery-L" = "iliacarteryl"). */
    Mask find(String name) {
        Mask m = byName.get(name);
        if (m != null) {
            return m;
        }
        String exact = byKey.get(key(name));
        return exact == null ? null : byName.get(exact);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    public List<Outcome> build(List<CustomSpec> specs) {
        List<Outcome> out = new ArrayList<>();
        for (CustomSpec s : specs) {
            List<Mask> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String src : s.sources()) {
                Mask m = find(src);
                if (m == null) {
                    missing.add(src);
                } else {
                    found.add(m);
                }
            }
            if (found.isEmpty()) {
                out.add(new Outcome(s, s.name(), null, missing, "no source structure found: " + missing));
                continue;
            }
            if (!missing.isEmpty() && s.operation() != CustomSpec.Operation.UNION) {
                out.add(new Outcome(s, s.name(), null, missing, s.operation().name().toLowerCase(Locale.ROOT)
                        + " needs every source; missing: " + missing));
                continue;
            }
            Mask m = combine(s.operation(), found);
            if (s.grow() != null) {
                m = Margins.expand(m, s.grow());
            }
            if (s.shrink() != null) {
                m = Margins.shrink(m, s.shrink());
            }
            String roiName = missing.isEmpty() ? s.name() : s.name() + "__partial";
            put(s.name(), m);
            if (!roiName.equals(s.name())) {
                put(roiName, m);
            }
            out.add(new Outcome(s, roiName, m, missing, null));
        }
        return out;
    }

    static Mask combine(CustomSpec.Operation op, List<Mask> masks) {
        Mask acc = masks.get(0);
        switch (op) {
            case UNION:
                return masks.size() == 1 ? acc : Masks.union(masks);
            case INTERSECTION:
                for (Mask m : masks.subList(1, masks.size())) {
                    acc = Masks.intersection(acc, m);
                }
                return acc;
            case SUBTRACT:
                return masks.size() == 1 ? acc : Masks.subtract(acc, Masks.union(masks.subList(1, masks.size())));
            case XOR:
                for (Mask m : masks.subList(1, masks.size())) {
                    acc = Masks.xor(acc, m);
                }
                return acc;
            default:
                throw new IllegalStateException(op.name());
        }
    }
}
