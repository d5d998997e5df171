package rt.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.cluster.internal.StandIn.FakeStage;
import rt.cluster.internal.StandIn.Ran;
import rt.testsupport.SurefireStyleSummary;

/**
 * Two Hazelcast members in this JVM ({@link TwoMembers}): the run's starter ({@link ClusterDistributor}) and a worker,
 * each with a stand-in runtime ({@link StandIn}) of its own budget.
 */
@ExtendWith(SurefireStyleSummary.class)
class ClusterRunTest {

    @TempDir
    Path out;

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aLostMembersTaskIsRequeuedAndItsLateWriteIsFenced() throws Exception {
        List<String> courses = List.of("P1/C1", "P2/C1", "P3/C1", "P4/C1");
        FakeStage s = new FakeStage("s", 0, 0);
        StandIn worker = new StandIn("worker", 0, true, s);
        StandIn starter = new StandIn("starter", 0, false, s);
        StringBuffer status = new StringBuffer();
        try (TwoMembers cluster = new TwoMembers("test", 3, worker, System.out)) {
            Thread killer = new Thread(() -> {
                try {
                    if (worker.started.await(60, TimeUnit.SECONDS)) {
                        Thread.sleep(300); // the worker's status line names the course once it is running
                        status.append(ClusterStatus.text(cluster.workerHz));
                        cluster.workerHz.getLifecycleService().terminate(); // as kill -9 looks: no goodbye
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            try {
                TwoMembers.Heard heard = cluster.run(starter, out, "run-1", courses, List.of("s"));
                assertEquals(courses.size(), heard.outcomes.size(), "one result per task: " + heard.outcomes);
                heard.outcomes.values().forEach(l -> assertEquals("OK", l.get(0).status(), l.toString()));
                String lost = worker.blocked;
                // what rt:cluster status showed while the worker ran it: the (course, stage) task
                assertTrue(status.toString().startsWith("members: 2\n"), status.toString());
                assertTrue(status.toString().contains(" worker   cpu=1 gpu=0 slots=1 done=0 (0.0 tasks/h) running=["
                        + lost + " (s)]"), status.toString());
                assertTrue(status.toString().contains(" starter  cpu=1 gpu=0 slots=1 "), status.toString());
                assertTrue(status.toString().matches("(?s).*run run-1: \\d/4 tasks done, [1-4] running, elapsed "
                        + "0m0\\ds, ETA (unknown|\\dm\\d\\ds)\n.*"), status.toString());
                assertTrue(heard.log.contains("cluster: " + lost + " (s) re-queued (its member is gone)"),
                        heard.log.toString());
                assertTrue(starter.courses.contains(lost));
                assertEquals("starter", Files.readString(out.resolve(lost).resolve("s.txt")));
                // the lost member wakes up and finishes its copy of the course: the fence refuses its rename
                worker.release.countDown();
                long end = System.currentTimeMillis() + 10_000;
                while (!worker.failures.containsKey(lost) && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                }
                assertTrue(worker.failures.getOrDefault(lost, "").startsWith("fenced: course " + lost + " stage s "),
                        worker.failures.toString());
                assertEquals("starter", Files.readString(out.resolve(lost).resolve("s.txt")), "the newer output stays");
            } finally {
                worker.release.countDown();
                killer.join();
            }
        }
    }

    /** Segmentation-like stage (asks for a GPU slot) and what runs after it on CPU. */
    private static final FakeStage PREPARE = new FakeStage("prepare", 0, 0);
    private static final FakeStage SEGMENT = new FakeStage("segment", 1, 120, "prepare");
    private static final FakeStage MEASURE = new FakeStage("measure", 0, 30, "segment");
    private static final List<String> STAGES = List.of("prepare", "segment", "measure");

    @Test
    void gpuStagesGoToTheGpuMemberWhileTheOtherRunsTheCpuStagesOfSegmentedCourses() throws Exception {
        List<String> courses = List.of("P1/C1", "P2/C1", "P3/C1", "P4/C1", "P5/C1", "P6/C1");
        StandIn gpu = new StandIn("gpu", 1, false, PREPARE, SEGMENT, MEASURE);
        StandIn cpu = new StandIn("cpu", 0, false, PREPARE, SEGMENT, MEASURE);
        try (TwoMembers cluster = new TwoMembers("gpu-test", 5, gpu, QUIET)) {
            StringBuffer status = new StringBuffer();
            StringBuffer starterView = new StringBuffer();
            assertEquals(null, cluster.presence.statusText(), "rt:status before the run: in no cluster");
            AtomicInteger segments = new AtomicInteger();
            gpu.beforeStage = (course, stage) -> {
                // the third segmentation has begun: claimed, in the member's status, 120 ms of segmenting ahead
                if (stage.equals("segment") && segments.incrementAndGet() == 3) {
                    status.append(ClusterStatus.text(cluster.workerHz));
                    starterView.append(cluster.presence.statusText());
                }
            };
            TwoMembers.Heard heard = cluster.run(cpu, out, "run-gpu", courses, STAGES);
            System.out.print(status);
            // what rt:status / rt:cluster status showed meanwhile: budgets, the GPU member segmenting, the count
            assertTrue(status.toString().matches("(?s)members: 2\\n.* worker   cpu=1 gpu=1 slots=1 done=\\d+ "
                    + "\\(\\d+\\.\\d tasks/h\\) running=\\[P\\d/C1 \\(segment\\)\\] .*"), status.toString());
            assertTrue(status.toString().contains(" starter  cpu=1 gpu=0 slots=1 "), status.toString());
            assertTrue(starterView.toString().startsWith("members: 2\n"), "the starter's rt:status: " + starterView);
            assertEquals(null, cluster.presence.statusText(), "rt:status after the run: the starter left the cluster");
            assertTrue(status.toString().matches("(?s).*\\nrun run-gpu: \\d+/18 tasks done, [12] running, elapsed "
                    + "0m0\\ds, ETA (unknown|\\dm\\d\\ds)\\n.*"), status.toString());
            assertEquals(courses.size() * STAGES.size(), heard.outcomes.size(), heard.outcomes.toString());
            heard.outcomes.values().forEach(l -> assertEquals("OK", l.get(0).status(), l.toString()));
            List<Ran> all = new java.util.ArrayList<>(gpu.ran);
            all.addAll(cpu.ran);
            for (String c : courses) {
                assertEquals("gpu", owner(all, c, "segment"), c);
                assertTrue(ran(all, c, "segment").start() >= ran(all, c, "prepare").end(), c);
                assertTrue(ran(all, c, "measure").start() >= ran(all, c, "segment").end(), c);
                assertEquals(owner(all, c, "measure"), Files.readString(out.resolve(c).resolve("measure.txt")));
                // measure was told how its prerequisites ended (a failed segment blocks it, as on one machine)
                StandIn measurer = owner(all, c, "measure").equals("gpu") ? gpu : cpu;
                assertEquals(Set.of("prepare OK", "segment OK"), measurer.upstream.get(c + " measure").stream()
                        .map(o -> o.stage() + " " + o.status()).collect(Collectors.toSet()), c);
            }
            // the CPU member measured segmented courses while the GPU member was segmenting others
            Set<String> measuredOnCpu = cpu.ran.stream().filter(r -> r.stage().equals("measure")).map(Ran::course)
                    .collect(Collectors.toSet());
            assertTrue(measuredOnCpu.size() >= courses.size() / 2, "measured on the CPU member: " + measuredOnCpu);
            long lastSegmentStart = gpu.ran.stream().filter(r -> r.stage().equals("segment")).mapToLong(Ran::start)
                    .max().orElseThrow();
            assertTrue(cpu.ran.stream().anyMatch(r -> r.stage().equals("measure") && r.end() < lastSegmentStart),
                    "no measure overlapped the segmentation of later courses");
            assertTrue(heard.log.get(0).endsWith("GPU stages [segment] to members with GPU slots"),
                    heard.log.toString());
        }
    }

    /** DVH and radiomics of one course need only what came before them: two members run them at the same time. */
    @Test
    void independentStagesOfOneCourseRunOnDifferentMembersAtOnce() throws Exception {
        FakeStage dvh = new FakeStage("dvh", 0, 300, "prepare");
        FakeStage radiomics = new FakeStage("radiomics", 0, 300, "prepare");
        FakeStage report = new FakeStage("report", 0, 0, "dvh", "radiomics");
        StandIn a = new StandIn("a", 0, false, PREPARE, dvh, radiomics, report);
        StandIn b = new StandIn("b", 0, false, PREPARE, dvh, radiomics, report);
        try (TwoMembers cluster = new TwoMembers("sibling-test", 5, a, QUIET)) {
            TwoMembers.Heard heard = cluster.run(b, out, "run-siblings", List.of("P1/C1"),
                    List.of("prepare", "dvh", "radiomics", "report"));
            assertEquals(4, heard.outcomes.size(), heard.outcomes.toString());
            heard.outcomes.values().forEach(l -> assertEquals("OK", l.get(0).status(), l.toString()));
            List<Ran> all = new java.util.ArrayList<>(a.ran);
            all.addAll(b.ran);
            Ran d = ran(all, "P1/C1", "dvh");
            Ran r = ran(all, "P1/C1", "radiomics");
            assertNotEquals(d.member(), r.member(), "DVH and radiomics of P1/C1 on one member: " + all);
            assertTrue(d.start() < r.end() && r.start() < d.end(), "they did not run at the same time: " + all);
            assertTrue(Math.min(d.start(), r.start()) >= ran(all, "P1/C1", "prepare").end());
            assertTrue(ran(all, "P1/C1", "report").start() >= Math.max(d.end(), r.end()), "report waits for both");
            StandIn reporter = owner(all, "P1/C1", "report").equals("a") ? a : b;
            assertEquals(Set.of("prepare OK", "dvh OK", "radiomics OK"), reporter.upstream.get("P1/C1 report")
                    .stream().map(o -> o.stage() + " " + o.status()).collect(Collectors.toSet()));
            assertEquals(d.member(), Files.readString(out.resolve("P1/C1/dvh.txt")));
            assertEquals(r.member(), Files.readString(out.resolve("P1/C1/radiomics.txt")));
        }
    }

    /** A started course goes on before courses not started yet begin, as on one machine (not stage by stage). */
    @Test
    void aStartedCourseGoesOnBeforeTheLastCoursesBegin() throws Exception {
        FakeStage first = new FakeStage("first", 0, 60);
        FakeStage second = new FakeStage("second", 0, 0, "first");
        List<String> courses = List.of("P1/C1", "P2/C1", "P3/C1", "P4/C1", "P5/C1", "P6/C1", "P7/C1", "P8/C1");
        StandIn a = new StandIn("a", 0, false, first, second);
        StandIn b = new StandIn("b", 0, false, first, second);
        try (TwoMembers cluster = new TwoMembers("flow-test", 5, a, QUIET)) {
            TwoMembers.Heard heard = cluster.run(b, out, "run-flow", courses, List.of("first", "second"));
            assertEquals(2 * courses.size(), heard.outcomes.size(), heard.outcomes.toString());
            List<Ran> all = new java.util.ArrayList<>(a.ran);
            all.addAll(b.ran);
            assertTrue(ran(all, "P1/C1", "second").start() < ran(all, "P8/C1", "first").start(),
                    "P1/C1's second stage waited until every course's first stage had begun: " + all);
        }
    }

    @Test
    void withoutAGpuMemberGpuStagesRunOnCpuMembersAsOnASingleMachine() throws Exception {
        List<String> courses = List.of("P1/C1", "P2/C1", "P3/C1", "P4/C1");
        StandIn a = new StandIn("a", 0, false, PREPARE, SEGMENT, MEASURE);
        StandIn b = new StandIn("b", 0, false, PREPARE, SEGMENT, MEASURE);
        try (TwoMembers cluster = new TwoMembers("cpu-test", 5, a, QUIET)) {
            TwoMembers.Heard heard = cluster.run(b, out, "run-cpu", courses, STAGES);
            assertEquals(courses.size() * STAGES.size(), heard.outcomes.size(), heard.outcomes.toString());
            assertEquals(courses.size() * STAGES.size(), a.courses.size() + b.courses.size(), "one task per stage");
            assertTrue(!a.courses.isEmpty() && !b.courses.isEmpty(), "a " + a.courses + ", b " + b.courses);
            assertTrue(heard.log.get(0).endsWith("no member has GPU slots: every task on the common queue"),
                    heard.log.toString());
            List<Ran> all = new java.util.ArrayList<>(a.ran);
            all.addAll(b.ran);
            for (String c : courses) {
                assertTrue(ran(all, c, "segment").start() >= ran(all, c, "prepare").end(), c);
                assertTrue(ran(all, c, "measure").start() >= ran(all, c, "segment").end(), c);
            }
        }
    }

    @Test
    void whenTheLastGpuMemberIsLostItsGpuTasksRunOnTheOthers() throws Exception {
        List<String> courses = List.of("P1/C1", "P2/C1", "P3/C1");
        StandIn gpu = new StandIn("gpu", 1, true, PREPARE, SEGMENT, MEASURE);
        gpu.blockStage = "segment";
        StandIn cpu = new StandIn("cpu", 0, false, PREPARE, SEGMENT, MEASURE);
        try (TwoMembers cluster = new TwoMembers("gpu-loss", 3, gpu, QUIET)) {
            AtomicInteger queuedAtKill = new AtomicInteger();
            Thread killer = new Thread(() -> {
                try {
                    if (gpu.started.await(60, TimeUnit.SECONDS)) {
                        // segmentations of the other courses are on the GPU queue only once their preparation is done,
                        // which on a loaded machine may come after the kill
                        queuedAtKill.set(cluster.workerHz.getQueue("rt.courses.gpu").size());
                        cluster.workerHz.getLifecycleService().terminate(); // kill -9 of the only GPU member
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            try {
                TwoMembers.Heard heard = cluster.run(cpu, out, "run-loss", courses, STAGES);
                assertEquals(courses.size() * STAGES.size(), heard.outcomes.size(), heard.outcomes.toString());
                heard.outcomes.values().forEach(l -> assertEquals("OK", l.get(0).status(), l.toString()));
                String lost = gpu.blocked;
                assertTrue(heard.log.contains("cluster: " + lost + " (segment) re-queued (its member is gone)"),
                        heard.log.toString());
                if (queuedAtKill.get() > 0) {
                    assertTrue(heard.log.stream().anyMatch(l -> l.matches("cluster: no member with GPU slots left; "
                            + "[0-9]+ GPU task\\(s\\) go to any member \\(GPU stages on CPU\\)")),
                            heard.log.toString());
                }
                for (String c : courses) {
                    assertEquals("cpu", owner(cpu.ran, c, "segment"), c);
                    assertEquals("cpu", Files.readString(out.resolve(c).resolve("segment.txt")), c);
                }
            } finally {
                gpu.release.countDown();
                killer.join();
            }
        }
    }

    /**
     * No member has GPU slots as the run starts, so the CPU members segment; a member with a GPU slot joins: the
     * segmentations still queued move to it and later ones are queued for it.
     */
    @Test
    void aGpuMemberJoiningMidRunGetsTheGpuWork() throws Exception {
        List<String> courses = List.of("P1/C1", "P2/C1", "P3/C1", "P4/C1", "P5/C1", "P6/C1", "P7/C1", "P8/C1");
        // segmentation first, so that every course's is queued as the run starts
        FakeStage segment = new FakeStage("segment", 1, 120);
        FakeStage measure = new FakeStage("measure", 0, 30, "segment");
        List<String> stages = List.of("segment", "measure");
        StandIn cpu1 = new StandIn("cpu1", 0, false, segment, measure);
        StandIn cpu2 = new StandIn("cpu2", 0, false, segment, measure);
        StandIn gpu = new StandIn("gpu", 1, false, segment, measure);
        CountDownLatch segmentedOnCpu = new CountDownLatch(1);
        TwoMembers.Heard heard = new TwoMembers.Heard();
        AtomicInteger cpuSegments = new AtomicInteger();
        // every member holds its next segmentation until the starter has moved the queued ones to the GPU queue, so
        // that they cannot all be done before the GPU member has joined and said it runs 'segment'
        StandIn.Hook untilMoved = (course, stage) -> {
            long end = System.currentTimeMillis() + 30_000;
            while (heard.log.stream().noneMatch(l -> l.contains("moved to the GPU queue"))
                    && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
        };
        StandIn.Hook cpuGate = (course, stage) -> {
            if (stage.equals("segment") && cpuSegments.incrementAndGet() > 1) {
                segmentedOnCpu.countDown();
                untilMoved.before(course, stage);
            }
        };
        cpu1.beforeStage = cpuGate;
        cpu2.beforeStage = cpuGate;
        gpu.beforeStage = (course, stage) -> {
            if (stage.equals("segment")) {
                untilMoved.before(course, stage);
            }
        };
        try (TwoMembers cluster = new TwoMembers("gpu-join", 5, cpu1, QUIET)) {
            List<TwoMembers.Joined> joined = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread joiner = new Thread(() -> {
                try {
                    if (segmentedOnCpu.await(60, TimeUnit.SECONDS)) {
                        joined.add(cluster.new Joined(gpu, QUIET));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            joiner.start();
            try {
                cluster.run(cpu2, out, "run-join", courses, stages, heard);
                joiner.join();
                assertEquals(courses.size() * stages.size(), heard.outcomes.size(), heard.outcomes.toString());
                heard.outcomes.values().forEach(l -> assertEquals("OK", l.get(0).status(), l.toString()));
                assertTrue(heard.log.get(0).endsWith("no member has GPU slots: every task on the common queue"),
                        heard.log.toString());
                assertTrue(heard.log.stream().anyMatch(l -> l.matches("cluster: a member with GPU slots runs "
                        + "\\[segment\\] now; [4-8] queued task\\(s\\) of them moved to the GPU queue")),
                        heard.log.toString());
                long onGpu = gpu.ran.stream().filter(r -> r.stage().equals("segment")).count();
                long onCpu = cpu1.ran.stream().filter(r -> r.stage().equals("segment")).count()
                        + cpu2.ran.stream().filter(r -> r.stage().equals("segment")).count();
                assertEquals(courses.size(), onGpu + onCpu);
                // at most the first and the two the CPU members held meanwhile
                assertTrue(onCpu <= 3, "segmented on CPU: " + onCpu);
                assertTrue(onGpu >= courses.size() - 3, "segmented on the GPU member: " + onGpu);
            } finally {
                segmentedOnCpu.countDown();
                joiner.join();
                joined.forEach(TwoMembers.Joined::close);
            }
        }
    }

    private static Ran ran(List<Ran> all, String course, String stage) {
        List<Ran> r = all.stream().filter(x -> x.course().equals(course) && x.stage().equals(stage)).toList();
        assertEquals(1, r.size(), course + " " + stage + " ran " + r);
        return r.get(0);
    }

    private static String owner(List<Ran> all, String course, String stage) {
        return ran(all, course, stage).member();
    }
}
