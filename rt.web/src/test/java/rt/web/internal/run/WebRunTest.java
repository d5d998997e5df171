package rt.web.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.ProgressEvent;
import rt.api.ProgressEvent.Kind;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class WebRunTest {

    private static ProgressEvent ev(Kind k, String stage, String course, long done, long total, String msg) {
        return new ProgressEvent(Instant.now(), k, stage, course, done, total, 0, 5000, msg);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventsFillTheGridAndThePercentOverPlannedStages() {
        WebRun run = new WebRun("r1", "upload u", Path.of("in"), Path.of("out"), List.of(), List.of("organize", "dvh"));
        run.started();
        run.event(ev(Kind.STAGE_STARTED, "organize", null, 0, 1, null));
        run.event(ev(Kind.STAGE_FINISHED, "organize", null, 1, 1, "ok"));
        run.event(ev(Kind.STAGE_STARTED, "dvh", "P1/C1", 0, 2, null));
        run.event(ev(Kind.STAGE_PROGRESS, "dvh", "P1/C1", 3, 10, "rois"));
        run.event(ev(Kind.STAGE_FINISHED, "dvh", "P1/C1", 1, 2, "ok"));
        run.event(ev(Kind.STAGE_FINISHED, "dvh", "P2/C1", 2, 2, "failed: no dose"));
        // organize 1/1 and dvh 2/2 of 2 planned stages; still below 100 until the run itself ended
        assertEquals(99.9, run.percent(), 1e-9);
        Map<String, Object> snap = run.snapshot(true);
        Map<String, Map<String, String>> grid = (Map<String, Map<String, String>>) snap.get("grid");
        assertEquals("ok", grid.get("(cohort)").get("organize"));
        assertEquals("ok", grid.get("P1/C1").get("dvh"));
        assertEquals("failed: no dose", grid.get("P2/C1").get("dvh"));
        assertTrue(run.firstEventMillis() >= 0);
        run.finished(WebRun.State.DONE, 0, "all ok");
        assertEquals(100, run.percent(), 1e-9);
    }

    @Test
    void halfwayIsHalfAndQueuedRunsCancelAtOnce() {
        WebRun run = new WebRun("r2", "upload u", Path.of("in"), Path.of("out"), List.of(), List.of("a", "b"));
        run.started();
        run.event(ev(Kind.STAGE_FINISHED, "a", "P1/C1", 1, 2, "ok"));
        assertEquals(25, run.percent(), 1e-9);
        WebRun queued = new WebRun("r3", "upload u", Path.of("in"), Path.of("out"), List.of(), List.of("a"));
        assertTrue(queued.requestCancel());
        assertEquals(WebRun.State.CANCELLED, queued.state());
    }

    @Test
    void logKeepsTheNewestLinesWithStableIndices() {
        WebRun run = new WebRun("r4", "s", Path.of("in"), Path.of("out"), List.of(), List.of());
        for (int i = 0; i < WebRun.MAX_LINES + 10; i++) {
            run.line("line " + i);
        }
        assertEquals(WebRun.MAX_LINES + 10, run.lineCount());
        assertEquals(List.of("line " + (WebRun.MAX_LINES + 9)), run.linesFrom(WebRun.MAX_LINES + 9));
        assertEquals("line 10", run.linesFrom(0).get(0));
    }
}
