package rt.dicom.internal.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.dicom.DicomException;
import rt.dicom.DicomReader;
import rt.dicom.rt.ImageSeriesReader;
import rt.dicom.rt.SeriesVolume;
import rt.nifti.Nifti;

/**
 * {@code rt:convert IN OUT.nii.gz}: an image series (a folder holding one series, or one single- or multi-frame
 * file) in any supported transfer syntax to NIfTI, with the rescale applied (HU for CT) and the geometry (spacing,
 * orientation, origin in LPS mm, stored as RAS in the header) in the header, as dcm2niix does.
 */
public final class Converter {

    static final String USAGE = "rt:convert IN OUT.nii.gz  (IN: a folder with one image series, or one image file)";

    private Converter() {
    }

    /** Converts and returns the lines to print (what was written, then any warnings). */
    public static List<String> convert(Path in, Path out) throws IOException {
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!name.endsWith(".nii.gz") && !name.endsWith(".nii")) {
            throw new IllegalArgumentException("output must end with .nii or .nii.gz: " + out + "\nusage: " + USAGE);
        }
        if (!Files.exists(in)) {
            throw new DicomException(in + ": no such file or folder");
        }
        SeriesVolume s = Files.isDirectory(in) ? ImageSeriesReader.readFolder(in, null)
                : ImageSeriesReader.readFile(in);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Nifti.write(out, s.volume());
        Grid g = s.volume().grid();
        String syntax = Files.isDirectory(in) ? syntaxOfFirst(in) : DicomReader.readHeader(in).transferSyntax().name();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s: %s %dx%dx%d, spacing %.4g x %.4g x %.4g mm, %s, %s%s", out, s.modality(),
                g.nx(), g.ny(), g.nz(), g.spacing(0), g.spacing(1), g.spacing(2), s.volume().quantity(), syntax,
                s.uniformSpacing() ? "" : ", resampled to uniform slice spacing"));
        s.warnings().forEach(w -> lines.add("warning: " + w));
        return lines;
    }

    private static String syntaxOfFirst(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    return DicomReader.readHeader(f).transferSyntax().name();
                } catch (DicomException e) {
                    // not DICOM: the series reader skipped it too
                }
            }
        }
        return "?";
    }
}
