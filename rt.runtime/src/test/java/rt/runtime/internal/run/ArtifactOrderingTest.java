package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.Artifact;
import rt.api.StageResult;
import rt.api.StageResult.Status;
import rt.runtime.internal.state.StateStore;
import rt.testsupport.SurefireStyleSummary;

/** Consumers of structures wait for every producer, run whatever the producers' outcome, and notice their changes. */
@ExtendWith(SurefireStyleSummary.class)
class ArtifactOrderingTest {

    @TempDir
    Path out;

    @Test
    void aConsumerWaitsForASlowProducerAndRunsWhenAnotherProducerFailed() throws Exception {
        RunFixture f = new RunFixture(out).course("P1", "C1", 10, Map.of()).course("P2", "C1", 20, Map.of());
        List<String> events = new CopyOnWriteArrayList<>();
        TestStage slow = TestStage.course("segmentation.custom:slow", "organize").produces(Artifact.STRUCTURES)
                .body(ctx -> {
                    Thread.sleep(300);
                    events.add("slow done " + ctx.course().key());
                    return StageResult.ok();
                });
        TestStage broken = TestStage.course("segmentation", "organize").produces(Artifact.STRUCTURES).body(ctx -> {
            throw new IllegalStateException("model file missing");
        });
        TestStage dvh = TestStage.course("dvh", "organize").consumes(Artifact.STRUCTURES).body(ctx -> {
            events.add("dvh " + ctx.course().key());
            return StageResult.ok();
        });
        RunReport r = f.run(List.of(f.organize(), slow, broken, dvh), Map.of());
        for (String course : List.of("P1/C1", "P2/C1")) {
            assertTrue(events.indexOf("slow done " + course) >= 0 && events.indexOf("slow done " + course)
                    < events.indexOf("dvh " + course), "dvh of " + course + " after the slow model: " + events);
        }
        assertEquals(2, r.count(Status.FAILED), r.outcomes()::toString);
        assertEquals(1 + 2 + 2, r.count(Status.OK), "organize, the slow model and dvh: " + r.outcomes());
    }

    @Test
    void aProducerThatReranChangesItsConsumersFingerprint() throws Exception {
        RunFixture f = new RunFixture(out).course("P1", "C1", 10, Map.of());
        TestStage model = TestStage.course("segmentation.custom:m", "organize").produces(Artifact.STRUCTURES);
        TestStage dvh = TestStage.course("dvh", "organize").consumes(Artifact.STRUCTURES);
        TestStage other = TestStage.course("other", "organize");
        f.run(List.of(f.organize(), model, dvh, other), Map.of());
        StateStore states = new StateStore();
        Path course = out.resolve("P1/C1");
        String dvhBefore = states.read(course, "dvh").orElseThrow().fingerprint();
        String otherBefore = states.read(course, "other").orElseThrow().fingerprint();

        // a new version of the model bundle: the model reruns, so does its consumer; the unrelated stage does not
        model.version("2");
        RunReport r = f.run(List.of(f.organize(), model, dvh, other), Map.of());
        assertNotEquals(dvhBefore, states.read(course, "dvh").orElseThrow().fingerprint());
        assertEquals(otherBefore, states.read(course, "other").orElseThrow().fingerprint());
        assertTrue(r.outcomes().stream().anyMatch(o -> o.stage().equals("other") && o.resumed()), r.outcomes()::toString);
        assertTrue(r.outcomes().stream().anyMatch(o -> o.stage().equals("dvh") && !o.resumed()), r.outcomes()::toString);
    }

    @Test
    void producersRunningSideBySideDoNotClaimEachOthersFiles() throws Exception {
        RunFixture f = new RunFixture(out).course("P1", "C1", 10, Map.of());
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        String[] content = {"v1"};
        TestStage m1 = model("m1", together, content);
        TestStage m2 = model("m2", together, new String[] {"v1"});
        f.run(List.of(f.organize(), m1, m2), Map.of());
        StateStore states = new StateStore();
        Path course = out.resolve("P1/C1");
        assertEquals(java.util.Set.of("P1/C1/seg/m2/labels.txt"), states.read(course, "m2").orElseThrow().outputs()
                .keySet(), "m2 owns its own file only, though m1 wrote beside it at the same time");

        // m1 changes: only m1 reruns; m2's outputs are untouched, so it resumes
        m1.version("2");
        content[0] = "v2";
        java.util.concurrent.CyclicBarrier alone = new java.util.concurrent.CyclicBarrier(1);
        RunReport r = f.run(List.of(f.organize(), model("m1", alone, content).version("2"),
                model("m2", alone, new String[] {"v1"})), Map.of());
        assertTrue(r.outcomes().stream().anyMatch(o -> o.stage().equals("m2") && o.resumed()), r.outcomes()::toString);
        assertTrue(r.outcomes().stream().anyMatch(o -> o.stage().equals("m1") && !o.resumed()), r.outcomes()::toString);
    }

    private static TestStage model(String name, java.util.concurrent.CyclicBarrier barrier, String[] content) {
        return TestStage.course(name, "organize").produces(Artifact.STRUCTURES).outputs("seg/" + name)
                .body(ctx -> {
                    barrier.await(10, java.util.concurrent.TimeUnit.SECONDS); // both models write at the same time
                    java.nio.file.Files.createDirectories(ctx.workDir().resolve("seg/" + name));
                    java.nio.file.Files.writeString(ctx.workDir().resolve("seg/" + name + "/labels.txt"), content[0]);
                    barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    return StageResult.ok();
                });
    }
}
