package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/** Frame of reference from where PS3.3 puts it, on a real third-party structure set and on layout variants. */
@ExtendWith(SurefireStyleSummary.class)
class IodAttributesTest {

    private static final String DICOMPYLER_FOR = "2.16.840.1.113662.2.12.0.3057.1241703565.36";

    @Test
    void a_real_structure_set_without_a_top_level_frame_of_reference() throws IOException {
        DicomObject rs = DicomReader.readHeader(RefData.resolve("dicompyler-core/rtss.dcm")).dataset();
        assertNull(rs.getString(Tag.FrameOfReferenceUID));
        assertEquals(DICOMPYLER_FOR, IodAttributes.frameOfReferenceUid(rs));
        assertEquals(DICOMPYLER_FOR, RtStructReader.read(RefData.resolve("dicompyler-core/rtss.dcm"))
                .frameOfReferenceUid());
    }

    @Test
    void structure_set_layouts_from_the_standard_and_from_vendors() {
        PatientStudy ps = PatientStudy.newStudy("P", "P");
        RtStructWriter w = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), "1.2.3"));
        w.addRoi("GTV", "GTV", null, List.of(Contour.closed(new double[] {0, 0, 0, 5, 0, 0, 5, 5, 0})));
        DicomObject standard = w.build();
        standard.remove(Tag.FrameOfReferenceUID); // as exports written to the editions without the top-level module
        DicomObject perRoiOnly = w.build();
        perRoiOnly.remove(Tag.ReferencedFrameOfReferenceSequence);
        perRoiOnly.remove(Tag.FrameOfReferenceUID);
        DicomObject topOnly = w.build();
        topOnly.remove(Tag.ReferencedFrameOfReferenceSequence);
        topOnly.remove(Tag.StructureSetROISequence);
        topOnly.putString(Tag.FrameOfReferenceUID, "1.2.4");
        DicomObject none = w.build();
        none.remove(Tag.ReferencedFrameOfReferenceSequence);
        none.remove(Tag.StructureSetROISequence);
        none.remove(Tag.FrameOfReferenceUID);
        DicomObject image = new DicomObject().putString(Tag.SOPClassUID, Uids.CT_IMAGE_STORAGE)
                .putString(Tag.FrameOfReferenceUID, "1.2.5");
        assertAll(() -> assertEquals("1.2.3", IodAttributes.frameOfReferenceUid(standard)),
                () -> assertEquals("1.2.3", IodAttributes.frameOfReferenceUid(perRoiOnly)),
                () -> assertEquals("1.2.4", IodAttributes.frameOfReferenceUid(topOnly)),
                () -> assertNull(IodAttributes.frameOfReferenceUid(none)),
                () -> assertEquals("1.2.5", IodAttributes.frameOfReferenceUid(image)));
    }
}
