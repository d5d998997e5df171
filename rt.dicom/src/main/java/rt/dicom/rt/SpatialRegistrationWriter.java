package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;

/**
 * Builds a Spatial Registration object (1.2.840.10008.5.1.4.1.1.66.1, modality REG): one Registration Sequence item
 * per frame of reference, each with a rigid 4×4 matrix that maps that frame into the registered frame of reference
 * (the object's own Frame of Reference UID, whose item carries the identity), and the image series it registers
 * (Common Instance Reference module).
 *
 * <pre>{@code
 * String sop = new SpatialRegistrationWriter(ps, ctFrame)
 *         .identity(ReferencedSeries.of(ctHeaders))
 *         .rigid(ReferencedSeries.of(mrHeaders), mrToCt)   // 16 values, row-major
 *         .write(Path.of("REG.dcm"));
 * }</pre>
 */
public final class SpatialRegistrationWriter {

    /** One registered frame: its series and the matrix into the registered frame of reference. */
    private record Item(ReferencedSeries series, double[] matrix) {
    }

    private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

    private final PatientStudy patientStudy;
    private final String registeredFrameUid;
    private final List<Item> items = new ArrayList<>();
    private final WriterSupport.Instance instance = new WriterSupport.Instance();

    public SpatialRegistrationWriter(PatientStudy patientStudy, String registeredFrameOfReferenceUid) {
        this.patientStudy = patientStudy;
        this.registeredFrameUid = registeredFrameOfReferenceUid;
    }

    /** The series on the registered frame itself (identity matrix). */
    public SpatialRegistrationWriter identity(ReferencedSeries series) {
        return rigid(series, IDENTITY);
    }

    /** A series whose frame maps into the registered frame by {@code matrix} (4×4 row-major, last row 0 0 0 1). */
    public SpatialRegistrationWriter rigid(ReferencedSeries series, double[] matrix) {
        if (matrix == null || matrix.length != 16) {
            throw new IllegalArgumentException("a registration matrix has 16 values (4x4, row-major)");
        }
        items.add(new Item(series, matrix.clone()));
        return this;
    }

    public SpatialRegistrationWriter uids(String seriesInstanceUid, String sopInstanceUid) {
        instance.uids(seriesInstanceUid, sopInstanceUid);
        return this;
    }

    public SpatialRegistrationWriter series(int number, String description) {
        instance.series(number, description);
        return this;
    }

    public String sopInstanceUid() {
        return instance.sopInstanceUid;
    }

    /** Builds and writes the registration; returns its SOP Instance UID. */
    public String write(Path file) throws IOException {
        return instance.write(build(), file);
    }

    public DicomObject build() {
        DicomObject ds = instance.base(Uids.SPATIAL_REGISTRATION_STORAGE, patientStudy, "REG");
        WriterSupport.frameOfReference(ds, registeredFrameUid);
        ds.putInts(Tag.InstanceNumber, 1);
        ds.putString(Tag.Laterality); // General Series, type 2C: no body part is named, so it cannot be ruled out
        ds.putString(Tag.ContentLabel, "REGISTRATION");
        ds.putString(Tag.ContentDescription);
        ds.putString(Tag.ContentCreatorName);
        ds.putString(Tag.ContentDate, patientStudy.studyDate());
        ds.putString(Tag.ContentTime, patientStudy.studyTime());
        for (Item it : items) {
            DicomObject reg = ds.addItem(Tag.RegistrationSequence);
            reg.putString(Tag.FrameOfReferenceUID, it.series().frameOfReferenceUid());
            for (ReferencedSeries.Image img : it.series().images()) {
                DicomObject ri = reg.addItem(Tag.ReferencedImageSequence);
                ri.putString(Tag.ReferencedSOPClassUID, img.sopClassUid());
                ri.putString(Tag.ReferencedSOPInstanceUID, img.sopInstanceUid());
            }
            DicomObject mr = reg.addItem(Tag.MatrixRegistrationSequence);
            DicomObject code = mr.addItem(Tag.RegistrationTypeCodeSequence);
            code.putString(Tag.CodeValue, "125025");
            code.putString(Tag.CodingSchemeDesignator, "DCM");
            code.putString(Tag.CodeMeaning, "Visual Alignment");
            DicomObject m = mr.addItem(Tag.MatrixSequence);
            m.putDoubles(Tag.FrameOfReferenceTransformationMatrix, it.matrix());
            m.putString(Tag.FrameOfReferenceTransformationMatrixType, "RIGID");
        }
        // Common Instance Reference module: the series of this study, then those of other studies
        for (Item it : items) {
            ReferencedSeries s = it.series();
            if (s.seriesInstanceUid() == null) {
                continue;
            }
            DicomObject parent = ds;
            if (s.studyInstanceUid() != null && !s.studyInstanceUid().equals(patientStudy.studyInstanceUid())) {
                parent = ds.addItem(Tag.StudiesContainingOtherReferencedInstancesSequence);
                parent.putString(Tag.StudyInstanceUID, s.studyInstanceUid());
            }
            DicomObject series = parent.addItem(Tag.ReferencedSeriesSequence);
            series.putString(Tag.SeriesInstanceUID, s.seriesInstanceUid());
            for (ReferencedSeries.Image img : s.images()) {
                DicomObject ri = series.addItem(Tag.ReferencedInstanceSequence);
                ri.putString(Tag.ReferencedSOPClassUID, img.sopClassUid());
                ri.putString(Tag.ReferencedSOPInstanceUID, img.sopInstanceUid());
            }
        }
        return ds;
    }
}
