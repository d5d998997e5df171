package rt.dvh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rt.api.image.Grid;
import rt.nifti.Nifti;

/**
 * Where a ROI's contours reach the border of the planning CT: the first or last slice ({@code z}: the structure may
 * go on beyond the scan) or the in-plane edge of the field of view ({@code in-plane}). Within half a voxel of the
 * outermost voxel centre counts, as QC's border check.
 */
final class CtBorder {

    static final double MARGIN_VOXELS = 0.5;

    private final Grid ct;

    private CtBorder(Grid ct) {
        this.ct = ct;
    }

    /** The CT's geometry from the course's {@code ct.nii.gz} header; null when there is no such file. */
    static CtBorder of(Path ctImage) throws IOException {
        return Files.isRegularFile(ctImage) ? new CtBorder(Nifti.readHeader(ctImage).grid()) : null;
    }

    static CtBorder of(Grid ct) {
        return new CtBorder(ct);
    }

    /** {@code no}, {@code z}, {@code in-plane} or {@code z+in-plane} for contours given as x,y,z triples. */
    String where(List<double[]> contours) {
        boolean xy = false;
        boolean z = false;
        for (double[] c : contours) {
            for (int p = 0; p + 2 < c.length; p += 3) {
                double[] ijk = ct.worldToIndex(c[p], c[p + 1], c[p + 2]);
                xy |= ijk[0] <= MARGIN_VOXELS || ijk[0] >= ct.nx() - 1 - MARGIN_VOXELS
                        || ijk[1] <= MARGIN_VOXELS || ijk[1] >= ct.ny() - 1 - MARGIN_VOXELS;
                z |= ijk[2] <= MARGIN_VOXELS || ijk[2] >= ct.nz() - 1 - MARGIN_VOXELS;
            }
        }
        return z && xy ? "z+in-plane" : z ? "z" : xy ? "in-plane" : "no";
    }
}
