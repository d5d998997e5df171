package rt.crop.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rt.api.image.Grid;
import rt.course.CtCrop;

/**
 * Where a region crops a CT: the superior boundary is the top of the first superior landmark found (plus its margin),
 * the inferior one the bottom of the first inferior landmark (minus its margin); a boundary without its landmark, or
 * beyond the scan, is the CT's own end. The CT slices whose centres lie between the boundaries are kept.
 */
final class CropBox {

    private static final double EPS_MM = 1e-6;

    /** One boundary found from a landmark. */
    record Found(Landmark landmark, String source, List<String> structures, double zMm) {
    }

    private CropBox() {
    }

    /**
     * @param region  the region, or null to keep the whole CT ({@code regionReason} says why)
     * @throws IllegalArgumentException when the boundaries cross or the box misses the CT
     */
    static CtCrop compute(Region region, String regionReason, List<StructureExtent> extents, double superiorMarginMm,
            double inferiorMarginMm, Grid ct) {
        int nz = ct.nz();
        double[] zc = new double[nz];
        double cx = (ct.nx() - 1) / 2.0;
        double cy = (ct.ny() - 1) / 2.0;
        for (int k = 0; k < nz; k++) {
            zc[k] = ct.indexToWorld(cx, cy, k)[2];
        }
        double half = nz > 1 ? Math.abs(zc[1] - zc[0]) / 2 : ct.spacing(2) / 2;
        double ctLow = Math.min(zc[0], zc[nz - 1]) - half;
        double ctHigh = Math.max(zc[0], zc[nz - 1]) + half;
        List<CtCrop.Landmark> used = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        double sup = ctHigh;
        double inf = ctLow;
        if (region == null) {
            fallbacks.add("no region (" + regionReason + "): the whole CT is kept");
        } else {
            Found s = find(region.superior, extents, true);
            if (s != null) {
                sup = s.zMm() + superiorMarginMm;
                used.add(new CtCrop.Landmark("superior", s.source(), String.join("+", s.structures()), "top", s.zMm()));
            } else {
                fallbacks.add("superior: no " + labels(region.superior) + " among the course's structures; the CT's"
                        + " superior end is used");
            }
            Found i = find(region.inferior, extents, false);
            if (i != null) {
                inf = i.zMm() - inferiorMarginMm;
                used.add(new CtCrop.Landmark("inferior", i.source(), String.join("+", i.structures()), "bottom",
                        i.zMm()));
            } else {
                fallbacks.add("inferior: no " + labels(region.inferior) + " among the course's structures; the CT's"
                        + " inferior end is used");
            }
        }
        if (sup < inf) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the %s boundaries cross (superior z = %.1f"
                    + " mm below inferior z = %.1f mm)", region == null ? "crop" : region.key(), sup, inf));
        }
        int first = -1;
        int last = -1;
        for (int k = 0; k < nz; k++) {
            if (zc[k] >= inf - EPS_MM && zc[k] <= sup + EPS_MM) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the %s box z ∈ [%.1f, %.1f] mm holds no CT"
                    + " slice (the CT covers z ∈ [%.1f, %.1f] mm)", region == null ? "crop" : region.key(), inf, sup,
                    ctLow, ctHigh));
        }
        List<String> limits = new ArrayList<>();
        if (sup > ctHigh + EPS_MM) {
            limits.add(String.format(Locale.ROOT, "superior: z = %.1f mm lies beyond the CT; limited to its end", sup));
        }
        if (inf < ctLow - EPS_MM) {
            limits.add(String.format(Locale.ROOT, "inferior: z = %.1f mm lies beyond the CT; limited to its end", inf));
        }
        double low = Math.min(zc[first], zc[last]) - half;
        double high = Math.max(zc[first], zc[last]) + half;
        return new CtCrop(region == null ? "none" : region.key(), regionReason, inf, sup, low, high, first, last, nz,
                region == null ? 0 : inferiorMarginMm, region == null ? 0 : superiorMarginMm, used, fallbacks, limits);
    }

    /**
     * The first landmark of the list that some source has, from the first source that has it (extents come in order of
     * preference): the highest top (superior) or lowest bottom (inferior) of its structures there, e.g. both femurs.
     */
    static Found find(List<Landmark> landmarks, List<StructureExtent> extents, boolean top) {
        for (Landmark l : landmarks) {
            String source = null;
            List<String> names = new ArrayList<>();
            double z = top ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (StructureExtent e : extents) {
                if (!l.matches(e.name()) || (source != null && !source.equals(e.source()))) {
                    continue;
                }
                source = e.source();
                names.add(e.name());
                z = top ? Math.max(z, e.zMax()) : Math.min(z, e.zMin());
            }
            if (source != null) {
                return new Found(l, source, names, z);
            }
        }
        return null;
    }

    private static String labels(List<Landmark> landmarks) {
        return String.join(" or ", landmarks.stream().map(Landmark::label).toList());
    }
}
