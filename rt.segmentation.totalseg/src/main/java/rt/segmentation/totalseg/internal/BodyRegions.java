package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.course.CourseFolder;
import rt.course.ModelFolder;
import rt.course.SegmentationManifest;
import rt.nifti.Nifti;
import rt.segmentation.engine.ModelDescriptor.Requirements;

/**
 * Body-region gating of extra models, decided from what another model (TotalSegmentator's {@code total}) found on the
 * course's CT. TotalSegmentator runs an extra task on the crop of its {@code crop} classes from the {@code total}
 * result and returns an empty segmentation when that crop is empty; here a model declares the regions (or, in
 * TotalSegmentator's terms, the classes) it needs and is skipped with the reason when the CT does not show them. A
 * region is shown when one of its marker structures (TotalSegmentator class names: the vertebrae of its spine levels
 * and the organs that lie only there) has at least the minimum volume.
 */
final class BodyRegions {

    static final double DEFAULT_MIN_CC = 1.0;

    /** Region → marker structures, TotalSegmentator v2 class names. */
    static final Map<String, List<String>> MARKERS = new LinkedHashMap<>();

    static {
        MARKERS.put("head", List.of("brain", "skull"));
        MARKERS.put("neck", vertebrae("C", 1, 7));
        List<String> thorax = new ArrayList<>(vertebrae("T", 1, 12));
        thorax.addAll(List.of("lung_upper_lobe_left", "lung_lower_lobe_left", "lung_upper_lobe_right",
                "lung_middle_lobe_right", "lung_lower_lobe_right", "heart"));
        MARKERS.put("thorax", List.copyOf(thorax));
        List<String> abdomen = new ArrayList<>(vertebrae("L", 1, 5));
        abdomen.addAll(List.of("liver", "spleen", "kidney_left", "kidney_right", "pancreas", "stomach"));
        MARKERS.put("abdomen", List.copyOf(abdomen));
        MARKERS.put("pelvis", List.of("sacrum", "vertebrae_S1", "hip_left", "hip_right", "urinary_bladder"));
    }

    static final List<String> NAMES = List.copyOf(MARKERS.keySet());

    private BodyRegions() {
    }

    private static List<String> vertebrae(String level, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("vertebrae_" + level + i);
        }
        return List.copyOf(out);
    }

    /**
     * What the other models' finished results in a course found: largest volume (cc) per ROI name.
     *
     * @param models the models consulted, in name order
     */
    record Findings(List<String> models, Map<String, Double> volumesCc) {
    }

    /**
     * Reads the course's finished segmentation results that can tell body regions: those (other than
     * {@code ownModel}'s) whose labels include a region marker or one of {@code rois} (a {@code total}-style result,
     * not another extra's).
     */
    static Findings findings(CourseFolder course, String ownModel, List<String> rois) throws IOException {
        java.util.Set<String> telling = new java.util.HashSet<>(rois);
        MARKERS.values().forEach(telling::addAll);
        List<String> models = new ArrayList<>();
        Map<String, Double> volumes = new TreeMap<>();
        for (ModelFolder f : course.models()) {
            if (f.model().equals(ownModel) || !f.isComplete()) {
                continue;
            }
            SegmentationManifest m = SegmentationManifest.read(f).orElse(null);
            if (m == null || m.rois().stream().noneMatch(r -> telling.contains(r.name()))) {
                continue;
            }
            models.add(f.model());
            for (SegmentationManifest.Roi r : m.rois()) {
                volumes.merge(r.name(), r.volumeCc(), Math::max);
            }
        }
        return new Findings(models, volumes);
    }

    /**
     * The union box {i0, j0, k0, i1, j1, k1} of {@code rois} in the label maps of {@code found}'s models, widened by
     * {@code margin} voxels; {@code null} when none of them is there. A label map not on the CT's grid is not used
     * (with a warning): its voxel box would not be the CT's.
     */
    static int[] cropBox(CourseFolder course, Findings found, List<String> rois, int[] margin, Grid ct,
            java.util.function.Consumer<String> warn) throws IOException {
        int[] union = null;
        for (String model : found.models()) {
            ModelFolder f = course.model(model);
            SegmentationManifest m = SegmentationManifest.read(f).orElse(null);
            if (m == null) {
                continue;
            }
            LabelMap labels = Nifti.readLabels(f.labels(), m.labelNames());
            if (!labels.grid().sameAs(ct, 1e-3)) {
                warn.accept(f.labels() + " is not on the CT's grid; not used for the crop");
                continue;
            }
            int[] b = RoiSubset.box(labels, rois, margin);
            if (b != null) {
                if (union == null) {
                    union = b;
                } else {
                    for (int a = 0; a < 3; a++) {
                        union[a] = Math.min(union[a], b[a]);
                        union[a + 3] = Math.max(union[a + 3], b[a + 3]);
                    }
                }
            }
        }
        return union;
    }

    /** Whether the model runs, and why (or why not) in one line. */
    record Decision(boolean runs, String reason) {
    }

    static Decision decide(Requirements req, Findings found) {
        String needs = describe(req);
        if (found.models().isEmpty()) {
            return new Decision(false, "needs " + needs + ", but the course has no finished total-style segmentation "
                    + "to decide from (run the total model before it: segmentation.models lists it first)");
        }
        List<String> missing = new ArrayList<>();
        List<String> shownBy = new ArrayList<>();
        for (String region : req.regions()) {
            String marker = firstPresent(MARKERS.get(region), found, req.minCc());
            if (marker == null) {
                missing.add(region);
            } else {
                shownBy.add(region + " (" + marker + ")");
            }
        }
        String roi = req.rois().isEmpty() ? null : firstPresent(req.rois(), found, req.minCc());
        if (!req.rois().isEmpty() && roi == null) {
            missing.add("any of " + req.rois());
        } else if (roi != null) {
            shownBy.add(roi);
        }
        String from = " in " + String.join(", ", found.models()) + " (at least "
                + String.format(Locale.ROOT, "%.3g", req.minCc()) + " cc)";
        if (!missing.isEmpty()) {
            return new Decision(false, "gated off: needs " + needs + "; the course's CT does not show "
                    + String.join(", ", missing) + from);
        }
        return new Decision(true, "runs: the course's CT shows " + String.join(", ", shownBy) + from);
    }

    private static String firstPresent(List<String> rois, Findings found, double minCc) {
        for (String r : rois) {
            Double cc = found.volumesCc().get(r);
            if (cc != null && cc > 0 && cc >= minCc) {
                return r;
            }
        }
        return null;
    }

    private static String describe(Requirements req) {
        List<String> parts = new ArrayList<>();
        if (!req.regions().isEmpty()) {
            parts.add("region" + (req.regions().size() > 1 ? "s " : " ") + String.join(" + ", req.regions()));
        }
        if (!req.rois().isEmpty()) {
            parts.add("one of " + req.rois());
        }
        return String.join(" and ", parts);
    }
}
