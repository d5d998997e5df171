package rt.radiomics.internal.stage;

import java.util.List;
import java.util.Map;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.imaging.Grids;
import rt.imaging.Masks;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsExtractor;
import rt.radiomics.RadiomicsImage;
import rt.radiomics.RadiomicsParams;

/**
 * Runs the extractor for one ROI of a large image without copying the whole image: when the settings resample
 * (so pyradiomics only looks at the bounding box ± padDistance) and do not normalise, the image is cropped to the
 * ROI with a margin wide enough for the B-spline prefilter and filters; otherwise the full grid is used.
 */
public final class RoiExtraction {

    private RoiExtraction() {
    }

    /** Reduced parameters for huge ROIs (upstream: Original, shape + firstorder, 2 mm). */
    public static RadiomicsParams reduced(RadiomicsParams p) {
        return p.with(Map.of("Original", Map.of()), Map.of("shape", List.of(), "firstorder", List.of()))
                .withSetting("resampledPixelSpacing", List.of(2, 2, 2));
    }

    /** Estimated voxel count of the ROI at the resampled spacing (or as is). */
    public static long estimatedVoxels(Mask m, RadiomicsParams p) {
        long n = m.count();
        Object rs = p.settings().get("resampledPixelSpacing");
        if (rs instanceof List<?> l && l.size() == 3) {
            double[] sp = m.grid().spacing();
            double f = 1;
            for (int d = 0; d < 3; d++) {
                double s = ((Number) l.get(d)).doubleValue();
                if (s > 0) {
                    f *= sp[d] / s;
                }
            }
            n = Math.round(n * f);
        }
        return n;
    }

    public static Map<String, Object> extract(Volume image, PixelType type, Mask roiMask, RadiomicsParams params) {
        Grid g = image.grid();
        boolean resamples = params.settings().get("resampledPixelSpacing") != null
                && params.settings().get("interpolator") != null;
        boolean normalises = Boolean.TRUE.equals(params.settings().get("normalize"));
        int[] bb = Masks.boundingBox(roiMask);
        int[] off = Grids.offset(g, roiMask.grid());
        if (!resamples || normalises || bb == null || off == null) {
            Mask full = Masks.embed(roiMask, g);
            return new RadiomicsExtractor(params).execute(new RadiomicsImage(g, image.voxels(), type), full);
        }
        Object padObj = params.settings().get("padDistance");
        double pad = padObj instanceof Number n ? n.doubleValue() : 5;
        List<?> ns = (List<?>) params.settings().get("resampledPixelSpacing");
        int[] margin = new int[3];
        for (int d = 0; d < 3; d++) {
            double s = Math.max(g.spacing(d), ((Number) ns.get(d)).doubleValue());
            margin[d] = (int) Math.ceil((pad + 2) * s / g.spacing(d)) + 28;
        }
        Crop c = crop(image, roiMask, bb, off, margin);
        return new RadiomicsExtractor(params).execute(new RadiomicsImage(c.grid(), c.voxels(), type), c.mask());
    }

    /** An image cropped around a ROI, and the ROI on that crop. */
    public record Crop(Grid grid, float[] voxels, Mask mask) {
    }

    /** The image around the ROI (on the image's lattice) with margin[d] voxels either side, clipped to the image. */
    public static Crop crop(Volume image, Mask roi, int[] margin) {
        return crop(image, roi, Masks.boundingBox(roi), Grids.offset(image.grid(), roi.grid()), margin);
    }

    private static Crop crop(Volume image, Mask roi, int[] bb, int[] off, int[] margin) {
        Grid g = image.grid();
        int[] lo = new int[3];
        int[] hi = new int[3];
        int[] size = {g.nx(), g.ny(), g.nz()};
        for (int d = 0; d < 3; d++) {
            lo[d] = Math.max(0, bb[d] + off[d] - margin[d]);
            hi[d] = Math.min(size[d] - 1, bb[d + 3] + off[d] + margin[d]);
        }
        Grid crop = g.crop(lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1);
        float[] v = new float[(int) crop.voxelCount()];
        for (int k = 0; k < crop.nz(); k++) {
            for (int j = 0; j < crop.ny(); j++) {
                System.arraycopy(image.voxels(), g.index(lo[0], lo[1] + j, lo[2] + k), v, crop.index(0, j, k),
                        crop.nx());
            }
        }
        return new Crop(crop, v, Masks.embed(roi, crop));
    }
}
