package rt.organize.internal.plan;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Linking, grouping, planning CT and dose decisions on plain header records. */
@ExtendWith(SurefireStyleSummary.class)
class CourseGrouperTest {

    private static final Options STUDY = new Options(MergeCriteria.SAME_CT_STUDY, null);

    /** A patient with CT, RS and the given plans (label, date, Rx) each with one PLAN dose. */
    private static List<DicomSummary> patient(String id, Object... plans) {
        List<DicomSummary> all = new ArrayList<>(ct(id, id + ".st", id + ".for", id + ".ct", 10, 3));
        all.add(rs(id, id + ".rs", id + ".st", id + ".for", id + ".ct"));
        for (int n = 0; n < plans.length; n += 3) {
            String plan = id + ".rp" + n;
            all.add(rp(id, plan, id + ".st", id + ".for", id + ".rs", (String) plans[n], (String) plans[n + 1],
                    (Double) plans[n + 2]));
            all.add(rd(id, id + ".rd" + n, id + ".st", id + ".for", plan, "PLAN", BOX));
        }
        return all;
    }

    @Test
    void boostIsSummed() {
        var r = CourseGrouper.group(patient("P", "PELVIS", "20240301", 50.0, "PELVIS BOOST", "20240405", 16.0), STUDY);
        assertEquals(1, r.courses().size());
        PlannedCourse c = r.courses().get(0);
        assertAll(() -> assertEquals(DoseClassifier.BOOST_SUMMED, c.dose().classification()),
                () -> assertTrue(c.dose().sum()), () -> assertEquals(2, c.dose().selectedDoses().size()),
                () -> assertEquals(66.0, c.dose().prescriptionGy(), 1e-9),
                () -> assertEquals("P.ct", c.planningCt().id()), () -> assertEquals("20240301", c.startDate()),
                () -> assertEquals("pelvis", c.site()));
    }

    @Test
    void boostByPrescriptionAloneIsSummed() {
        var c = CourseGrouper.group(patient("P", "PLAN A", "20240301", 50.0, "PLAN B", "20240405", 10.0), STUDY)
                .courses().get(0);
        assertEquals(DoseClassifier.BOOST_SUMMED, c.dose().classification());
        assertTrue(c.dose().reason().contains("more than 10 %"), c.dose().reason());
    }

    @Test
    void replanIsNotSummed() {
        var c = CourseGrouper.group(patient("P", "PROSTATE", "20240301", 60.0, "PROSTATE v2", "20240310", 60.0),
                STUDY).courses().get(0);
        assertAll(() -> assertEquals(DoseClassifier.REPLAN_FIRST, c.dose().classification()),
                () -> assertEquals(List.of("P.rd0"), c.dose().selectedDoses()),
                () -> assertTrue(c.dose().excludedDoses().containsKey("P.rd3")),
                () -> assertEquals(60.0, c.dose().prescriptionGy(), 1e-9));
        // Same Rx, no keyword: also a replan (upstream's similarity rule).
        var d = CourseGrouper.group(patient("Q", "A", "20240301", 60.0, "B", "20240310", 58.0), STUDY).courses()
                .get(0);
        assertEquals(DoseClassifier.REPLAN_FIRST, d.dose().classification());
    }

    @Test
    void ambiguousIsNotSummedAndSaysWhy() {
        var c = CourseGrouper.group(patient("P", "A", "20240301", 60.0, "B", "20240310", null), STUDY).courses()
                .get(0);
        assertAll(() -> assertEquals(DoseClassifier.AMBIGUOUS, c.dose().classification()),
                () -> assertTrue(c.dose().selectedDoses().isEmpty()), () -> assertTrue(!c.dose().usable()),
                () -> assertTrue(c.dose().reason().contains("unknown"), c.dose().reason()),
                () -> assertEquals(2, c.dose().excludedDoses().size()));
    }

