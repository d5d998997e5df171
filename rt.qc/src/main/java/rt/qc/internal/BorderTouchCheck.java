package rt.qc.internal;

import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;

/**
 * Structures touching the CT border (as upstream: couch/support ignored). In-plane (field of view cuts the
 * structure) = WARNING; reaching the first/last slice = WARNING for targets (target cut off in z) and a note
 * otherwise (e.g. BODY running out of the scan is normal).
 */
final class BorderTouchCheck implements QcCheck {

    /** Within this many voxels of the outermost voxel centre counts as touching. */
    static final double MARGIN_VOXELS = 0.5;

    @Override
    public String id() {
        return "structure_border";
    }

    @Override
    public String name() {
        return "Structures touching the CT border";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.ctGrid == null) {
            return CheckResult.notRun(this, "CT geometry not available");
        }
        if (f.structures == null) {
            return CheckResult.notRun(this, "structures not available");
        }
        CheckResult.Builder r = result();
        Grid g = f.ctGrid;
        List<String> inPlane = new ArrayList<>();
        List<String> zOnly = new ArrayList<>();
        for (CourseFacts.Structure s : f.structures) {
            if (s.isSupport() || s.isPoint() || s.contours().isEmpty()) {
                continue;
            }
            boolean xy = false;
            boolean z = false;
            for (double[] c : s.contours()) {
                double[] ijk = Polygons.toIndex(g, c);
                for (int p = 0; p < ijk.length; p += 3) {
                    xy |= ijk[p] <= MARGIN_VOXELS || ijk[p] >= g.nx() - 1 - MARGIN_VOXELS
                            || ijk[p + 1] <= MARGIN_VOXELS || ijk[p + 1] >= g.ny() - 1 - MARGIN_VOXELS;
                    z |= ijk[p + 2] <= MARGIN_VOXELS || ijk[p + 2] >= g.nz() - 1 - MARGIN_VOXELS;
                }
            }
            if (xy) {
                inPlane.add(s.name());
                r.warn(s.name() + " touches the in-plane CT border (field of view cuts it)");
            } else if (z) {
                zOnly.add(s.name());
                if (s.isTarget()) {
                    r.warn(s.name() + " (target) reaches the first/last CT slice: may be cut off in z");
                } else {
                    r.info(s.name() + " reaches the first/last CT slice");
                }
            }
        }
        r.detail("in_plane", inPlane).detail("z_only", zOnly);
        if (inPlane.isEmpty() && zOnly.isEmpty()) {
            r.info("no structure touches the CT border");
        }
        return r.build();
    }
}
