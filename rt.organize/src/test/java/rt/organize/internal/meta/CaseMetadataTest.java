package rt.organize.internal.meta;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtPlanWriter;
import rt.dicom.rt.RtRecordReader;
import rt.dicom.rt.RtRecordWriter;
import rt.testsupport.SurefireStyleSummary;

/** case.json content from synthetic objects of our own writers, with known values. */
@ExtendWith(SurefireStyleSummary.class)
class CaseMetadataTest {

    private static final PatientStudy PS = new PatientStudy("Test^P", "P1", "19500101", "F", "1.2.826.0.1.1",
            "20240301", "090000", "1", "", "", null);

    static DicomObject twoBeamPlan() {
        return new RtPlanWriter(PS, "1.2.826.0.1.2", "PROSTATE").name("Prostate 50/25").dateTime("20240226", "101500")
                .prescription(50, 25, null).machine("TB1").addBeam("G0", 0, 120, 6).addBeam("G180", 180, 118.5, 10)
                .build();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aTwoBeamPlanGivesItsBeamsEnergiesMetersetAndPrescription() throws Exception {
        Map<String, Object> p = CaseMetadata.plan(new CaseMetadata.PlanInput("rp", twoBeamPlan(), true));
        List<Map<String, Object>> beams = (List<Map<String, Object>>) p.get("beams");
        assertAll(
                () -> assertEquals("PROSTATE", p.get("label")),
                () -> assertEquals("Prostate 50/25", p.get("name")),
                () -> assertEquals("20240226", p.get("date")),
                () -> assertEquals("STATIC", p.get("technique"), "two control points, fixed gantry, STATIC"),
                () -> assertEquals(2, p.get("beam_count")),
                () -> assertEquals(List.of("G0", "G180"), p.get("beam_names")),
                () -> assertEquals(List.of("6 MV", "10 MV"), p.get("energies")),
                () -> assertEquals(List.of("PHOTON"), p.get("radiation_types")),
                () -> assertEquals(List.of("TB1"), p.get("machines")),
                () -> assertEquals(238.5, (Double) p.get("meterset_per_fraction"), 1e-9),
                () -> assertEquals("MU", p.get("meterset_unit")),
                () -> assertEquals(120.0, (Double) beams.get(0).get("meterset"), 1e-9),
                () -> assertEquals(118.5, (Double) beams.get(1).get("meterset"), 1e-9),
                () -> assertEquals(10.0, (Double) beams.get(1).get("nominal_energy"), 1e-9),
                () -> assertEquals(50.0, (Double) p.get("prescription_gy"), 1e-9),
                () -> assertEquals(25, p.get("fractions_planned")),
                () -> assertEquals(2.0, (Double) p.get("dose_per_fraction_gy"), 1e-9));
    }

    @SuppressWarnings("unchecked")
    @Test
    void patientCtAndCourseDatesComeFromTheirModulesAndMissingOnesStayNull() throws Exception {
        Grid g = Grid.axisAligned(4, 4, 2, new double[] {0, 0, 0}, new double[] {1, 1, 2.5});
        DicomObject ct = new CtSeriesWriter(PS, "1.2.826.0.1.2", new Volume(g, new float[32], Quantity.HU))
                .attribute(Tag.KVP, "120").attribute(Tag.ConvolutionKernel, "B30f")
                .attribute(Tag.PatientAge, "067Y").attribute(Tag.PatientWeight, "81.5").build().get(0);
        DicomObject plan = twoBeamPlan();
        String planUid = plan.getString(Tag.SOPInstanceUID);
        List<CaseMetadata.RecordInput> records = new ArrayList<>();
        for (int f = 1; f <= 3; f++) {
            DicomObject r = new RtRecordWriter(PS, planUid, "2024030" + (3 + f), "0815" + (10 + f), f).machine("TB1")
                    .addBeam(1, "G0", 120, 120).addBeam(2, "G180", 118.5, 118.5).build();
            records.add(new CaseMetadata.RecordInput(r, RtRecordReader.from(r, "r" + f)));
        }
        var fractions = FractionTable.of(records.stream().map(CaseMetadata.RecordInput::record).toList());
        Map<String, Object> m = CaseMetadata.build("P1", "2024-02", List.of(new CaseMetadata.PlanInput("rp", plan,
                true)), ct, records, fractions, 50.0, new ArrayList<>());
        Map<String, Object> patient = (Map<String, Object>) m.get("patient");
        Map<String, Object> ctJson = (Map<String, Object>) m.get("ct");
        Map<String, Object> dates = (Map<String, Object>) m.get("course_dates");
        Map<String, Object> summary = (Map<String, Object>) m.get("summary");
        assertAll(
                () -> assertEquals("F", patient.get("sex")),
                () -> assertEquals("067Y", patient.get("age")),
                () -> assertEquals(67.0, (Double) patient.get("age_years"), 1e-9),
                () -> assertNull(patient.get("size_m"), "Patient's Size absent: null, not guessed"),
                () -> assertEquals(81.5, (Double) patient.get("weight_kg"), 1e-9),
                () -> assertEquals("RT pipeline", ctJson.get("manufacturer")),
                () -> assertEquals(120.0, (Double) ctJson.get("kvp"), 1e-9),
                () -> assertEquals("B30f", ctJson.get("convolution_kernel")),
                () -> assertEquals(2.5, (Double) ctJson.get("slice_thickness_mm"), 1e-9),
                () -> assertEquals("20240226", dates.get("first_plan_date")),
                () -> assertEquals("20240304", dates.get("start_date")),
                () -> assertEquals("first treatment record", dates.get("start_source")),
                () -> assertEquals("20240306", dates.get("end_date")),
                () -> assertEquals(3, summary.get("fractions_delivered")),
                () -> assertEquals(25, summary.get("fractions_planned")),
                () -> assertEquals(2, summary.get("beam_count")),
                () -> assertEquals(List.of("STATIC"), summary.get("techniques")));

        // Without records nothing says when the course ended; without a CT the CT block is null.
        Map<String, Object> bare = CaseMetadata.build("P1", "2024-02", List.of(new CaseMetadata.PlanInput("rp", plan,
                false)), null, List.of(), List.of(), null, new ArrayList<>());
        Map<String, Object> bareDates = (Map<String, Object>) bare.get("course_dates");
        assertAll(() -> assertNull(bare.get("ct")),
                () -> assertEquals("20240226", bareDates.get("start_date")),
                () -> assertEquals("earliest RT Plan Date", bareDates.get("start_source")),
                () -> assertNull(bareDates.get("end_date")),
                () -> assertNull(((Map<String, Object>) bare.get("treatment")).get("fractions_delivered")),
                () -> assertNull(((Map<String, Object>) bare.get("patient")).get("age")),
                () -> assertEquals(25, ((Map<String, Object>) bare.get("summary")).get("fractions_planned"),
                        "no dose decision: the course's only plan"));

        // Two plans and no decision: which fractions count is not known.
        Map<String, Object> two = CaseMetadata.build("P1", "2024-02", List.of(new CaseMetadata.PlanInput("a", plan,
                false), new CaseMetadata.PlanInput("b", twoBeamPlan(), false)), null, List.of(), List.of(), null,
                new ArrayList<>());
        assertNull(((Map<String, Object>) two.get("summary")).get("fractions_planned"));
    }

    @Test
    void ageIsReadInItsUnitAndAMalformedOneIsNull() {
        assertAll(() -> assertEquals(6.0, CaseMetadata.ageYears("072M"), 1e-9),
                () -> assertEquals(45.0, CaseMetadata.ageYears("045Y"), 1e-9),
                () -> assertNull(CaseMetadata.ageYears("45")), () -> assertNull(CaseMetadata.ageYears(null)));
    }
}
