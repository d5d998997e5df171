package rt.organize.internal.plan;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rt.organize.internal.plan.Records.BOX;
import static rt.organize.internal.plan.Records.ct;
import static rt.organize.internal.plan.Records.rd;
import static rt.organize.internal.plan.Records.rp;
import static rt.organize.internal.plan.Records.rs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.course.Role;
import rt.organize.internal.plan.CourseGrouper.MergeCriteria;
import rt.organize.internal.plan.CourseGrouper.Options;
import rt.testsupport.SurefireStyleSummary;

/**
 * Cases found by running organize over exports of other planning systems and toolkits (RayStation proton plans
 * with a plan under another PatientID, Eclipse RT Images, TOPAS doses without plan, MR-only series), on plain records.
 */
@ExtendWith(SurefireStyleSummary.class)
class ExternalExportsTest {

    private static final Options STUDY = new Options(MergeCriteria.SAME_CT_STUDY, null);

    private static DicomSummary as(DicomSummary o, String modality, String sopClass) {
        return new DicomSummary(o.key(), o.path(), o.size(), o.lastModified(), modality, sopClass,
                o.sopInstanceUid(), o.patientId(), o.patientName(), o.studyUid(), o.seriesUid(),
                o.frameOfReferenceUid(), o.studyDate(), o.seriesDate(), o.seriesDescription(), o.bodyPartExamined(),
                o.image(), o.plan(), o.dose(), o.struct(), o.referencedPlanUids());
    }

    private static PlannedCourse.Decision decision(PlannedCourse c, String topic) {
        return c.decisions().stream().filter(d -> d.topic().equals(topic)).findFirst().orElseThrow();
    }

    @Test
    void referencesIntoAnotherPatientAreNotLinkedAndTheReasonSaysWhereTheObjectIs() {
        // aptg-dcpt: the RTSTRUCT and doses carry PatientID 'WTR', the plan they belong to 'LET'.
        List<DicomSummary> all = new ArrayList<>();
        all.add(rs("WTR", "rs1", "st", "for", "ct-absent"));
        all.add(rd("WTR", "rd1", "st", "for", "rp1", "PLAN", BOX));
        all.add(rp("LET", "rp1", "st", "for", "rs1", "RAMP", "20250523", 2.0));
        all.add(rp("LET", "rp2", "st", "for", "rs-gone", "RAMP2", "20250524", 2.0));
        var r = CourseGrouper.group(all, STUDY);
        assertEquals(2, r.courses().size(), "never merged across PatientIDs");
        PlannedCourse wtr = r.courses().stream().filter(c -> c.patientId().equals("WTR")).findFirst().orElseThrow();
        PlannedCourse let = r.courses().stream().filter(c -> c.patientId().equals("LET")).findFirst().orElseThrow();
        assertTrue(wtr.members(Role.RTPLAN).isEmpty());
        String doseWhy = wtr.members(Role.RTDOSE).get(0).reason();
        assertTrue(doseWhy.contains("rp1, which is in the input only under PatientID 'LET'"), doseWhy);
        List<String> rsWhy = let.decisions().stream().filter(d -> d.topic().equals("rtstruct"))
                .map(PlannedCourse.Decision::reason).toList();
        assertTrue(rsWhy.stream().anyMatch(w -> w.contains("rs1, which is in the input only under PatientID 'WTR'")
                && w.contains("never linked")), rsWhy.toString());
        assertTrue(rsWhy.stream().anyMatch(w -> w.contains("rs-gone, which is not in the input")), rsWhy.toString());
        String ctWhy = decision(wtr, "planning_ct").reason();
        assertTrue(ctWhy.contains("ct-absent, which is not in the input"), ctWhy);
    }

