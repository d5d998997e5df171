package rt.nifti;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;

/** Reads NIfTI or NRRD by file name ({@code .nii}, {@code .nii.gz}, {@code .nrrd}, {@code .nhdr}). */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Whether the name looks like a NIfTI or NRRD file. */
    public static boolean isSupported(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz") || isNrrd(file);
    }

    public static ImageHeader readHeader(Path file) throws IOException {
        return isNrrd(file) ? Nrrd.readHeader(file) : Nifti.readHeader(checked(file));
    }

    public static Volume readVolume(Path file, Quantity quantity) throws IOException {
        return isNrrd(file) ? Nrrd.readVolume(file, quantity) : Nifti.readVolume(checked(file), quantity);
    }

    public static LabelMap readLabels(Path file, Map<Integer, String> names) throws IOException {
        return isNrrd(file) ? Nrrd.readLabels(file, names) : Nifti.readLabels(checked(file), names);
    }

    private static boolean isNrrd(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".nrrd") || n.endsWith(".nhdr");
    }

    private static Path checked(Path file) throws ImageFormatException {
        if (!isSupported(file)) {
            throw new ImageFormatException(file, "not a .nii, .nii.gz, .nrrd or .nhdr file");
        }
        return file;
    }
}
