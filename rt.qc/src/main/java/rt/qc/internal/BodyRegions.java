package rt.qc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Body regions seen by the scan, from segmented vertebrae and organs (upstream rtpipeline rules, UPSTREAM.md §10): a
 * region is present if its vertebrae are (≥1 cervical, ≥3 thoracic, ≥2 lumbar, sacrum; each label &gt; 1 mL) or one of
 * its organs exceeds a volume (brain/skull 50 mL; lungs 200, heart 50; liver 100, spleen 30, kidneys 40; hips 30,
 * bladder 10); confidence = 0.7·vertebra evidence + 0.3·organ evidence.
 */
final class BodyRegions {

    static final List<String> REGIONS = List.of("HEAD_NECK", "THORAX", "ABDOMEN", "PELVIS");
    static final double VERTEBRA_MIN_ML = 1.0;

    record Region(String name, boolean present, double confidence, List<String> vertebrae, Map<String, Double> organs) {
    }

    private BodyRegions() {
    }

    static Map<String, Region> detect(List<CourseFacts.SegLabel> labels) {
        Map<String, List<String>> vert = new LinkedHashMap<>();
        Map<String, Map<String, Double>> organVolumes = new LinkedHashMap<>();
        REGIONS.forEach(r -> {
            vert.put(r, new ArrayList<>());
            organVolumes.put(r, new TreeMap<>());
        });
        Map<String, Double> organs = new TreeMap<>();
        for (CourseFacts.SegLabel l : labels) {
            String n = l.name().toLowerCase(Locale.ROOT);
            String v = n.startsWith("vertebrae_") ? n.substring(10).toUpperCase(Locale.ROOT) : null;
            if (v != null && l.volumeCc() > VERTEBRA_MIN_ML) {
                String region = switch (v.charAt(0)) {
                    case 'C' -> "HEAD_NECK";
                    case 'T' -> "THORAX";
                    case 'L' -> "ABDOMEN";
                    case 'S' -> "PELVIS";
                    default -> null;
                };
                if (region != null && !vert.get(region).contains(v)) {
                    vert.get(region).add(v);
                }
            } else if (n.equals("sacrum") && l.volumeCc() > VERTEBRA_MIN_ML) {
                if (!vert.get("PELVIS").contains("sacrum")) {
                    vert.get("PELVIS").add("sacrum");
                }
            }
            String organ = organGroup(n);
            if (organ != null) {
                organs.merge(organ, l.volumeCc(), Double::sum);
            }
        }
        Map<String, Region> out = new LinkedHashMap<>();
        int[] needVert = {1, 3, 2, 1};
        for (int r = 0; r < REGIONS.size(); r++) {
            String region = REGIONS.get(r);
            boolean v = vert.get(region).size() >= needVert[r];
            Map<String, Double> evidence = new TreeMap<>();
            boolean o = false;
            for (Map.Entry<String, Double> rule : ORGAN_RULES.get(region).entrySet()) {
                Double vol = organs.get(rule.getKey());
                if (vol != null) {
                    evidence.put(rule.getKey(), Math.round(vol * 10) / 10.0);
                    o |= vol > rule.getValue();
                }
            }
            out.put(region, new Region(region, v || o, (v ? 0.7 : 0) + (o ? 0.3 : 0), vert.get(region), evidence));
        }
        return out;
    }

    /** Region → organ group → minimum volume (mL). */
    private static final Map<String, Map<String, Double>> ORGAN_RULES = Map.of(
            "HEAD_NECK", Map.of("brain", 50.0, "skull", 50.0),
            "THORAX", Map.of("lungs", 200.0, "heart", 50.0),
            "ABDOMEN", Map.of("liver", 100.0, "spleen", 30.0, "kidneys", 40.0),
            "PELVIS", Map.of("hips", 30.0, "urinary_bladder", 10.0));

    private static String organGroup(String n) {
        if (n.startsWith("lung")) {
            return "lungs";
        }
        if (n.startsWith("kidney") && !n.contains("cyst")) {
            return "kidneys";
        }
        if (n.startsWith("hip")) {
            return "hips";
        }
        if (n.equals("bladder")) {
            return "urinary_bladder";
        }
        return switch (n) {
            case "brain", "skull", "heart", "liver", "spleen", "urinary_bladder" -> n;
            default -> null;
        };
    }

    /** The region a treatment site name implies, or {@code null}. */
    static String regionOfSite(String site) {
        if (site == null) {
            return null;
        }
        String s = site.toLowerCase(Locale.ROOT);
        if (s.matches(".*(prostat|rect|cervi|bladder|pelvi|gyn|endometr|anal|vulva).*")) {
            return "PELVIS";
        }
        if (s.matches(".*(lung|breast|thora|esophag|oesophag|mediast|chest).*")) {
            return "THORAX";
        }
        if (s.matches(".*(head|neck|brain|hn|h&n|cns|larynx|pharyn|oral|parotid).*")) {
            return "HEAD_NECK";
        }
        if (s.matches(".*(liver|pancrea|stomach|abdom|kidney|renal|gastr).*")) {
            return "ABDOMEN";
        }
        return null;
    }
}
