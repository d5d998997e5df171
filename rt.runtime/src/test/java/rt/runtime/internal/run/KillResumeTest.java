package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.SurefireStyleSummary;

/**
 * kill -9 of a run at random moments (organize, course stages, aggregate), each followed by a resume: every file of
 * the outputs is byte-identical to an uninterrupted run's, and no temp file is left. The run is a child JVM
 * ({@link KillTarget}); the end-to-end variant on the demo cohort is {@code tools/kill-resume.sh}.
 */
@ExtendWith(SurefireStyleSummary.class)
class KillResumeTest {

    private static final int KILLS = 5;

    @TempDir
    Path tmp;

    @Test
    void everyKillFollowedByAResumeGivesTheUninterruptedOutputs() throws Exception {
        Path ref = tmp.resolve("ref");
        long[] runMs = new long[1];
        assertEquals(0, run(ref, -1, runMs));
        long fullMs = runMs[0];
        TreeMap<String, String> expected = contents(ref);
        assertTrue(expected.containsKey("cohort/table.csv"), expected::toString);

        Random random = new Random(13);
        List<String> report = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            Path out = tmp.resolve("k" + k);
            long delay = (long) (random.nextDouble() * fullMs);
            run(out, delay, new long[1]);
            String lastLine = lastLine(out.resolve("cohort/run.log"));
            long r0 = System.nanoTime();
            assertEquals(0, run(out, -1, new long[1]), "resume after kill " + k);
            report.add(String.format("kill %d at %d ms (%s): resume %d ms", k, delay, lastLine,
                    (System.nanoTime() - r0) / 1_000_000));
            assertEquals(expected, contents(out), "after kill " + k + " at " + delay + " ms (" + lastLine + ")");
            try (Stream<Path> s = Files.walk(out)) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
            }
        }
        System.out.println("uninterrupted " + fullMs + " ms; " + String.join("; ", report));
    }

    /**
     * Runs the child; kills it with SIGKILL {@code killAfterMs} after its run began (the run log appears: the JVM's
     * start-up is not part of the run), or lets it finish when negative. {@code runMs[0]}: how long the run took.
     */
    private static int run(Path out, long killAfterMs, long[] runMs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KillTarget.class.getName(),
                out.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path log = out.resolve("cohort/run.log");
        while (p.isAlive() && !Files.exists(log)) {
            Thread.sleep(5);
        }
        long began = System.nanoTime();
        if (killAfterMs >= 0 && !p.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("run did not end in 120 s");
        }
        runMs[0] = (System.nanoTime() - began) / 1_000_000;
        return p.exitValue();
    }

    /** Every file except the resume state and the log (timings), path → content. */
    private static TreeMap<String, String> contents(Path root) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (!rel.contains(".state/") && !rel.equals("cohort/run.log")) {
                    out.put(rel, Files.readString(f).replace(root.toString(), "OUT"));
                }
            }
        }
        return out;
    }

    private static String lastLine(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "before the run log";
        }
        List<String> lines = Files.readAllLines(log);
        return lines.isEmpty() ? "empty log" : lines.get(lines.size() - 1).substring(9);
    }
}
