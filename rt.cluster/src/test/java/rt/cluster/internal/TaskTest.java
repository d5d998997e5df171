package rt.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
        for (Task t : List.of(new Task("r1", "P1/C1", Task.Kind.ALL, List.of("dvh", "segmentation.custom:lungs")),
                new Task("r1", "odd\nname, with/comma", Task.Kind.GPU, List.of("a")),
                new Task("r2", "P2/C1", Task.Kind.REST, List.of()))) {
            assertEquals(t, Task.parse(t.key()));
            assertEquals(t.runId(), Task.runOf(t.key()));
        }
        assertEquals("P1/C1 (rest)", new Task("r", "P1/C1", Task.Kind.REST, List.of("m")).label());
        assertEquals("P1/C1", new Task("r", "P1/C1", Task.Kind.ALL, List.of("m")).label());
    }

    @Test
    void theGpuPartAndTheRestOfACourseHaveLeasesOfTheirOwn() {
        Task gpu = new Task("r", "P1/C1", Task.Kind.GPU, List.of("a", "b"));
        Task rest = new Task("r", "P1/C1", Task.Kind.REST, List.of("b"));
        Task all = new Task("r", "P1/C1", Task.Kind.ALL, List.of("a", "b"));
        assertNotEquals(Fence.file(java.nio.file.Path.of("/out"), gpu.fenceKey()),
                Fence.file(java.nio.file.Path.of("/out"), rest.fenceKey()));
        assertEquals("P1/C1", all.fenceKey(), "a whole course keeps the lease file it always had");
    }

    @Test
    void aResultKeepsWhatItCoveredEvenWithoutOutcomes() {
        CourseBoard.Result empty = new CourseBoard.Result(List.of(), List.of());
        assertEquals(empty, CourseBoard.Result.decode(empty.encode()));
        CourseBoard.Result part = new CourseBoard.Result(List.of("prepare", "segment"), List.of(
                new CourseOutcome("P1/C1", "prepare", "OK", null, true, false),
                new CourseOutcome("P1/C1", "segment", "FAILED", "no lungs", false, false)));
        assertEquals(part, CourseBoard.Result.decode(part.encode()));
        CourseBoard.Result none = new CourseBoard.Result(List.of(), List.of(
                new CourseOutcome("P1/C1", "cluster", "FAILED", "on member x: gone", false, false)));
        assertEquals(none, CourseBoard.Result.decode(none.encode()));
    }
}
