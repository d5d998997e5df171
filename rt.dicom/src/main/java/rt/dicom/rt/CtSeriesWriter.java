package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import rt.api.image.Grid;
import rt.api.image.Volume;
import rt.dicom.DicomDictionary;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.VR;

/**
 * Writes a volume in HU as a CT Image series, one single-frame slice per k (16-bit signed, slope 1, intercept 0,
 * values rounded and clamped to the 16-bit range), e.g. for synthetic test data.
 *
 * <p>Laterality (Type 2C, required for paired body parts only) is written empty when no Body Part Examined is set,
 * and left out when one is (e.g. {@code attribute(Tag.BodyPartExamined, "PELVIS")}); for a paired part set it
 * too: {@code attribute(Tag.Laterality, "L")}.
 *
 * <pre>{@code
 * CtSeriesWriter w = new CtSeriesWriter(patientStudy, frameOfReferenceUid, ctHu);
 * List<Path> files = w.write(folder);                     // CT.<sop uid>.dcm
 * ReferencedSeries ref = ReferencedSeries.of(w.build());  // for an RtStructWriter
 * }</pre>
 */
public final class CtSeriesWriter {

    private final PatientStudy patientStudy;
    private final String frameOfReferenceUid;
    private final Volume hu;
    private final String seriesInstanceUid;
    private final List<String> sopUids = new ArrayList<>();
    private int seriesNumber = 1;
    private String seriesDescription;
    private final Map<Integer, String[]> extraAttributes = new LinkedHashMap<>();
    private final List<Consumer<DicomObject>> customizers = new ArrayList<>();
    private String creationDate;
    private String creationTime;

    public CtSeriesWriter(PatientStudy patientStudy, String frameOfReferenceUid, Volume hu) {
        this(patientStudy, frameOfReferenceUid, hu, Uids.create());
    }

    /** With a fixed series UID; slice SOP UIDs are derived from it ({@link Uids#fromName}), so output is stable. */
    public CtSeriesWriter(PatientStudy patientStudy, String frameOfReferenceUid, Volume hu, String seriesInstanceUid) {
        this.patientStudy = patientStudy;
        this.frameOfReferenceUid = frameOfReferenceUid;
        this.hu = hu;
        this.seriesInstanceUid = seriesInstanceUid;
        for (int k = 0; k < hu.grid().nz(); k++) {
            sopUids.add(Uids.fromName(seriesInstanceUid + "/" + k));
        }
    }

    public CtSeriesWriter series(int number, String description) {
        this.seriesNumber = number;
        this.seriesDescription = description;
        return this;
    }

    /**
     * Instance Creation Date (YYYYMMDD) and Time (HHMMSS) written into every slice,
     * for reproducible output (default: the time of {@code build()}).
     */
    public CtSeriesWriter creationDateTime(String date, String time) {
        WriterSupport.checkDateTime(date, time);
        this.creationDate = date;
        this.creationTime = time;
        return this;
    }

    /**
     * An extra attribute written into every slice, VR from the data dictionary (e.g.
     * {@code attribute(Tag.BodyPartExamined, "PELVIS")}); replaces an attribute the writer sets itself; no values
     * write it empty. Applied in call order, before {@link #customize}.
     */
    public CtSeriesWriter attribute(int tag, String... values) {
        VR vr = DicomDictionary.vrOf(tag);
        if (vr == VR.SQ || vr.isBinary() && vr != VR.UN) {
            throw new IllegalArgumentException(Tag.toString(tag) + " has VR " + vr + ", not a string (use customize)");
        }
        extraAttributes.put(tag, values == null ? new String[0] : values.clone());
        return this;
    }

    /** Edits every slice's data set after the writer's own attributes (and {@link #attribute}s) are set. */
    public CtSeriesWriter customize(Consumer<DicomObject> perSlice) {
        customizers.add(java.util.Objects.requireNonNull(perSlice));
        return this;
    }

    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }

    /** Writes {@code CT.<SOPInstanceUID>.dcm} per slice into the folder; returns the files in slice order. */
    public List<Path> write(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        List<DicomObject> slices = build();
        for (DicomObject s : slices) {
            Path f = folder.resolve("CT." + s.getString(Tag.SOPInstanceUID) + ".dcm");
            DicomWriter.write(s, f);
            files.add(f);
        }
        return files;
    }

    /** The slices' data sets, k ascending. */
    public List<DicomObject> build() {
        Grid g = hu.grid();
        List<DicomObject> out = new ArrayList<>();
        int plane = g.nx() * g.ny();
        float[] vox = hu.voxels();
        String date = creationDate != null ? creationDate : WriterSupport.today();
        String time = creationTime != null ? creationTime : WriterSupport.now();
        for (int k = 0; k < g.nz(); k++) {
            DicomObject ds = WriterSupport.base(Uids.CT_IMAGE_STORAGE, sopUids.get(k), patientStudy, "CT",
                    seriesInstanceUid, seriesNumber, seriesDescription, date, time);
            ds.putString(Tag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
            WriterSupport.frameOfReference(ds, frameOfReferenceUid);
            ds.putString(Tag.PatientPosition, "HFS");
            ds.putInts(Tag.InstanceNumber, k + 1);
            ds.putInts(Tag.AcquisitionNumber, 1);
            ds.putString(Tag.KVP);
            ds.putString(Tag.ContentDate, patientStudy.studyDate());
            ds.putString(Tag.ContentTime, patientStudy.studyTime());
            double[] p = g.indexToWorld(0, 0, k);
            ds.putDoubles(Tag.ImagePositionPatient, p);
            ds.putDoubles(Tag.ImageOrientationPatient, g.direction(0, 0), g.direction(0, 1), g.direction(0, 2),
                    g.direction(1, 0), g.direction(1, 1), g.direction(1, 2));
            ds.putDoubles(Tag.PixelSpacing, g.spacing(1), g.spacing(0));
            ds.putDoubles(Tag.SliceThickness, g.spacing(2));
            ds.putDoubles(Tag.SliceLocation, p[0] * g.direction(2, 0) + p[1] * g.direction(2, 1)
                    + p[2] * g.direction(2, 2));
            ds.putInts(Tag.SamplesPerPixel, 1);
            ds.putString(Tag.PhotometricInterpretation, "MONOCHROME2");
            ds.putInts(Tag.Rows, g.ny());
            ds.putInts(Tag.Columns, g.nx());
            ds.putInts(Tag.BitsAllocated, 16);
            ds.putInts(Tag.BitsStored, 16);
            ds.putInts(Tag.HighBit, 15);
            ds.putInts(Tag.PixelRepresentation, 1);
            ds.putDoubles(Tag.RescaleIntercept, 0);
            ds.putDoubles(Tag.RescaleSlope, 1);
            ds.putString(Tag.RescaleType, "HU");
            short[] pixels = new short[plane];
            for (int i = 0; i < plane; i++) {
                long v = Math.round(vox[k * plane + i]);
                pixels[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
            ds.putShorts(Tag.PixelData, VR.OW, pixels);
            extraAttributes.forEach(ds::putString);
            for (Consumer<DicomObject> c : customizers) {
                c.accept(ds);
            }
            if (!ds.contains(Tag.Laterality) && ds.getString(Tag.BodyPartExamined, "").isEmpty()) {
                // Type 2C, required for paired body parts: without a Body Part Examined it cannot be ruled out.
                ds.putString(Tag.Laterality);
            }
            out.add(ds);
        }
        return out;
    }
}