    @Test
    void dosesOfAnAbsentPlanBelongTogether() {
        // RayStation: one PLAN dose and its two BEAM doses, the plan itself not in the course.
        List<DicomSummary> doses = List.of(rd("P", "d-plan", "st", "for", "gone", "PLAN", BOX),
                rd("P", "d-beam1", "st", "for", "gone", "BEAM", BOX),
                rd("P", "d-beam2", "st", "for", "gone", "BEAM", BOX));
        DoseDecision d = DoseClassifier.classify(doses, List.of());
        assertAll(() -> assertEquals(DoseClassifier.SINGLE, d.classification(), d.reason()),
                () -> assertEquals(List.of("d-plan"), d.selectedDoses()),
                () -> assertTrue(d.excludedDoses().get("d-beam1").contains("covered by the plan dose d-plan")),
                () -> assertTrue(d.reason().contains("plan gone not found"), d.reason()));
        // BEAM doses alone are summed into the plan dose.
        DoseDecision beams = DoseClassifier.classify(doses.subList(1, 3), List.of());
        assertEquals(DoseClassifier.BEAM_SUM, beams.classification(), beams.reason());
        assertTrue(beams.sum());
        // pydicom: three files with one SOP Instance UID (Dedup keys uid, uid#2, uid#3), BEAM doses of one absent
        // plan: variants of one object, not three beams to sum.
        DicomSummary v1 = rd("P", "same", "st", "for", "gone", "BEAM", BOX);
        List<DicomSummary> variants = List.of(v1, v1.withKey("same#2"), v1.withKey("same#3"));
        DoseDecision one = DoseClassifier.classify(variants, List.of());
        assertAll(() -> assertEquals(DoseClassifier.SINGLE, one.classification(), one.reason()),
                () -> assertEquals(List.of("same"), one.selectedDoses()),
                () -> assertTrue(one.excludedDoses().get("same#3").contains("variant of the same dose")));
        // Doses with no plan reference at all (TOPAS): each its own unit, labelled as such.
        DoseDecision loose = DoseClassifier.classify(List.of(rd("P", "x", "st", "for", null, "PLAN", BOX),
                rd("P", "y", "st", "for", null, "PLAN", BOX)), List.of());
        assertEquals(DoseClassifier.AMBIGUOUS, loose.classification());
        assertTrue(loose.reason().contains("dose x (no plan reference)"), loose.reason());
        assertFalse(loose.reason().contains("dose:"), loose.reason());
    }

    @Test
    void onlyTreatmentRecordsAreRecords() {
        DicomSummary base = rd("P", "o", "st", "for", null, "PLAN", BOX);
        assertAll(
                () -> assertEquals(Role.OTHER, CourseGrouper.roleOf(as(base, "RTIMAGE",
                        "1.2.840.10008.5.1.4.1.1.481.1")), "an RT Image is a portal image, not a record"),
                () -> assertEquals(Role.RT_RECORD, CourseGrouper.roleOf(as(base, "RTRECORD",
                        "1.2.840.10008.5.1.4.1.1.481.4"))),
                () -> assertEquals(Role.RT_RECORD, CourseGrouper.roleOf(as(base, "", "1.2.840.10008.5.1.4.1.1.481.9")),
                        "RT Ion Beams Treatment Record by its SOP class"),
                () -> assertEquals(Role.REGISTRATION, CourseGrouper.roleOf(as(base, "REG",
                        "1.2.840.10008.5.1.4.1.1.66.1"))),
                () -> assertEquals(Role.OTHER, CourseGrouper.roleOf(as(base, "SR", "1.2.840.10008.5.1.4.1.1.88.11"))));
    }

    @Test
    void anMrOnlyCourseSaysWhyItHasNoPlanningCt() {
        List<DicomSummary> mr = ct("P", "st", "for", "mr", 5, 3).stream()
                .map(o -> as(o, "MR", "1.2.840.10008.5.1.4.1.1.4")).toList();
        PlannedCourse c = CourseGrouper.group(mr, STUDY).courses().get(0);
        assertNull(c.planningCt());
        String why = decision(c, "planning_ct").reason();
        assertTrue(why.contains("is MR") && why.contains("no planning CT"), why);
    }
}
