package rt.qc.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Automatic segmentation plausibility: each organ label present has a volume inside {@link OrganRanges}. A volume
 * above the bound = WARNING; below = WARNING unless the organ reaches the first/last CT slice (then it is simply cut
 * by the scan); a model that produced no label at all = WARNING.
 */
final class SegmentationCheck implements QcCheck {

    @Override
    public String id() {
        return "segmentation";
    }

    @Override
    public String name() {
        return "Segmentation plausibility";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.segmentation == null) {
            return CheckResult.notRun(this, "no automatic segmentation");
        }
        CheckResult.Builder r = result();
        if (f.segmentation.isEmpty()) {
            return r.warn("segmentation produced no labels").build();
        }
        // model → organ → (volume, touches edge); lungs and paired organs summed where the range is for the sum.
        Map<String, double[]> sums = new LinkedHashMap<>();
        int judged = 0;
        for (CourseFacts.SegLabel l : f.segmentation) {
            String organ = OrganRanges.canonical(l.name());
            if (organ == null) {
                continue;
            }
            if (organ.equals("lungs")) {
                double[] s = sums.computeIfAbsent(l.source() + "\u0000lungs", k -> new double[2]);
                s[0] += l.volumeCc();
                s[1] = Math.max(s[1], l.touchesScanEdge() ? 1 : 0);
                continue;
            }
            judged++;
            judge(r, l.source(), l.name(), organ, l.volumeCc(), l.touchesScanEdge());
        }
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            String model = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            judged++;
            judge(r, model, "lungs (all lung labels)", "lungs", e.getValue()[0], e.getValue()[1] > 0);
        }
        r.detail("labels", f.segmentation.size()).detail("judged", judged);
        if (r.build().reasons().isEmpty()) {
            r.info(judged == 0 ? f.segmentation.size() + " label(s), none with a volume range"
                    : judged + " organ volume(s) within plausible ranges");
        }
        return r.build();
    }

    private static void judge(CheckResult.Builder r, String model, String label, String organ, double cc,
            boolean atEdge) {
        OrganRanges.Range range = OrganRanges.RANGES.get(organ);
        String where = String.format(Locale.ROOT, "%s/%s: %.1f cc (plausible %.0f–%.0f cc)", model, label, cc,
                range.minCc(), range.maxCc());
        if (cc > range.maxCc()) {
            r.warn(where + ": too large");
        } else if (cc < range.minCc() && !atEdge) {
            r.warn(where + ": too small");
        } else if (cc < range.minCc()) {
            r.info(where + ": small but cut by the scan edge");
        }
    }
}
