package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.internal.command.Inspector;
import rt.testsupport.SurefireStyleSummary;

/** The RT readers route by SOP Class: a wrong Modality is tolerated, a wrong SOP Class is rejected clearly. */
@ExtendWith(SurefireStyleSummary.class)
class RtSopClassTest {

    @TempDir
    Path dir;

    private static final PatientStudy PS = PatientStudy.newStudy("SOP01", "Sop^Test");
    private static final String FRAME = Uids.fromName("sop/frame");

    private static DicomObject structureSet() {
        RtStructWriter w = new RtStructWriter(PS, ReferencedSeries.frameOnly(PS.studyInstanceUid(), FRAME));
        w.addRoi("Box", "ORGAN", null, List.of(Contour.closed(new double[] {0, 0, 0, 10, 0, 0, 10, 10, 0})));
        return w.build();
    }

    private static DicomObject dose() {
        Grid g = Grid.axisAligned(2, 2, 2, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        return new RtDoseWriter(PS, FRAME, new Volume(g, new float[] {0, 1, 2, 3, 4, 5, 6, 7}, Quantity.DOSE_GY))
                .build();
    }

    @Test
    void wrong_modality_is_accepted_by_sop_class() throws IOException {
        DicomObject rs = structureSet().putString(Tag.Modality, "CT");
        assertEquals(1, RtStructReader.from(rs, "rs").rois().size());
        Path file = dir.resolve("RS.dcm");
        DicomWriter.write(rs, file);
        assertEquals("Box", RtStructReader.read(file).rois().get(0).name());
        assertTrue(new Inspector().inspect(file).get(0).startsWith("RTSTRUCT "), "routed by SOP Class");

        DicomObject rd = dose().putString(Tag.Modality, "OT");
        Path doseFile = dir.resolve("RD.dcm");
        DicomWriter.write(rd, doseFile);
        assertEquals(7.0, RtDoseReader.read(doseFile).maxGy(), 1e-6);

        DicomObject rp = new RtPlanWriter(PS, FRAME, "P").addBeam("G0", 0, 100, 6).build()
                .putString(Tag.Modality, "RTSTRUCT");
        assertEquals("P", RtPlanReader.from(rp, "rp").label());
        assertEquals("RTPLAN", RtSopClass.kindOf(rp));
        rp.putString(Tag.SOPClassUID, Uids.RT_ION_PLAN_STORAGE);
        assertEquals("P", RtPlanReader.from(rp, "rp").label());
    }

    /** OpenTPS test data (not in shared/): a structure set written with Modality RTDOSE. */
    @Test
    void wrong_sop_class_is_rejected_naming_it() {
        DicomObject ct = new CtSeriesWriter(PS, FRAME, new Volume(Grid.axisAligned(2, 2, 1, new double[3],
                new double[] {1, 1, 1}), new float[4], Quantity.HU)).build().get(0);
        ct.putString(Tag.Modality, "RTSTRUCT");
        DicomException e = assertThrows(DicomException.class, () -> RtStructReader.from(ct, "ct.dcm"));
        assertEquals("ct.dcm: not an RT Structure Set: SOP Class " + Uids.CT_IMAGE_STORAGE
                + " (CT Image Storage) (Modality RTSTRUCT)", e.getMessage());
        e = assertThrows(DicomException.class, () -> RtPlanReader.from(structureSet(), "rs.dcm"));
        assertTrue(e.getMessage().startsWith("rs.dcm: not an RT Plan: SOP Class " + Uids.RT_STRUCTURE_SET_STORAGE
                + " (RT Structure Set Storage)"), e.getMessage());
        assertThrows(DicomException.class, () -> RtRecordReader.from(structureSet(), "rs.dcm"));
        assertThrows(DicomException.class, () -> RtDoseReader.from(
                new rt.dicom.DicomFile("rs.dcm", new DicomObject(), structureSet(), null, false, true),
                "rs.dcm"));
    }

    @Test
    void without_sop_class_modality_or_content_decides() throws DicomException {
        DicomObject rs = structureSet();
        rs.remove(Tag.SOPClassUID);
        rs.putString(Tag.Modality, "CT");
        assertEquals(1, RtStructReader.from(rs, "rs").rois().size(), "Structure Set ROI Sequence present");
        DicomObject empty = new DicomObject().putString(Tag.Modality, "CT");
        DicomException e = assertThrows(DicomException.class, () -> RtStructReader.from(empty, "x.dcm"));
        assertEquals("x.dcm: not an RT Structure Set (no SOP Class UID, Modality CT)", e.getMessage());
        assertEquals("CT", RtSopClass.kindOf(empty));
    }
}
