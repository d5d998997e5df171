package rt.qc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Body regions from the segmentation (see {@link BodyRegions}); exposed in qc.json for site profiles. WARNING when
 * segmentation exists but shows no region, or when the course's treatment site implies a region that is not seen.
 */
final class BodyRegionCheck implements QcCheck {

    @Override
    public String id() {
        return "body_region";
    }

    @Override
    public String name() {
        return "Body region from segmentation";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.segmentation == null) {
            return CheckResult.notRun(this, "no automatic segmentation");
        }
        CheckResult.Builder r = result();
        Map<String, BodyRegions.Region> regions = BodyRegions.detect(f.segmentation);
        List<String> present = new ArrayList<>();
        regions.values().stream().filter(BodyRegions.Region::present).forEach(x -> present.add(x.name()));
        r.detail("regions", present);
        if (present.isEmpty()) {
            r.warn("no body region recognised from " + f.segmentation.size() + " segmentation label(s)");
        } else {
            r.info("regions: " + String.join(", ", present));
        }
        String expected = BodyRegions.regionOfSite(f.site);
        if (expected != null && !present.isEmpty() && !present.contains(expected)) {
            r.warn("site '" + f.site + "' implies " + expected + ", which the scan does not show");
        }
        return r.build();
    }
}
