package rt.organize.internal.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.internal.command.Inspector;
import rt.organize.internal.OrganizeStage;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.io.Json;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/**
 * Issue 13's hostile-input suite: more than 1,000 mutated RT objects (from our own writers), special files and symlink
 * loops beside two valid demo courses, through {@code inspect} and {@code organize}. Both must finish in bounded time,
 * give one line per bad input (never a bare stack trace), write nothing outside OUT, and still organize the valid
 * courses. Prints the outcomes by kind.
 */
@ExtendWith(SurefireStyleSummary.class)
class HostileInputTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void athousandHostileFilesNeitherStopNorHideTheValidCourses() throws Exception {
        long g0 = System.nanoTime();
        Path seedDir = tmp.resolve("seed");
        DemoCohort.write(seedDir, 3);
        // The input is written once, where tools/e2e/hostile-run.sh runs the real launcher on it after the build.
        Path in = emptyCorpusFolder();
        List<Path> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(seedDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String patient = DicomReader.readHeader(f).dataset().getString(Tag.PatientID, "");
                if (patient.equals("DEMO003")) {
                    seeds.add(f); // mutants come from a patient that is not a control
                } else {
                    Path to = in.resolve("control").resolve(seedDir.relativize(f));
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        HostileCorpus corpus = new HostileCorpus();
        corpus.write(in.resolve("hostile"), seeds);
        int total = corpus.counts().values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(total >= 1000, "files tried: " + total);
        long generateMs = (System.nanoTime() - g0) / 1_000_000;
        List<String> tmpBefore = tmpEntries();

        long t0 = System.nanoTime();
        Inspector.Report inspect = new Inspector().report(in);
        long inspectMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(inspect.notUsed() > 0, "inspect exits 1");
        for (String line : inspect.lines()) {
            assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\0"), line);
            assertFalse(line.trim().startsWith("at ") || line.matches("^[\\w.$]+(Exception|Error)$"), line);
        }

        Path out = tmp.resolve("out");
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        t0 = System.nanoTime();
        StageResult r = new OrganizeStage().run(ctx);
        long organizeMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.isOk(), r.toString());
        List<Course> courses = ctx.published();
        for (String control : List.of("DEMO001", "DEMO002")) {
            assertTrue(courses.stream().anyMatch(c -> c.patientId().equals(control)
                    && Files.isRegularFile(out.resolve(c.folder()).resolve("course.json"))), control + " organized");
        }
        for (String line : ctx.logLines()) {
            assertFalse(line.contains("\n") || line.trim().startsWith("at "), line);
        }
        // nothing outside OUT: the input is untouched apart from what we wrote, and no new temp files
        try (Stream<Path> top = Files.list(tmp)) {
            assertEquals(List.of("out", "seed"), top.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> top = Files.list(in)) {
            assertEquals(List.of("control", "hostile"), top.map(p -> p.getFileName().toString()).sorted().toList());
        }
        List<String> leftovers = new ArrayList<>(tmpEntries());
        leftovers.removeAll(tmpBefore);
        assertEquals(List.of(), leftovers, "files left in java.io.tmpdir by organize or inspect");

        // outcomes by kind, from organize's own report of what it could not use
        Map<String, int[]> byKind = new TreeMap<>(); // {tried, not usable}
        corpus.counts().forEach((k, v) -> byKind.put(k, new int[] {v, 0}));
        var report = Json.MAPPER.readTree(out.resolve("cohort/organize-report.json").toFile());
        for (var p : report.path("not_usable")) {
            String rel = in.relativize(Path.of(p.path("path").asText())).toString();
            if (rel.startsWith("hostile/")) {
                int[] c = byKind.get(rel.split("/")[1]);
                if (c != null) {
                    c[1]++;
                }
            }
        }
        System.out.printf("[hostile] %d files tried (generated in %d ms); inspect %d ms (%d not usable), organize %d ms, "
                + "%d courses%n", total, generateMs, inspectMs, inspect.notUsed(), organizeMs, courses.size());
        byKind.forEach((k, c) -> System.out.printf("[hostile] %-13s tried %4d  refused by organize %4d%n", k, c[0],
                c[1]));
    }

    /**
     * {@code target/hostile-corpus}, emptied: the corpus stays there after the test, for tools/e2e/hostile-run.sh to
     * run {@code ./rt inspect} and {@code ./rt run} with every stage on it.
     */
    private static Path emptyCorpusFolder() throws Exception {
        Path corpus = Path.of("target", "hostile-corpus").toAbsolutePath();
        if (Files.exists(corpus, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // the corpus holds a folder without permissions and symlink loops: chmod, then rm, not a Java walk
            new ProcessBuilder("chmod", "-R", "u+rwx", corpus.toString()).start().waitFor();
            new ProcessBuilder("rm", "-rf", corpus.toString()).start().waitFor();
        }
        return Files.createDirectories(corpus);
    }

    private static List<String> tmpEntries() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            // only names our code or its libraries would use (other processes share /tmp, e.g. ONNX Runtime tests)
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("(?i).*(poi|rt-|organize|dicom|\\.tmp$).*")).toList();
        }
    }
}
