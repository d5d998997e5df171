package rt.radiomics.internal.stage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.imaging.Grids;
import rt.imaging.Masks;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsImage;
import rt.radiomics.RadiomicsParams;
import rt.radiomics.internal.Pipeline;

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

    /**
     * Heap bytes per voxel of the ROI's box at the working spacing while it is extracted: with filtered image types
     * the box's float images (two wavelet bands at a time) and the texture classes' arrays. Measured: a bone ROI whose
     * box spans the body (23.7 M voxels at 1 mm with the padding, the CT parameters) peaked at 0.80 GB of live objects
     * in the whole {@code rt radiomics} process ({@code jcmd GC.class_histogram} twice a second; it runs in a 950 MB
     * heap), 34 bytes per voxel (1.64 GB, 69 bytes, before the wavelet went slice by slice and the texture classes let
     * go of the crop). The estimate keeps headroom: G1 does not move box-sized (humongous) arrays, so a heap holding
     * several of them can fail a large allocation with room left in total. With the Original image only, the filters'
     * share is absent.
     */
    static final int BYTES_PER_BOX_VOXEL_FILTERED = 48;
    static final int BYTES_PER_BOX_VOXEL_ORIGINAL = 32;

    /**
     * The heap a ROI's extraction needs at its peak, from its bounding box at the working spacing
     * ({@code resampledPixelSpacing}, else the image's) with {@code padDistance} on each side: the filtered images are
     * made over the box, not over the ROI's voxels, so a sparse ROI with a large box (bones) needs as much as a solid
     * one.
     */
    public static long heapEstimateMb(Mask m, RadiomicsParams p) {
        int[] bb = Masks.boundingBox(m);
        if (bb == null) {
            return 0;
        }
        double[] sp = m.grid().spacing();
        double[] working = workingSpacing(sp, p);
        Object pad = p.settings().get("padDistance");
        int padVoxels = pad instanceof Number n ? n.intValue() : 5;
        double voxels = 1;
        for (int d = 0; d < 3; d++) {
            voxels *= Math.ceil((bb[d + 3] - bb[d] + 1) * sp[d] / working[d]) + 2.0 * padVoxels;
        }
        boolean filtered = p.imageTypes().keySet().stream().anyMatch(t -> !t.equals("Original"));
        double bytes = voxels * (filtered ? BYTES_PER_BOX_VOXEL_FILTERED : BYTES_PER_BOX_VOXEL_ORIGINAL);
        return 16 + (long) Math.ceil(bytes / (1 << 20));
    }

    /** Estimated voxel count of the ROI at the resampled spacing (or as is). */
    public static long estimatedVoxels(Mask m, RadiomicsParams p) {
        double[] sp = m.grid().spacing();
        double[] working = workingSpacing(sp, p);
        double f = 1;
        for (int d = 0; d < 3; d++) {
            f *= sp[d] / working[d];
        }
        return Math.round(m.count() * f);
    }

    /** Per axis the {@code resampledPixelSpacing} of the settings, or the image's where it is absent or 0. */
    private static double[] workingSpacing(double[] imageSpacing, RadiomicsParams p) {
        double[] s = imageSpacing.clone();
        if (p.settings().get("resampledPixelSpacing") instanceof List<?> l && l.size() == 3) {
            for (int d = 0; d < 3; d++) {
                double v = ((Number) l.get(d)).doubleValue();
                if (v > 0) {
                    s[d] = v;
                }
            }
        }
        return s;
    }

    public static Map<String, Object> extract(Volume image, PixelType type, Mask roiMask, RadiomicsParams params) {
        Object r = extractAll(image, type, List.of(roiMask), params).get(0);
        if (r instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) r;
        return out;
    }

    /**
     * {@link #extract} for ROIs with the same bounding box on the image's lattice (e.g. a lung and the lung less the
     * GTV): one crop, and the resampled and filtered images made once for all of them ({@link Pipeline#executeAll}).
     * Each result is the map {@code extract} returns for that ROI or the RuntimeException it throws.
     */
    public static List<Object> extractAll(Volume image, PixelType type, List<Mask> rois, RadiomicsParams params) {
        Grid g = image.grid();
        boolean resamples = params.settings().get("resampledPixelSpacing") != null
                && params.settings().get("interpolator") != null;
        boolean normalises = Boolean.TRUE.equals(params.settings().get("normalize"));
        Mask first = rois.get(0);
        int[] bb = Masks.boundingBox(first);
        int[] off = Grids.offset(g, first.grid());
        for (Mask m : rois) {
            int[] o = Grids.offset(g, m.grid());
            if (o == null || off == null || !Arrays.equals(onLattice(Masks.boundingBox(m), o), onLattice(bb, off))) {
                throw new IllegalArgumentException("ROIs extracted together need the same bounding box");
            }
        }
        if (!resamples || normalises || bb == null || off == null) {
            List<Mask> full = rois.stream().map(m -> Masks.embed(m, g)).toList();
            return Pipeline.executeAll(new RadiomicsImage(g, image.voxels(), type), full, params);
        }
        Object padObj = params.settings().get("padDistance");
        double pad = padObj instanceof Number n ? n.doubleValue() : 5;
        List<?> ns = (List<?>) params.settings().get("resampledPixelSpacing");
        int[] margin = new int[3];
        for (int d = 0; d < 3; d++) {
            double s = Math.max(g.spacing(d), ((Number) ns.get(d)).doubleValue());
            margin[d] = (int) Math.ceil((pad + 2) * s / g.spacing(d)) + 28;
        }
        Crop c = crop(image, first, bb, off, margin);
        List<Mask> onCrop = rois.stream().map(m -> m == first ? c.mask() : Masks.embed(m, c.grid())).toList();
        return Pipeline.executeAll(new RadiomicsImage(c.grid(), c.voxels(), type), onCrop, params);
    }

    /** A bounding box on the image's lattice (null when there is none). */
    private static int[] onLattice(int[] bb, int[] off) {
        return bb == null ? null : new int[] {bb[0] + off[0], bb[1] + off[1], bb[2] + off[2], bb[3] + off[0],
            bb[4] + off[1], bb[5] + off[2]};
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
