package rt.runtime.internal.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.runtime.internal.broker.FifoResourceBroker;
import rt.runtime.internal.run.TestStage;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class PathGuardTest {

    @TempDir
    Path dir;

    private IllegalArgumentException refused(String... args) {
        RunCommand cmd = new RunCommand(() -> List.of(TestStage.course("dvh")), new FifoResourceBroker(1, 0),
                List::of, l -> () -> { }, Map.of());
        return assertThrows(IllegalArgumentException.class, () -> cmd.execute(args, dir, System.out));
    }

    @Test
    void outputEqualToTheInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        String msg = refused("--dicom-root", in.toString(), "--outdir", in.toString()).getMessage();
        assertTrue(msg.contains("is the --dicom-root folder"), msg);
        assertFalse(Files.exists(in.resolve("cohort")), "nothing may be written");
        // the same folder reached through a symlink, and through "..", is still the same folder
        Path link = Files.createSymbolicLink(dir.resolve("link"), in);
        assertTrue(refused("--dicom-root", in.toString(), "--outdir", link.toString()).getMessage()
                .contains("is the --dicom-root folder"));
        assertTrue(refused("--dicom-root", "in", "--outdir", "in/../in").getMessage()
                .contains("is the --dicom-root folder"));
    }

    @Test
    void outputInsideTheInputAndInputInsideTheCohortFolderAreRefused() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path nested = in.resolve("a/out");
        assertTrue(refused("--dicom-root", in.toString(), "--outdir", nested.toString()).getMessage()
                .contains("is inside --dicom-root"));
        assertFalse(Files.exists(in.resolve("a")), "OUT must not be created");
        Path inner = Files.createDirectories(dir.resolve("out/cohort/exports"));
        assertTrue(refused("--dicom-root", inner.toString(), "--outdir", dir.resolve("out").toString()).getMessage()
                .contains("where the run writes its cohort tables"));
        assertFalse(Files.exists(dir.resolve("out/cohort/run.log")));
        // the demo's layout: OUT/input
        assertDoesNotThrow(() -> PathGuard.check(Files.createDirectories(dir.resolve("demo/input")),
                dir.resolve("demo")));
    }

    @Test
    void aMissingInputExitsWithUsageAndCreatesNoOutput() {
        Path out = dir.resolve("out");
        String msg = refused("--dicom-root", dir.resolve("nope").toString(), "--outdir", out.toString()).getMessage();
        assertTrue(msg.contains("no such folder"), msg);
        assertFalse(Files.exists(out));
    }

    @Test
    void siblingFoldersWithACommonPrefixAreFine() throws Exception {
        Path in = Files.createDirectories(dir.resolve("data"));
        assertDoesNotThrow(() -> PathGuard.check(in, dir.resolve("data-out")));
        assertDoesNotThrow(() -> PathGuard.check(null, in));
    }
}
