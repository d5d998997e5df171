package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import rt.api.CommandExit;
import rt.api.ProgressEvent;
import rt.api.ProgressListener;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.course.Course;
import rt.testsupport.SurefireStyleSummary;

/** Stages arriving and leaving while the framework runs, seen through the same Gogo commands the CLI uses. */
@ExtendWith(SurefireStyleSummary.class)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class HotDropInIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    CommandProcessor gogo;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private Bundle fixture;

    record Result(int exit, String output) {
    }

    private Result rt(String commandLine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            session.execute(commandLine);
            Object code = session.get(CommandExit.SESSION_VARIABLE);
            return new Result(code instanceof Number n ? n.intValue() : -1, out.toString(StandardCharsets.UTF_8));
        }
    }

    private void register(Stage stage) {
        registrations.add(context.registerService(Stage.class, stage, null));
    }

    private Bundle installFixture() throws Exception {
        Path jar = Path.of(context.getProperty("rt.fixture.jar"));
        assertTrue(Files.isRegularFile(jar), "fixture bundle jar " + jar);
        fixture = context.installBundle(jar.toUri().toString());
        fixture.start();
        long end = System.currentTimeMillis() + 10_000;
        while (!rt("rt:stages").output().contains("fixture.slow") && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        return fixture;
    }

    @AfterEach
    void cleanUp() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        if (fixture != null && fixture.getState() != Bundle.UNINSTALLED) {
            fixture.uninstall();
        }
    }

    @Test
    void aStageServiceAppearsInRtStagesAndLeavesWithItsRegistration() throws Exception {
        assertFalse(rt("rt:stages").output().contains("dynamic.one"));
        register(new TestStages.Simple("dynamic.one", Scope.COURSE, List.of("organize")));
        String listed = rt("rt:stages").output();
        assertTrue(listed.contains("dynamic.one"), listed);
        assertTrue(listed.contains("runs after 'organize', which is not installed"), listed);
        registrations.remove(0).unregister();
        assertFalse(rt("rt:stages").output().contains("dynamic.one"));
    }

    @Test
    void aStageBundleInstalledIntoTheRunningFrameworkIsUsedByTheNextRun() throws Exception {
        installFixture();
        assertTrue(rt("rt:stages").output().contains("fixture.slow"));
        register(new TestStages.Organize(courses(3)));
        Path out = Files.createTempDirectory("rt-it-");
        Result r = rt("rt:run --outdir " + out);
        assertEquals(0, r.exit(), r.output());
        for (Course c : courses(3)) {
            assertTrue(Files.isRegularFile(out.resolve(c.folder()).resolve("fixture.txt")), r.output());
            assertTrue(Files.readString(out.resolve(c.folder()).resolve(".state/fixture.slow.json")).contains("\"OK\""));
        }
        fixture.uninstall();
        assertFalse(rt("rt:stages").output().contains("fixture.slow"));
    }

    @Test
    void uninstalledWhileARunUsesItItsCoursesEndCancelledOrFinishedAndTheRestContinues() throws Exception {
        installFixture();
        List<Course> courses = courses(6);
        register(new TestStages.Organize(courses));
        register(new TestStages.Simple("other", Scope.COURSE, List.of("organize")));
        CountDownLatch fixtureStarted = new CountDownLatch(1);
        registrations.add(context.registerService(ProgressListener.class, e -> {
            if (e.kind() == ProgressEvent.Kind.STAGE_STARTED && "fixture.slow".equals(e.stageId())) {
                fixtureStarted.countDown();
            }
        }, null));
        Path out = Files.createTempDirectory("rt-it-");
        Result[] result = new Result[1];
        Thread run = new Thread(() -> {
            try {
                result[0] = rt("rt:run --outdir " + out + " --workers 2 --set fixture.slow.delay_ms=1500");
            } catch (Exception e) {
                result[0] = new Result(-2, e.toString());
            }
        });
        run.start();
        assertTrue(fixtureStarted.await(20, TimeUnit.SECONDS), "the fixture stage started");
        fixture.uninstall();
        run.join(60_000);
        Result r = result[0];
        assertEquals(CommandExit.SOME_FAILED, r.exit(), r.output());
        assertTrue(r.output().contains("CANCELLED"), r.output());
        for (Course c : courses) {
            Path dir = out.resolve(c.folder());
            Path state = dir.resolve(".state/fixture.slow.json");
            if (Files.exists(state)) {
                String json = Files.readString(state);
                assertTrue(json.contains("\"status\" : \"OK\"") && json.trim().endsWith("}"), json);
            }
            assertTrue(Files.readString(dir.resolve(".state/other.json")).contains("\"OK\""), "other ran for " + c.key());
            try (Stream<Path> files = Files.list(dir.resolve(".state"))) {
                assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
            }
        }
    }

    private static List<Course> courses(int n) {
        List<Course> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new Course("P" + i, "C1", "P" + i + "/C1", null, i, null, null, null, null, null, Map.of()));
        }
        return list;
    }
}
