package rt.imaging;

import rt.api.image.Mask;
import rt.imaging.internal.LabelAlgs;

/** Connected-component labelling (3D), largest component, small-component removal. */
public final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** Labels the components of {@code m}; labels are numbered by decreasing size. */
    public static Components label(Mask m, Connectivity connectivity) {
        int[] labels = new int[m.inside().length];
        int[] sizes = LabelAlgs.label3d(m.inside(), Resample.dims(m.grid()), connectivity == Connectivity.TWENTY_SIX,
                labels);
        return new Components(m.grid(), labels, sizes.length, sizes);
    }

    /** The largest component (ties: the one whose first voxel comes first); an empty mask stays empty. */
    public static Mask largest(Mask m, Connectivity connectivity) {
        Components c = label(m, connectivity);
        return c.count() == 0 ? new Mask(m.grid(), new boolean[m.inside().length]) : c.component(1);
    }

    /** {@code m} without the components smaller than {@code minVoxels}. */
    public static Mask removeSmall(Mask m, Connectivity connectivity, int minVoxels) {
        Components c = label(m, connectivity);
        boolean[] out = new boolean[m.inside().length];
        int[] labels = c.labels();
        int[] sizes = c.sizes();
        for (int n = 0; n < out.length; n++) {
            out[n] = labels[n] > 0 && sizes[labels[n] - 1] >= minVoxels;
        }
        return new Mask(m.grid(), out);
    }
}
