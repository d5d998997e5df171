package rt.segmentation.totalseg.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Volume;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelDescriptor.Part;

/**
 * TotalSegmentator's {@code roi_subset} for one model: the requested ROIs' label values, the parts that hold one of
 * them (only those run), and the crop box from a locator's label map (python_api.py: union of the requested ROIs in
 * the rough model's result, plus crop_addon voxels, clamped to the image).
 *
 * @param labels the requested ROIs: label value to name
 * @param parts  the model's parts with at least one requested label, in model order
 */
record RoiSubset(Map<Integer, String> labels, List<Part> parts) {

    /** The subset of {@code d} named by {@code rois}; an unknown name fails with one line naming the model. */
    static RoiSubset of(ModelDescriptor d, Collection<String> rois) {
        Map<Integer, String> labels = new TreeMap<>();
        Set<String> unknown = new TreeSet<>();
        for (String roi : rois) {
            int value = d.labelOf(roi);
            if (value < 0) {
                unknown.add(roi);
            } else {
                labels.put(value, roi);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("roi_subset: model " + d.name() + " has no ROI named " + unknown
                    + " (rt:models lists models; their model.yaml lists the labels)");
        }
        List<Part> parts = new ArrayList<>();
        for (Part p : d.parts()) {
            if (p.labelMap().values().stream().anyMatch(labels::containsKey)) {
                parts.add(p);
            }
        }
        return new RoiSubset(labels, parts);
    }

    /** Sets every voxel whose label is not requested to background. */
    void keepOnly(short[] voxels) {
        boolean[] keep = new boolean[Short.MAX_VALUE + 1];
        labels.keySet().forEach(v -> keep[v] = true);
        for (int i = 0; i < voxels.length; i++) {
            if (!keep[voxels[i]]) {
                voxels[i] = 0;
            }
        }
    }

    /**
     * The box {i0, j0, k0, i1, j1, k1} (inclusive start, exclusive end) around every voxel of {@code located} whose
     * ROI name is one of {@code names}, widened by {@code margin} voxels (x, y, z) and clamped to the grid; {@code null}
     * when none of them is present.
     */
    static int[] box(LabelMap located, Collection<String> names, int[] margin) {
        boolean[] wanted = new boolean[Short.MAX_VALUE + 1];
        located.names().forEach((value, name) -> wanted[value] = names.contains(name));
        Grid g = located.grid();
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        short[] l = located.labels();
        int n = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++, n++) {
                    if (wanted[l[n]]) {
                        b[0] = Math.min(b[0], i);
                        b[1] = Math.min(b[1], j);
                        b[2] = Math.min(b[2], k);
                        b[3] = Math.max(b[3], i);
                        b[4] = Math.max(b[4], j);
                        b[5] = Math.max(b[5], k);
                    }
                }
            }
        }
        if (b[3] < 0) {
            return null;
        }
        int[] size = {g.nx(), g.ny(), g.nz()};
        for (int a = 0; a < 3; a++) {
            b[a] = Math.max(0, b[a] - margin[a]);
            b[a + 3] = Math.min(size[a], b[a + 3] + 1 + margin[a]);
        }
        return b;
    }

    /** The voxels of {@code image} inside {@code box}, on the cropped grid (same world positions). */
    static Volume crop(Volume image, int[] box) {
        Grid g = image.grid();
        int sx = box[3] - box[0];
        int sy = box[4] - box[1];
        int sz = box[5] - box[2];
        float[] out = new float[sx * sy * sz];
        int n = 0;
        for (int k = box[2]; k < box[5]; k++) {
            for (int j = box[1]; j < box[4]; j++) {
                System.arraycopy(image.voxels(), g.index(box[0], j, k), out, n, sx);
                n += sx;
            }
        }
        return new Volume(g.crop(box[0], box[1], box[2], sx, sy, sz), out, image.quantity());
    }

    /** {@code cropped} (labels inside {@code box}) placed into a background label array of the whole grid. */
    static short[] paste(Grid whole, short[] cropped, int[] box) {
        short[] out = new short[Math.toIntExact(whole.voxelCount())];
        int sx = box[3] - box[0];
        int n = 0;
        for (int k = box[2]; k < box[5]; k++) {
            for (int j = box[1]; j < box[4]; j++) {
                System.arraycopy(cropped, n, out, whole.index(box[0], j, k), sx);
                n += sx;
            }
        }
        return out;
    }
}