    @Test
    void shortKeywordsMustStandAlone() {
        // Upstream matched "cd" inside "abcd" and "rev" inside "prevent": not here.
        assertTrue(PlanText.boostKeyword("ABCD plan").isEmpty());
        assertTrue(PlanText.replanKeyword("prevent").isEmpty());
        assertEquals("cd", PlanText.boostKeyword("PTV CD 2").orElseThrow());
        assertEquals("boost", PlanText.boostKeyword("PTVboost").orElseThrow());
        assertEquals("v2", PlanText.replanKeyword("Prostate_v2").orElseThrow());
    }

    @Test
    void differentPatientIdsAreNeverMerged() {
        // Same study, frame and series UIDs under two PatientIDs (e.g. an anonymiser that kept the UIDs).
        List<DicomSummary> a = patient("A", "PELVIS", "20240301", 50.0);
        List<DicomSummary> b = new ArrayList<>();
        for (DicomSummary s : patient("A", "PELVIS", "20240301", 50.0)) {
            b.add(new DicomSummary(null, s.path() + "b", 1, 1, s.modality(), s.sopClassUid(),
                    s.sopInstanceUid() + "b", "B", null, s.studyUid(), s.seriesUid(), s.frameOfReferenceUid(),
                    s.studyDate(), null, null, null, s.image(), s.plan(), s.dose(), s.struct(), List.of()));
        }
        List<DicomSummary> all = new ArrayList<>(a);
        all.addAll(b);
        var r = CourseGrouper.group(all, STUDY);
        assertEquals(2, r.courses().size());
        for (PlannedCourse c : r.courses()) {
            assertTrue(c.members().stream().allMatch(m -> m.object().patientId().equals(c.patientId())));
            assertTrue(c.images().stream().flatMap(s -> s.slices().stream())
                    .allMatch(o -> o.patientId().equals(c.patientId())));
        }
    }

    @Test
    void maxDaysSplitsACourse() {
        List<DicomSummary> p = patient("P", "BREAST", "20240101", 50.0, "BREAST", "20240115", 50.0,
                "BREAST RIGHT", "20240901", 40.0);
        assertEquals(1, CourseGrouper.group(p, STUDY).courses().size());
        var r = CourseGrouper.group(p, new Options(MergeCriteria.SAME_CT_STUDY, 60));
        assertEquals(2, r.courses().size());
        PlannedCourse early = r.courses().get(0);
        PlannedCourse late = r.courses().get(1);
        assertAll(() -> assertEquals(2, early.members(Role.RTPLAN).size()),
                () -> assertEquals(1, late.members(Role.RTPLAN).size()),
                () -> assertEquals("20240901", late.startDate()),
                () -> assertTrue(late.decisions().stream().anyMatch(d -> d.reason().contains("max_days=60"))),
                () -> assertEquals(DoseClassifier.SINGLE, late.dose().classification()));
        List<String> ids = CourseNaming.courseIds(r.courses());
        assertEquals(List.of("2024-01", "2024-09"), ids);
    }

    @Test
    void referencedButAbsentCtGivesNoCt() {
        List<DicomSummary> all = new ArrayList<>(ct("P", "st", "for", "other.ct", 10, 3));
        all.add(rs("P", "rs", "st", "for", "missing.ct"));
        all.add(rp("P", "rp", "st", "for", "rs", "PLAN", "20240301", 50.0));
        all.add(rd("P", "rd", "st", "for", "rp", "PLAN", BOX));
        var r = CourseGrouper.group(all, STUDY);
        PlannedCourse c = r.courses().stream().filter(x -> !x.members(Role.RTPLAN).isEmpty()).findFirst()
                .orElseThrow();
        assertNull(c.planningCt(), "fail closed: no guess");
        assertTrue(c.decisions().stream().anyMatch(d -> d.topic().equals("planning_ct")
                && d.reason().contains("missing.ct") && d.reason().contains("not in the input")));
    }

