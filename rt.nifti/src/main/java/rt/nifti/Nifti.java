package rt.nifti;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.nifti.internal.NiftiCodec;

/**
 * NIfTI-1 single-file images ({@code .nii}, or gzip-compressed {@code .nii.gz}, detected from the content).
 *
 * <p>Reading: 3D images (or 4D with one volume); datatypes uint8, int8, int16, uint16, int32, float32, float64,
 * either byte order; {@code scl_slope}/{@code scl_inter} applied (slope 0 = none). Geometry: the sform when
 * {@code sform_code > 0}, else the qform quaternion when {@code qform_code > 0}, else nibabel's fallback
 * (diag(−dx, dy, dz) centred on the volume); the RAS affine is turned into LPS by negating x and y. A sheared
 * affine is rejected.
 *
 * <p>Writing: NIfTI-1 {@code n+1}, little-endian, vox_offset 352, both sform and qform set to the same affine
 * (codes 1 = scanner), {@code xyzt_units} mm, gzip when the name ends in {@code .gz}; written to a temporary file in
 * the same folder and moved into place atomically.
 */
public final class Nifti {

    private Nifti() {
    }

    /** Header only (does not read the voxels). */
    public static ImageHeader readHeader(Path file) throws IOException {
        return NiftiCodec.read(file, false).header();
    }

    /** The image as float voxels (scaled). */
    public static Volume readVolume(Path file, Quantity quantity) throws IOException {
        return NiftiCodec.read(file, true).volume(quantity);
    }

    /**
     * A label image (scaled values must be integers in 0..32767, else an ImageFormatException).
     *
     * @param names label value to name; may be empty (names of values without an entry are not invented)
     */
    public static LabelMap readLabels(Path file, Map<Integer, String> names) throws IOException {
        return NiftiCodec.read(file, true).labels(file, names);
    }

    /**
     * Writes a volume: int16 when the quantity is {@link Quantity#HU} and every value is an integer in the int16
     * range, float32 otherwise.
     */
    public static void write(Path file, Volume volume) throws IOException {
        NiftiType t = volume.quantity() == Quantity.HU && NiftiCodec.fitsInt16(volume.voxels()) ? NiftiType.INT16
                : NiftiType.FLOAT32;
        write(file, volume, t);
    }

    /** Writes a volume with an explicit stored type (values are rounded and clamped for integer types). */
    public static void write(Path file, Volume volume, NiftiType type) throws IOException {
        NiftiCodec.write(file, volume.grid(), volume.voxels(), type, volume.quantity().name());
    }

    /** Writes a label map: uint8 when every label is in 0..255, int16 otherwise. */
    public static void write(Path file, LabelMap labels) throws IOException {
        NiftiCodec.writeLabels(file, labels.grid(), labels.labels());
    }

    /** Writes a mask on its own grid as uint8 0/1 (embed it in the image grid first if that is wanted). */
    public static void write(Path file, Mask mask) throws IOException {
        NiftiCodec.writeMask(file, mask.grid(), mask.inside());
    }
}
