package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.TransferSyntax;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/** pydicom's RT test files, checked against the values pydicom's own tests assert (pydicom 2.3 test suite). */
@ExtendWith(SurefireStyleSummary.class)
class PydicomRtFilesTest {

    /** pydicom test_numpy_pixel_data.py test_little_32bit_1sample_15frame: raw pixel values. */
    private static final int[][] FRAME1 = {{1249000, 1249000, 1250000}, {1031000, 1029000, 1027000},
        {803000, 801000, 798000}};
    private static final int[][] FRAME8 = {{1253000, 1253000, 1249000}, {1026000, 1023000, 1022000},
        {803000, 803000, 803000}};
    private static final int[][] FRAME15 = {{1249000, 1250000, 1251000}, {1031000, 1031000, 1031000},
        {801000, 800000, 799000}};

    @Test
    void rtdose_pixel_values_match_pydicoms_assertions() throws IOException {
        RtDose dose = RtDoseReader.read(RefData.resolve("pydicom-rt/rtdose.dcm"));
        Grid g = dose.volume().grid();
        assertEquals(10, g.nx());
        assertEquals(10, g.ny());
        assertEquals(15, g.nz());
        double scaling = 1.0e-6; // DoseGridScaling of the file: Gy = raw * 1e-6
        for (int[] frame : new int[][] {{0}, {7}, {14}}) {
            int k = frame[0];
            int[][] expected = k == 0 ? FRAME1 : k == 7 ? FRAME8 : FRAME15;
            assertAll(
                    () -> assertEquals(expected[0][0] * scaling, dose.volume().get(0, 0, k), 1e-6),
                    () -> assertEquals(expected[0][1] * scaling, dose.volume().get(1, 0, k), 1e-6),
                    () -> assertEquals(expected[0][2] * scaling, dose.volume().get(2, 0, k), 1e-6),
                    // arr[k, 4, 3:6] = row 4, columns 3..5
                    () -> assertEquals(expected[1][0] * scaling, dose.volume().get(3, 4, k), 1e-6),
                    () -> assertEquals(expected[1][1] * scaling, dose.volume().get(4, 4, k), 1e-6),
                    () -> assertEquals(expected[1][2] * scaling, dose.volume().get(5, 4, k), 1e-6),
                    // arr[k, -1, -3:] = last row, last three columns
                    () -> assertEquals(expected[2][0] * scaling, dose.volume().get(7, 9, k), 1e-6),
                    () -> assertEquals(expected[2][1] * scaling, dose.volume().get(8, 9, k), 1e-6),
                    () -> assertEquals(expected[2][2] * scaling, dose.volume().get(9, 9, k), 1e-6));
        }
        // frames 5 mm apart from ImagePositionPatient, 10 mm pixels
        assertArrayEquals(new double[] {189.43125, 199.43125, -761.87}, g.origin(), 1e-9);
        assertArrayEquals(new double[] {10, 10, 5}, g.spacing(), 1e-9);
    }

    @Test
    void rtdose_nested_values_match_test_filereader() throws IOException {
        DicomObject dose = DicomReader.read(RefData.resolve("pydicom-rt/rtdose.dcm")).dataset();
        // test_RTDose: FrameIncrementPointer is (3004,000C); deepest nested ReferencedBeamNumber is 1
        assertArrayEquals(new int[] {Tag.GridFrameOffsetVector}, dose.getInts(Tag.FrameIncrementPointer));
        DicomObject fraction = dose.getItem(Tag.ReferencedRTPlanSequence).getItem(Tag.ReferencedFractionGroupSequence);
        assertEquals(1, fraction.getItem(Tag.ReferencedBeamSequence).getInt(Tag.ReferencedBeamNumber, -1));
    }

    @Test
    void rtplan_values_match_test_filereader() throws IOException {
        DicomObject plan = DicomReader.read(RefData.resolve("pydicom-rt/rtplan.dcm")).dataset();
        DicomObject beam = plan.getItem(Tag.BeamSequence);
        assertEquals(2, beam.getSequence(Tag.ControlPointSequence).size());
        assertEquals("unit001", beam.getString(Tag.TreatmentMachineName));
        DicomObject cp0 = beam.getItem(Tag.ControlPointSequence, 0);
        DicomObject cp1 = beam.getItem(Tag.ControlPointSequence, 1);
        assertEquals(0.9990268, cp1.getItem(Tag.ReferencedDoseReferenceSequence)
                .getDouble(Tag.CumulativeDoseReferenceCoefficient, 0), 0);
        assertArrayEquals(new double[] {-100, 100},
                cp0.getItem(Tag.BeamLimitingDevicePositionSequence).getDoubles(Tag.LeafJawPositions));
        RtPlan summary = RtPlanReader.from(plan, "rtplan.dcm");
        assertEquals("Plan1", summary.label());
        assertEquals(30, summary.fractions());
        assertEquals(1, summary.beams().size());
        assertEquals("Field 1", summary.beams().get(0).name());
        assertEquals(30.826203, summary.prescriptionGy(), 1e-9);
    }

    @Test
    void rtstruct_without_preamble_or_file_meta_parses() throws IOException {
        DicomFile f = DicomReader.read(RefData.resolve("pydicom-rt/rtstruct.dcm"));
        assertEquals(false, f.preamble());
        assertEquals(0, f.fileMeta().size());
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        RtStruct rs = RtStructReader.from(f.dataset(), "rtstruct.dcm");
        assertEquals(3, rs.rois().size());
        assertEquals("patient", rs.roi(1).orElseThrow().name());
        assertEquals("Isocenter 2", rs.roi(3).orElseThrow().name());
        double[] p = rs.roi(1).orElseThrow().contours().get(0).points();
        assertArrayEquals(new double[] {-200, 150, -200, -200, -150, -200}, java.util.Arrays.copyOf(p, 6));
    }

    @Test
    void dicompyler_plan_summary() throws IOException {
        RtPlan plan = RtPlanReader.read(RefData.resolve("dicompyler-core/rtplan.dcm"));
        assertEquals("B1", plan.label());
        assertEquals(7, plan.fractions());
        assertEquals(14.0, plan.prescriptionGy(), 1e-9); // the refdata README: Rx 14 Gy
        assertEquals(4, plan.beams().size());
    }
}
