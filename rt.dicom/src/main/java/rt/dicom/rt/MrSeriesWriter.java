package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.VR;

/**
 * Writes a volume of signal intensities as an MR Image series (MR Image Storage), one single-frame slice per k:
 * 16-bit unsigned, values rounded and clamped to 0…65535, no rescale (the MR Image IOD has no Modality LUT). The
 * geometry, patient/study and slice attributes are those of {@link CtSeriesWriter}; the MR Image module (a 2D spin
 * echo, T1-like TR/TE) replaces the CT Image module. For synthetic test data.
 *
 * <pre>{@code
 * MrSeriesWriter w = new MrSeriesWriter(patientStudy, mrFrameUid, intensities, seriesUid);
 * w.write(folder);                                         // MR.<sop uid>.dcm
 * ReferencedSeries ref = ReferencedSeries.of(w.build());   // for an RtStructWriter on the MR
 * }</pre>
 */
public final class MrSeriesWriter {

    private final Volume intensities;
    private final CtSeriesWriter slices;

    public MrSeriesWriter(PatientStudy patientStudy, String frameOfReferenceUid, Volume intensities) {
        this(patientStudy, frameOfReferenceUid, intensities, Uids.create());
    }

    /** With a fixed series UID; slice SOP UIDs are derived from it, so output is stable. */
    public MrSeriesWriter(PatientStudy patientStudy, String frameOfReferenceUid, Volume intensities,
            String seriesInstanceUid) {
        this.intensities = intensities;
        this.slices = new CtSeriesWriter(patientStudy, frameOfReferenceUid, intensities, seriesInstanceUid);
        slices.customize(this::toMr);
    }

    public MrSeriesWriter series(int number, String description) {
        slices.series(number, description);
        return this;
    }

    /** Instance Creation Date (YYYYMMDD) and Time (HHMMSS) of every slice (default: the time of build). */
    public MrSeriesWriter creationDateTime(String date, String time) {
        slices.creationDateTime(date, time);
        return this;
    }

    /** An extra string attribute written into every slice (see {@link CtSeriesWriter#attribute}). */
    public MrSeriesWriter attribute(int tag, String... values) {
        slices.attribute(tag, values);
        return this;
    }

    public String seriesInstanceUid() {
        return slices.seriesInstanceUid();
    }

    /** Writes {@code MR.<SOPInstanceUID>.dcm} per slice into the folder; returns the files in slice order. */
    public List<Path> write(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        for (DicomObject s : build()) {
            Path f = folder.resolve("MR." + s.getString(Tag.SOPInstanceUID) + ".dcm");
            DicomWriter.write(s, f);
            files.add(f);
        }
        return files;
    }

    /** The slices' data sets, k ascending. */
    public List<DicomObject> build() {
        return slices.build();
    }

    /** Runs after the CT writer's own attributes (and before its extra attributes are re-applied by nobody). */
    private void toMr(DicomObject ds) {
        ds.putString(Tag.SOPClassUID, Uids.MR_IMAGE_STORAGE);
        ds.putString(Tag.Modality, "MR");
        ds.putString(Tag.ImageType, "ORIGINAL", "PRIMARY", "M", "NONE");
        for (int ct : new int[] {Tag.KVP, Tag.RescaleIntercept, Tag.RescaleSlope, Tag.RescaleType}) {
            ds.remove(ct);
        }
        // MR Image module (C.8.3.1): type 1 and 2 attributes of a plain 2D spin-echo acquisition
        ds.putString(Tag.ScanningSequence, "SE");
        ds.putString(Tag.SequenceVariant, "NONE");
        ds.putString(Tag.ScanOptions);
        ds.putString(Tag.MRAcquisitionType, "2D");
        ds.putDoubles(Tag.RepetitionTime, 500);
        ds.putDoubles(Tag.EchoTime, 15);
        ds.putInts(Tag.EchoTrainLength, 1);
        ds.putString(Tag.ImagedNucleus, "1H");
        ds.putDoubles(Tag.MagneticFieldStrength, 1.5);
        ds.putDoubles(Tag.SpacingBetweenSlices, intensities.grid().spacing(2));
        ds.putInts(Tag.PixelRepresentation, 0);
        Grid g = intensities.grid();
        int k = ds.getInt(Tag.InstanceNumber, 1) - 1;
        int plane = g.nx() * g.ny();
        float[] vox = intensities.voxels();
        short[] pixels = new short[plane];
        for (int i = 0; i < plane; i++) {
            long v = Math.round(vox[k * plane + i]);
            pixels[i] = (short) Math.max(0, Math.min(0xFFFF, v));
        }
        ds.putShorts(Tag.PixelData, VR.OW, pixels);
    }
}
