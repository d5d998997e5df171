package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.LogLevel;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class RunProgressTest {

    @TempDir
    Path out;

    @Test
    void everyLineReachesRunLogWholeWithNoBufferToLose() throws Exception {
        Path log = out.resolve("cohort/run.log");
        try (RunProgress p = new RunProgress(new PrintStream(new ByteArrayOutputStream()), log, List::of)) {
            for (int i = 0; i < 500; i++) {
                p.log(LogLevel.INFO, "dvh", "P" + i + "/C1", "line " + i + " " + "x".repeat(40));
            }
            // before close: nothing waits in a buffer (a kill -9 or a full disk loses no earlier line)
            assertEquals(500, Files.readAllLines(log).size());
        }
        assertEquals(500, Files.readAllLines(log).size());
    }

    @Test
    void aFullDiskGivesOneConsoleLineNotOnePerLogLine() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full (ENOSPC on every write) not available");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (RunProgress p = new RunProgress(new PrintStream(console, true, StandardCharsets.UTF_8), full,
                List::of)) {
            for (int i = 0; i < 100; i++) {
                p.log(LogLevel.DEBUG, "dvh", "P1/C1", "line " + i);
            }
        }
        List<String> lines = console.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(true, lines.get(0).startsWith("WARN cannot write /dev/full: "), lines.get(0));
    }
}