    @Test
    void sharedSeriesUidIsSplitByGeometryAndTheRicherVolumeWins() {
        List<DicomSummary> all = new ArrayList<>(ct("P", "st", "for", "ct", 30, 2));
        all.addAll(ct("P", "st", "for", "ct", 20, 3));
        all.add(rs("P", "rs", "st", "for", "ct"));
        var c = CourseGrouper.group(all, STUDY).courses().get(0);
        assertAll(() -> assertEquals("ct#1", c.planningCt().id()), () -> assertEquals(30, c.planningCt().size()),
                () -> assertEquals(2, c.images().size(), "the other volume stays in the course"),
                () -> assertEquals(50, c.images().stream().mapToInt(ImageSeries::size).sum()));
    }

    @Test
    void tpsPlanSumIsUsedAsIsAndBeamDosesOfOnePlanAreSummed() {
        List<DicomSummary> all = new ArrayList<>(ct("P", "st", "for", "ct", 5, 3));
        all.add(rs("P", "rs", "st", "for", "ct"));
        all.add(rp("P", "rp1", "st", "for", "rs", "A", "20240301", 50.0));
        all.add(rp("P", "rp2", "st", "for", "rs", "B", "20240401", 10.0));
        all.add(rd("P", "rd1", "st", "for", "rp1", "PLAN", BOX));
        all.add(new DicomSummary(null, "/in/sum", 1, 1, "RTDOSE", null, "sum", "P", null, "st", "x", "for", null,
                null, null, null, null, null, new DicomSummary.DoseInfo("PLAN_SUM", List.of("rp1", "rp2"), BOX, null,
                        "GY"), null, List.of()));
        var c = CourseGrouper.group(all, STUDY).courses().get(0);
        assertEquals(DoseClassifier.PLAN_SUM, c.dose().classification());
        assertEquals(List.of("sum"), c.dose().selectedDoses());

        List<DicomSummary> beams = new ArrayList<>(ct("Q", "st", "for", "ct", 5, 3));
        beams.add(rp("Q", "rp", "st", "for", null, "A", "20240301", 50.0));
        for (int b = 0; b < 3; b++) {
            beams.add(rd("Q", "beam" + b, "st", "for", "rp", "BEAM", BOX));
        }
        var q = CourseGrouper.group(beams, STUDY).courses().get(0);
        assertAll(() -> assertEquals(DoseClassifier.BEAM_SUM, q.dose().classification()),
                () -> assertEquals(3, q.dose().selectedDoses().size()), () -> assertTrue(q.dose().sum()),
                () -> assertEquals("ct", q.planningCt().id(), "no RTSTRUCT: the largest CT of the study"));
    }

    @Test
    void dosesOnSeparateRegionsAreNotSummed() {
        List<DicomSummary> all = new ArrayList<>(ct("P", "st", "for", "ct", 5, 3));
        all.add(rp("P", "rp1", "st", "for", null, "BRAIN", "20240301", 30.0));
        all.add(rp("P", "rp2", "st", "for", null, "PELVIS BOOST", "20240302", 8.0));
        all.add(rd("P", "rd1", "st", "for", "rp1", "PLAN", new double[] {0, 0, 0, 10, 10, 10}));
        all.add(rd("P", "rd2", "st", "for", "rp2", "PLAN", new double[] {0, 0, 500, 10, 10, 510}));
        var c = CourseGrouper.group(all, STUDY).courses().get(0);
        assertEquals(DoseClassifier.SEPARATE_REGIONS, c.dose().classification());
        assertTrue(!c.dose().usable());
    }

    @Test
    void frameOfReferenceCriterionFallsBackToStudy() {
        List<DicomSummary> all = new ArrayList<>(patient("P", "A", "20240301", 50.0));
        // A second plan on another frame in the same study: by study one course, by frame two.
        all.add(rp("P", "rpX", "P.st", "other.for", null, "B", "20240302", 50.0));
        all.add(rd("P", "rdX", "P.st", "other.for", "rpX", "PLAN", BOX));
        assertEquals(1, CourseGrouper.group(all, STUDY).courses().size());
        assertEquals(DoseClassifier.SEPARATE_FRAMES,
                CourseGrouper.group(all, STUDY).courses().get(0).dose().classification());
        assertEquals(2, CourseGrouper.group(all, new Options(MergeCriteria.FRAME_OF_REFERENCE, null)).courses()
                .size());
    }

