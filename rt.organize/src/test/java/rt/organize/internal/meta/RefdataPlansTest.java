package rt.organize.internal.meta;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/**
 * case.json fields of third-party files in shared/refdata. The expected values were read by hand with pydicom
 * ({@code /usr/bin/python3 -c "import pydicom; d = pydicom.dcmread(...)"}: RTPlanLabel, FractionGroupSequence,
 * DoseReferenceSequence, BeamSequence and its ControlPointSequence; Manufacturer, KVP, ConvolutionKernel, …).
 */
@ExtendWith(SurefireStyleSummary.class)
class RefdataPlansTest {

    private static DicomObject read(String relative) throws Exception {
        return DicomReader.readDataset(RefData.resolve(relative));
    }

    @SuppressWarnings("unchecked")
    @Test
    void pydicomRtPlanAndCt() throws Exception {
        DicomObject plan = read("pydicom-rt/rtplan.dcm");
        DicomObject ct = DicomReader.readHeader(RefData.resolve("pydicom-rt/CT_small.dcm")).dataset();
        Map<String, Object> m = CaseMetadata.build("P", "C", List.of(new CaseMetadata.PlanInput("rp", plan, true)),
                ct, List.of(), List.of(), null, new ArrayList<>());
        Map<String, Object> p = ((List<Map<String, Object>>) m.get("plans")).get(0);
        Map<String, Object> c = (Map<String, Object>) m.get("ct");
        Map<String, Object> patient = (Map<String, Object>) m.get("patient");
        assertAll(
                () -> assertEquals("Plan1", p.get("label")),
                () -> assertEquals("Plan1", p.get("name")),
                () -> assertEquals("20030903", p.get("date")),
                () -> assertEquals("STATIC", p.get("technique"), "one STATIC beam, two control points"),
                () -> assertEquals(1, p.get("beam_count")),
                () -> assertEquals(List.of("Field 1"), p.get("beam_names")),
                () -> assertEquals(List.of("6 MV"), p.get("energies")),
                () -> assertEquals(List.of("unit001"), p.get("machines")),
                () -> assertEquals(116.0036697, (Double) p.get("meterset_per_fraction"), 1e-9),
                () -> assertEquals(30.826203, (Double) p.get("prescription_gy"), 1e-9, "TARGET TargetPrescriptionDose"),
                () -> assertEquals(30, p.get("fractions_planned")),
                () -> assertEquals("GE MEDICAL SYSTEMS", c.get("manufacturer")),
                () -> assertEquals("RHAPSODE", c.get("model")),
                () -> assertEquals(120.0, (Double) c.get("kvp"), 1e-9),
                () -> assertEquals("STANDARD", c.get("convolution_kernel")),
                () -> assertEquals(5.0, (Double) c.get("slice_thickness_mm"), 1e-9),
                () -> assertEquals("O", patient.get("sex")),
                () -> assertEquals("000Y", patient.get("age"), "as stored (an anonymiser's zero), not judged"),
                () -> assertNull(patient.get("size_m")),
                () -> assertEquals(0.0, (Double) patient.get("weight_kg"), 1e-9));
    }

    @SuppressWarnings("unchecked")
    @Test
    void dicompylerCorePlanIsSlidingWindowImrtWithFourBeams() throws Exception {
        DicomObject plan = read("dicompyler-core/rtplan.dcm");
        Map<String, Object> p = CaseMetadata.plan(new CaseMetadata.PlanInput("rp", plan, true));
        List<Map<String, Object>> beams = (List<Map<String, Object>>) p.get("beams");
        assertAll(
                () -> assertEquals("B1", p.get("label")),
                () -> assertNull(p.get("name"), "RTPlanName absent"),
                () -> assertEquals("IMRT", p.get("technique"), "DYNAMIC beams, fixed gantry, 92-103 control points"),
                () -> assertEquals(4, p.get("beam_count")),
                () -> assertEquals(List.of("3 RAO", "4 AP", "5 LAO", "6 LPO"), p.get("beam_names")),
                () -> assertEquals(List.of("10 MV", "6 MV"), p.get("energies")),
                () -> assertEquals(List.of("txmachine"), p.get("machines")),
                () -> assertEquals(367.0, (Double) p.get("meterset_per_fraction"), 1e-9, "97 + 87 + 89 + 94"),
                () -> assertEquals(List.of(92, 94, 103, 95), beams.stream().map(b -> b.get("control_points")).toList()),
                () -> assertEquals(14.0, (Double) p.get("prescription_gy"), 1e-9, "highest TARGET level"),
                () -> assertEquals(7, p.get("fractions_planned")),
                () -> assertEquals(2.0, (Double) p.get("dose_per_fraction_gy"), 1e-9));
    }
}
