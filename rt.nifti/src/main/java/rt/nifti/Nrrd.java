package rt.nifti;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.nifti.internal.NrrdCodec;

/**
 * NRRD reading: attached ({@code .nrrd}) or detached ({@code .nhdr} + {@code data file}) 3D images; encodings raw
 * and gzip; types (u)int8, (u)int16, int32, float, double, either endianness; {@code space} left-posterior-superior
 * (LPS), right-anterior-superior (RAS) or left-anterior-superior (converted to LPS); {@code space directions} and
 * {@code space origin} (axis-aligned {@code spacings} when there is no space). Values are read as stored (NRRD has
 * no scaling).
 */
public final class Nrrd {

    private Nrrd() {
    }

    /** Header only. */
    public static ImageHeader readHeader(Path file) throws IOException {
        return NrrdCodec.read(file, false).header();
    }

    /** The image as float voxels. */
    public static Volume readVolume(Path file, Quantity quantity) throws IOException {
        return NrrdCodec.read(file, true).volume(quantity);
    }

    /** A label image (values must be integers in 0..32767). */
    public static LabelMap readLabels(Path file, Map<Integer, String> names) throws IOException {
        return NrrdCodec.read(file, true).labels(file, names);
    }
}
