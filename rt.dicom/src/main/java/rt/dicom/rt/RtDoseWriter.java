package rt.dicom.rt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.VR;

/**
 * Builds a multi-frame RT Dose (32-bit unsigned pixels, Dose Grid Scaling = max / (2^32 - 1) rounded, Gy, relative
 * Grid Frame Offset Vector) from a dose {@link Volume} in Gy. Negative doses are written as 0.
 *
 * <pre>{@code
 * String uid = new RtDoseWriter(patientStudy, frameOfReferenceUid, doseGy)
 *         .summation("PLAN", List.of(planSopInstanceUid)).write(Path.of("RD.dcm"));
 * }</pre>
 */
public final class RtDoseWriter {

    private final PatientStudy patientStudy;
    private final String frameOfReferenceUid;
    private final Volume dose;
    private String summationType = "PLAN";
    private List<String> planUids = new ArrayList<>();
    private String doseType = "PHYSICAL";
    private String comment;
    private final WriterSupport.Instance instance = new WriterSupport.Instance();

    public RtDoseWriter(PatientStudy patientStudy, String frameOfReferenceUid, Volume doseGy) {
        this.patientStudy = patientStudy;
        this.frameOfReferenceUid = frameOfReferenceUid;
        this.dose = doseGy;
    }

    /**
     * Dose Summation Type (PLAN, MULTI_PLAN, FRACTION, BEAM, …) and the RT Plans it refers to (required by the
     * standard for PLAN and MULTI_PLAN; RT Plan storage class assumed).
     */
    public RtDoseWriter summation(String type, List<String> referencedPlanSopInstanceUids) {
        this.summationType = type;
        this.planUids = new ArrayList<>(referencedPlanSopInstanceUids);
        return this;
    }

    /** PHYSICAL (default) or EFFECTIVE. */
    public RtDoseWriter doseType(String type) {
        this.doseType = type;
        return this;
    }

    public RtDoseWriter comment(String doseComment) {
        this.comment = doseComment;
        return this;
    }

    public RtDoseWriter uids(String seriesUid, String sopUid) {
        instance.uids(seriesUid, sopUid);
        return this;
    }

    public RtDoseWriter series(int number, String description) {
        instance.series(number, description);
        return this;
    }

    /**
     * Instance Creation Date (YYYYMMDD) and Time (HHMMSS) written into the dose (also its Content Date/Time),
     * for reproducible output (default: the time of {@code build()}).
     */
    public RtDoseWriter creationDateTime(String date, String time) {
        instance.creationDateTime(date, time);
        return this;
    }

    /**
     * Series and SOP Instance UIDs derived from the content at {@link #write}, instead of random ones: for outputs
     * of the pipeline (a summed dose), so that the same inputs give the same UIDs.
     */
    public RtDoseWriter uidsFromContent() {
        instance.uidsFromContent = true;
        return this;
    }

    public String sopInstanceUid() {
        return instance.sopInstanceUid;
    }

    /** Builds and writes; returns the SOP Instance UID. */
    public String write(Path file) throws IOException {
        return instance.write(build(), file);
    }

    public DicomObject build() {
        Grid g = dose.grid();
        DicomObject ds = instance.base(Uids.RT_DOSE_STORAGE, patientStudy, "RTDOSE");
        WriterSupport.frameOfReference(ds, frameOfReferenceUid);
        ds.putInts(Tag.InstanceNumber, 1);
        ds.putString(Tag.ContentDate, ds.getString(Tag.InstanceCreationDate));
        ds.putString(Tag.ContentTime, ds.getString(Tag.InstanceCreationTime));
        double[] u = {g.direction(0, 0), g.direction(0, 1), g.direction(0, 2)};
        double[] v = {g.direction(1, 0), g.direction(1, 1), g.direction(1, 2)};
        double[] n = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        double sign = Math.signum(n[0] * g.direction(2, 0) + n[1] * g.direction(2, 1) + n[2] * g.direction(2, 2));
        ds.putDoubles(Tag.ImagePositionPatient, g.origin());
        ds.putDoubles(Tag.ImageOrientationPatient, u[0], u[1], u[2], v[0], v[1], v[2]);
        ds.putDoubles(Tag.PixelSpacing, g.spacing(1), g.spacing(0));
        ds.putDoubles(Tag.SliceThickness, g.spacing(2));
        ds.putInts(Tag.SamplesPerPixel, 1);
        ds.putString(Tag.PhotometricInterpretation, "MONOCHROME2");
        ds.putInts(Tag.NumberOfFrames, g.nz());
        ds.putInts(Tag.FrameIncrementPointer, VR.AT, Tag.GridFrameOffsetVector);
        ds.putInts(Tag.Rows, g.ny());
        ds.putInts(Tag.Columns, g.nx());
        ds.putInts(Tag.BitsAllocated, 32);
        ds.putInts(Tag.BitsStored, 32);
        ds.putInts(Tag.HighBit, 31);
        ds.putInts(Tag.PixelRepresentation, 0);
        ds.putString(Tag.DoseUnits, "GY");
        ds.putString(Tag.DoseType, doseType);
        if (comment != null) {
            ds.putString(Tag.DoseComment, comment);
        }
        ds.putString(Tag.DoseSummationType, summationType);
        for (String plan : planUids) {
            DicomObject ref = ds.addItem(Tag.ReferencedRTPlanSequence);
            ref.putString(Tag.ReferencedSOPClassUID, Uids.RT_PLAN_STORAGE);
            ref.putString(Tag.ReferencedSOPInstanceUID, plan);
        }
        double[] offsets = new double[g.nz()];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = sign * k * g.spacing(2);
        }
        ds.putDoubles(Tag.GridFrameOffsetVector, offsets);
        float[] vox = dose.voxels();
        float max = 0;
        for (float x : vox) {
            max = Math.max(max, x);
        }
        double scaling = max > 0 ? Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6e", max / 4.0e9))
                : 1.0;
        ds.putDoubles(Tag.DoseGridScaling, scaling);
        ByteBuffer pixels = ByteBuffer.allocate(vox.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : vox) {
            long p = x > 0 ? Math.round(x / scaling) : 0;
            pixels.putInt((int) Math.min(p, 0xFFFFFFFFL));
        }
        ds.putBytes(Tag.PixelData, VR.OW, pixels.array());
        return ds;
    }
}
