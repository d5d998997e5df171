package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.CourseAttributes;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class FiltersTest {

    @TempDir
    Path out;

    private final Set<String> ran = new ConcurrentSkipListSet<>();

    private TestStage recording(String id, String... after) {
        return TestStage.course(id, after).body(ctx -> {
            ran.add(id + " " + ctx.course().patientId());
            return StageResult.ok();
        });
    }

    private RunFixture cohort() {
        return new RunFixture(out).course("PROS", "C", 5, Map.of(CourseAttributes.BODY_PART_EXAMINED, "PELVIS"))
                .course("LUNG", "C", 5, Map.of(CourseAttributes.PLAN_LABELS, "Lung SBRT"))
                .course("HN", "C", 5, Map.of(CourseAttributes.STRUCTURE_NAMES, "Parotid_L|PTV_70"));
    }

    private static final Map<String, Object> SITES = Map.of("prostate", Map.of("body_part", "PELVIS|PROSTATE",
            "stages", List.of("seg", "dvh")), "lung", Map.of("plan_label", "(?i)lung"),
            "headneck", Map.of("structures", "(?i)^parotid"));

    @Test
    void siteProfilesChooseTheStagesOfEachCourse() throws Exception {
        RunFixture f = cohort();
        f.run(List.of(f.organize(), recording("seg", "organize"), recording("dvh", "seg"),
                recording("radiomics", "seg")), Map.of("sites", SITES));
        assertEquals(new TreeSet<>(List.of("seg PROS", "dvh PROS", "seg LUNG", "dvh LUNG", "radiomics LUNG", "seg HN",
                "dvh HN", "radiomics HN")), new TreeSet<>(ran));
    }

    @Test
    void siteFilterRunsOnlyThatSite() throws Exception {
        RunFixture f = cohort();
        f.run(List.of(f.organize(), recording("seg", "organize")), Map.of("sites", SITES, "site", "lung"));
        assertEquals(Set.of("seg LUNG"), ran);
    }

    @Test
    void stageAndCourseFiltersRunOnlyWhatWasAskedFor() throws Exception {
        RunFixture f = cohort();
        List<rt.api.Stage> stages = List.of(f.organize(), recording("seg", "organize"), recording("dvh", "seg"));
        f.run(stages, Map.of("stages", List.of("organize", "seg"), "courses", List.of("HN/C", "PROS")));
        assertEquals(Set.of("seg HN", "seg PROS"), ran);
        ran.clear();
        RunReport r = f.run(stages, Map.of("stages", List.of("dvh")));
        assertEquals(Set.of("dvh HN", "dvh PROS"), ran, "LUNG has no seg state yet: its dvh is skipped");
        assertEquals("prerequisite 'seg' has not run for this course", r.outcomes().stream()
                .filter(o -> o.course().equals("LUNG/C")).findFirst().orElseThrow().reason());
    }
}
