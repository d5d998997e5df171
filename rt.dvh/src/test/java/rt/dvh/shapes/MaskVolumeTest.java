package rt.dvh.shapes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.dicom.rt.Contour;
import rt.dicom.rt.RtStruct;
import rt.dvh.internal.engine.DoseField;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.RoiDvhs;
import rt.imaging.Rasterizer;

/**
 * Voxel masks (rt.imaging {@link Rasterizer}: each contour plane a slab up to half-way to its neighbours, the DVH's
 * {@code nearest}/{@code extrude} model) and the DVH (shape-based interpolation between planes, tapered caps) are two
 * models of one contour stack; their volumes must agree so that {@code volume_cc} and mask-based tables (radiomics,
 * report) tell the same story. Masks are taken on a CT-like grid whose slices are the contour planes (contours drawn
 * on the image, the usual case), 0.5 mm pixels at an offset that no face of the shapes meets, with 4×4 sub-pixel
 * samples so that the comparison is of the models, not of pixel quantisation. The models differ between planes
 * only; the bound below is a measured worst case (1.0, 1.2 and 2.3 %; 0.9, 1.2 and 1.9 % since issue 19's bulges)
 * plus a margin. Measured: the masks are within 0.9 % of the exact volume everywhere here, the DVH within 2.0 %;
 * the largest gaps are for shapes lying across the planes (cone along y, torus around x, oblique cone at 3 mm),
 * where the DVH's interpolated sections still lose part of their thin in-plane tips and the slabs happen to
 * balance out.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class MaskVolumeTest {

    /** |mask / DVH − 1| allowed, per cent, by contour spacing 1, 2, 3 mm. */
    static final double[] AGREEMENT_PCT = {1.25, 1.5, 2.75};
    static final double[] SPACINGS = {1, 2, 3};
    static final List<String> SHAPES =
            List.of("sphere off-grid", "cone -y", "cone oblique", "cylinder tilted", "torus x", "tube z (holes)");

    @Test
    void mask_and_dvh_volumes_agree(@TempDir Path tmp) throws Exception {
        DoseField dose = AnalyticShapesTest.writeAndReadDose(tmp, 3, 0);
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-18s %7s %9s %9s %9s%n", "shape",
                "spacing", "DVH %", "mask %", "mask/DVH"));
        for (AnalyticShapesTest.Case c : AnalyticShapesTest.cases()) {
            if (!SHAPES.contains(c.shape().toString())) {
                continue;
            }
            double exact = c.shape().volumeMm3() / 1000;
            for (int s = 0; s < SPACINGS.length; s++) {
                double spacing = SPACINGS[s];
                RtStruct rs = AnalyticShapesTest.writeAndReadStruct(tmp, c, spacing, 0);
                List<double[]> contours = new ArrayList<>();
                for (Contour ct : rs.rois().get(0).contours()) {
                    contours.add(ct.points());
                }
                double dvh = RoiDvhs.compute(rs, x -> true, dose, DvhSampler.Options.defaults(), 1, () -> false)
                        .get(0).dvh().volumeCc();
                double mask = Rasterizer.occupancy(ctGrid(contours.get(0)[2], spacing), contours, 4, Double.NaN)
                        .volumeCc();
                double agree = 100 * (mask / dvh - 1);
                table.append(String.format(Locale.ROOT, "%-18s %5.0fmm %+9.2f %+9.2f %+9.2f%n", c.shape(), spacing,
                        100 * (dvh / exact - 1), 100 * (mask / exact - 1), agree));
                if (!(Math.abs(agree) <= AGREEMENT_PCT[s])) {
                    failures.add(String.format(Locale.ROOT, "%s at %.0f mm: mask %.4f cc, DVH %.4f cc (%+.2f %%)",
                            c.shape(), spacing, mask, dvh, agree));
                }
            }
        }
        System.out.print(table);
        assertTrue(failures.isEmpty(), failures.size() + " beyond the bound, first: "
                + (failures.isEmpty() ? "" : failures.get(0)));
    }

    /** 0.5 mm pixels, offset by 0.137/0.291 mm from the shapes' round coordinates; slices on the contour planes. */
    static Grid ctGrid(double contourZ, double spacing) {
        int nz = (int) Math.round(2 * AnalyticShapesTest.HALF_EXTENT_MM / spacing) + 1;
        double z0 = contourZ - Math.floor((contourZ + AnalyticShapesTest.HALF_EXTENT_MM) / spacing) * spacing;
        return Grid.axisAligned(144, 144, nz, new double[] {-35.863, -35.709, z0}, new double[] {0.5, 0.5, spacing});
    }
}
