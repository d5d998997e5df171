package rt.crop.internal;

import java.util.List;
import java.util.Locale;

/**
 * The anatomical regions of {@code crop_ct}, as the upstream tool defines them: each boundary is the top (superior)
 * or bottom (inferior) of the first landmark found in its list, widened by a margin. Default margins follow upstream:
 * pelvis from the top of L1 to 10 cm below the femurs, thorax C7 … L1, abdomen T12 (else L1) … L5, head and neck from
 * 2 cm above the skull to C7, brain ± 1 cm; thorax and abdomen get upstream's configured 2 cm on both sides. Organs
 * stand in where the vertebrae are not segmented (the lungs for the thorax, the brain for the skull).
 */
enum Region {
    PELVIS(List.of(Landmark.L1), List.of(Landmark.FEMUR), 0, 100),
    THORAX(List.of(Landmark.C7, Landmark.LUNG), List.of(Landmark.L1, Landmark.LUNG), 20, 20),
    ABDOMEN(List.of(Landmark.T12, Landmark.L1), List.of(Landmark.L5), 20, 20),
    HEAD_NECK(List.of(Landmark.SKULL, Landmark.BRAIN), List.of(Landmark.C7), 20, 0),
    BRAIN(List.of(Landmark.BRAIN), List.of(Landmark.BRAIN), 10, 10);

    /** Landmarks whose top sets the superior boundary, in order of preference. */
    final List<Landmark> superior;
    /** Landmarks whose bottom sets the inferior boundary, in order of preference. */
    final List<Landmark> inferior;
    final double superiorMarginMm;
    final double inferiorMarginMm;

    Region(List<Landmark> superior, List<Landmark> inferior, double superiorMarginMm, double inferiorMarginMm) {
        this.superior = superior;
        this.inferior = inferior;
        this.superiorMarginMm = superiorMarginMm;
        this.inferiorMarginMm = inferiorMarginMm;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured region (case-insensitive; {@code head_and_neck}, {@code hn} and {@code chest} too). */
    static Region of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        switch (v) {
            case "hn", "head_and_neck", "headneck" -> {
                return HEAD_NECK;
            }
            case "chest", "lung" -> {
                return THORAX;
            }
            default -> {
                for (Region r : values()) {
                    if (r.key().equals(v)) {
                        return r;
                    }
                }
            }
        }
        throw new IllegalArgumentException("region: '" + value + "' is not one of auto, pelvis, thorax, abdomen,"
                + " head_neck, brain");
    }

    /** The region of a course's treatment site (organize's or a site profile's), or null when none fits. */
    static Region ofSite(String site) {
        if (site == null) {
            return null;
        }
        String s = site.toLowerCase(Locale.ROOT);
        if (s.contains("prostat") || s.contains("pelvi") || s.contains("rect") || s.contains("gyn")
                || s.contains("cervix") || s.contains("bladder")) {
            return PELVIS;
        }
        if (s.contains("thora") || s.contains("lung") || s.contains("breast") || s.contains("chest")
                || s.contains("oesoph") || s.contains("esoph")) {
            return THORAX;
        }
        if (s.contains("abdom") || s.contains("liver") || s.contains("pancrea") || s.contains("stomach")
                || s.contains("kidney")) {
            return ABDOMEN;
        }
        if (s.contains("head") || s.contains("neck") || s.equals("hn")) {
            return HEAD_NECK;
        }
        if (s.contains("brain") || s.contains("cran")) {
            return BRAIN;
        }
        return null;
    }
}