    @Test
    void courseIdsAndFolderNames() {
        assertEquals("0000-00", CourseNaming.month(null));
        assertEquals("2024-03", CourseNaming.month("20240305"));
        String bad = CourseNaming.sanitize("../..\u0007/etc\\x");
        assertAll(() -> assertTrue(!bad.contains("/") && !bad.contains("\\") && !bad.startsWith(".")),
                () -> assertTrue(bad.chars().noneMatch(Character::isISOControl)),
                () -> assertEquals("DEMO001", CourseNaming.sanitize("DEMO001")),
                () -> assertTrue(!CourseNaming.sanitize("a/b").equals(CourseNaming.sanitize("a_b"))),
                () -> assertTrue(!CourseNaming.sanitize("..").equals("..")));
        // Two courses in one month: the earlier keeps the plain id, the other gets a stable suffix.
        List<DicomSummary> all = new ArrayList<>(patient("P", "A", "20240301", 50.0));
        all.addAll(patient("P2", "A", "20240301", 50.0).stream().map(s -> new DicomSummary(null, s.path(), 1, 1,
                s.modality(), s.sopClassUid(), s.sopInstanceUid(), "P", null, s.studyUid(), s.seriesUid(),
                s.frameOfReferenceUid(), s.studyDate(), null, null, null, s.image(),
                s.plan() == null ? null : new DicomSummary.PlanInfo("B", null, null, "20240320", null,
                        s.plan().referencedStructureSetUids(), 50.0, "t", 25, null),
                s.dose(), s.struct(), List.of())).toList());
        var r = CourseGrouper.group(all, STUDY);
        List<String> ids = CourseNaming.courseIds(r.courses());
        assertEquals("2024-03", ids.get(0));
        assertTrue(ids.get(1).matches("2024-03_[0-9a-f]{6}"), ids.get(1));
        assertEquals(ids, CourseNaming.courseIds(CourseGrouper.group(all, STUDY).courses()), "stable");
    }

    @Test
    void dedupKeepsDifferentContentUnderOneUid() {
        DicomSummary a = rd("P", "same", "st", "for", null, "PLAN", BOX);
        DicomSummary b = new DicomSummary(null, "/in/other", 1, 1, "RTDOSE", null, "same", "P", null, "st", "x",
                "for", null, null, null, null, null, null, a.dose(), null, List.of());
        DicomSummary c = new DicomSummary(null, "/in/copy", 1, 1, "RTDOSE", null, "same", "P", null, "st", "x",
                "for", null, null, null, null, null, null, a.dose(), null, List.of());
        var r = Dedup.run(List.of(a, b, c), p -> p.equals("/in/copy") ? "h1" : p.equals("/in/P/same") ? "h1" : "h2");
        assertEquals(2, r.objects().size());
        assertEquals(List.of("same", "same#2"), r.objects().stream().map(DicomSummary::key).sorted().toList());
        assertEquals(1, r.duplicates().size());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void prescriptionRules() {
        var sib = Prescription.of(List.of(new Prescription.DoseReference("TARGET", 54.0, null, null),
                new Prescription.DoseReference("TARGET", 66.0, null, null),
                new Prescription.DoseReference("ORGAN_AT_RISK", 70.0, null, null)), List.of());
        assertEquals(66.0, sib.gy(), 1e-9, "highest TARGET level; OAR limits are not Rx");
        var byBeams = Prescription.of(List.of(), List.of(new Prescription.FractionGroup(25, List.of(1.0, 1.0)),
                new Prescription.FractionGroup(5, List.of(2.0))));
        assertEquals(25 * 2.0 + 5 * 2.0, byBeams.gy(), 1e-9);
        assertEquals(30, byBeams.fractions());
        assertNull(Prescription.of(List.of(), List.of()).gy());
    }
}
