package rt.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.runtime.spi.CourseOutcome;
import rt.testsupport.SurefireStyleSummary;

/** Task keys and done entries as they travel through Hazelcast (plain strings). */
@ExtendWith(SurefireStyleSummary.class)
class TaskTest {

    @Test
    void aKeyGivesBackItsTaskWhateverTheCourseHolds() {
        for (Task t : List.of(new Task("r1", "P1/C1", "segmentation.custom:lungs"),
                new Task("r1", "odd\nname, with/comma", "dvh"), new Task("r2", "P2/C1", "radiomics"))) {
            assertEquals(t, Task.parse(t.key()));
            assertEquals(t.runId(), Task.runOf(t.key()));
        }
        assertEquals("P1/C1 (dvh)", new Task("r", "P1/C1", "dvh").label());
    }

    @Test
    void eachStageOfACourseHasALeaseOfItsOwn() {
        Path out = Path.of("/out");
        assertNotEquals(Fence.file(out, new Task("r", "P1/C1", "dvh").fenceKey()),
                Fence.file(out, new Task("r", "P1/C1", "radiomics").fenceKey()));
        assertEquals(Fence.file(out, new Task("r1", "P1/C1", "dvh").fenceKey()),
                Fence.file(out, new Task("r2", "P1/C1", "dvh").fenceKey()), "a new run takes the same lease over");
    }

    @Test
    void aResultKeepsItsOutcomes() {
        assertEquals(List.of(), CourseBoard.decode(CourseBoard.encode(List.of())));
        List<CourseOutcome> two = List.of(new CourseOutcome("P1/C1", "segment", "FAILED", "no lungs", false, false),
                new CourseOutcome("P1/C1", "segment", "OK", null, true, false));
        assertEquals(two, CourseBoard.decode(CourseBoard.encode(two)));
    }
}
