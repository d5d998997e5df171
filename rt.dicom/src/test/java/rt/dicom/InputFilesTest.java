package rt.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.internal.command.Inspector;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class InputFilesTest {

    @TempDir
    Path dir;

    /** Two CT slices from our writer, plus a symlink loop, a broken link, a FIFO and a text file. */
    private Path hostileFolder() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Grid g = Grid.axisAligned(4, 4, 2, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        new CtSeriesWriter(PatientStudy.newStudy("P1", "Test"), Uids.create(),
                new Volume(g, new float[32], Quantity.HU)).write(in.resolve("ct"));
        Files.createSymbolicLink(in.resolve("ct/loop"), in);
        Files.createSymbolicLink(in.resolve("gone.dcm"), in.resolve("nowhere"));
        Files.writeString(in.resolve("notes.txt"), "not DICOM");
        Process p = new ProcessBuilder("mkfifo", in.resolve("pipe.dcm").toString()).inheritIO().start();
        Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo not available");
        return in;
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void loopsBrokenLinksAndSpecialFilesAreSkippedWithAReasonAndTheRestIsListed() throws Exception {
        Path in = hostileFolder();
        InputFiles.Listing l = InputFiles.list(in);
        assertEquals(3, l.files().size(), l.files().toString()); // two slices and notes.txt
        List<String> reasons = l.skipped().stream().map(s -> in.relativize(s.path()) + ": " + s.reason()).toList();
        assertTrue(reasons.contains("ct/loop: symlink loop (the folder contains itself), skipped"), reasons.toString());
        assertTrue(reasons.contains("gone.dcm: broken symlink (to " + in.resolve("nowhere") + "), skipped"),
                reasons.toString());
        assertTrue(reasons.contains("pipe.dcm: special file (FIFO, device or socket), skipped without opening it"),
                reasons.toString());
        assertEquals(3, reasons.size(), reasons.toString());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void inspectNamesEveryUnusableInputAndCountsItForTheExitCode() throws Exception {
        Path in = hostileFolder();
        Inspector.Report r = new Inspector().report(in);
        assertEquals(4, r.notUsed(), r.lines().toString()); // notes.txt + 3 skipped
        assertTrue(r.lines().stream().anyMatch(x -> x.startsWith("CT patient=P1") && x.contains("slices=2")),
                r.lines().toString());
        assertTrue(r.lines().contains("4 of 6 input(s) not usable: 1 not DICOM, 0 unreadable content, 3 skipped"),
                r.lines().toString());
        assertTrue(r.lines().stream().anyMatch(x -> x.startsWith("NOT DICOM " + in.resolve("notes.txt") + ": ")));
        // a FIFO given directly is skipped, not opened (opening it would block forever)
        Inspector.Report fifo = new Inspector().report(in.resolve("pipe.dcm"));
        assertEquals(1, fifo.notUsed());
    }

    @Test
    void anUnreadableFolderIsSkipped() throws Exception {
        Path in = hostileFolder();
        Path locked = Files.createDirectories(in.resolve("locked"));
        Files.writeString(locked.resolve("x.dcm"), "x");
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "running as root: permissions are not enforced");
            InputFiles.Listing l = InputFiles.list(in);
            assertTrue(l.skipped().stream().anyMatch(s -> s.path().equals(locked)
                    && s.reason().contains("permission denied")), l.skipped().toString());
            assertEquals(3, l.files().size());
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }
}
