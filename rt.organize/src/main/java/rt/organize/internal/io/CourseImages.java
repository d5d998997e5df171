package rt.organize.internal.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.rt.ImageSeriesReader;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.SeriesVolume;
import rt.imaging.Interpolation;
import rt.imaging.Resample;
import rt.nifti.Nifti;
import rt.nifti.NiftiType;

/** Volumes of a course: the planning CT and the course dose (one RTDOSE, or several summed on the finest grid). */
public final class CourseImages {

    /** The course dose and what happened on the way. */
    public record Dose(Volume volume, List<String> notes) {
    }

    private CourseImages() {
    }

    /** Reads the planning CT slices and writes them as NIfTI (HU); returns the reader's warnings. */
    public static List<String> writeCt(List<Path> slices, Path target) throws IOException {
        SeriesVolume sv = ImageSeriesReader.read(slices);
        Volume v = sv.volume();
        Nifti.write(target, new Volume(v.grid(), v.voxels(), Quantity.HU));
        return sv.warnings();
    }

    /** Reads a further image volume (MR, PET, …) and writes it as NIfTI: stored values with any rescale applied. */
    public static void writeImage(List<Path> slices, Path target) throws IOException {
        java.nio.file.Files.createDirectories(target.getParent());
        Nifti.write(target, ImageSeriesReader.read(slices).volume());
    }

    /**
     * Reads the doses and sums them on the finest grid (smallest voxel volume; the others trilinearly resampled,
     * zero outside their grid). One dose is returned as read.
     */
    public static Dose sum(List<Path> doses) throws IOException {
        List<RtDose> read = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path p : doses) {
            RtDose d = RtDoseReader.read(p);
            if (d.doseUnits() != null && !"GY".equalsIgnoreCase(d.doseUnits().trim())) {
                throw new IOException(p + ": DoseUnits is " + d.doseUnits() + ", not GY: cannot sum");
            }
            d.warnings().forEach(w -> notes.add(p.getFileName() + ": " + w));
            read.add(d);
        }
        if (read.size() == 1) {
            return new Dose(read.get(0).volume(), notes);
        }
        int finest = 0;
        for (int n = 1; n < read.size(); n++) {
            if (read.get(n).volume().grid().voxelVolumeMm3() < read.get(finest).volume().grid().voxelVolumeMm3()) {
                finest = n;
            }
        }
        Grid ref = read.get(finest).volume().grid();
        notes.add("summed on the finest grid, that of " + doses.get(finest).getFileName() + " (" + ref + ")");
        float[] total = read.get(finest).volume().voxels().clone();
        for (int n = 0; n < read.size(); n++) {
            if (n == finest) {
                continue;
            }
            Volume v = read.get(n).volume();
            float[] add = v.grid().sameAs(ref, 1e-3) ? v.voxels()
                    : Resample.volume(v, ref, Interpolation.LINEAR, 0f).voxels();
            if (add != v.voxels()) {
                notes.add(doses.get(n).getFileName() + " resampled trilinearly onto that grid (zero outside its own)");
            }
            for (int i = 0; i < total.length; i++) {
                total[i] += add[i];
            }
        }
        return new Dose(new Volume(ref, total, Quantity.DOSE_GY), notes);
    }

    public static void writeDose(Volume dose, Path target) throws IOException {
        Nifti.write(target, new Volume(dose.grid(), dose.voxels(), Quantity.DOSE_GY), NiftiType.FLOAT32);
    }
}
