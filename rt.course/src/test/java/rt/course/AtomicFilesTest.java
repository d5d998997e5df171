package rt.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesIntoNewFoldersAndReplaces() throws IOException {
        Path f = dir.resolve("a/b/table.csv");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        assertEquals(List.of(f), list(dir.resolve("a/b")), "no temporary file left");
    }

    @Test
    void aRefusingGuardKeepsTheNewerFileAndOnlyOnItsThread() throws Exception {
        Path f = dir.resolve("dvh/dvh_metrics.csv");
        AtomicFiles.writeString(f, "newer");
        AtomicFiles.Guard refuse = target -> {
            throw new IOException("fenced: " + target.getFileName());
        };
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.guarded(refuse, () -> {
                    AtomicFiles.writeString(f, "stale");
                    return null;
                }));
        assertTrue(e.getMessage().contains("fenced: dvh_metrics.csv"), e.getMessage());
        assertEquals("newer", Files.readString(f));
        assertEquals(List.of(f), list(f.getParent()), "no temporary file left");
        Thread other = new Thread(() -> {
            try {
                AtomicFiles.writeString(f, "other thread");
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        AtomicFiles.guarded(refuse, () -> {
            other.start();
            other.join();
            return null;
        });
        assertEquals("other thread", Files.readString(f), "the guard belongs to the thread that installed it");
        AtomicFiles.writeString(f, "after");
        assertEquals("after", Files.readString(f), "the guard is gone once guarded() returns");
    }

    @Test
    void aFailingBodyLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("qc.json");
        AtomicFiles.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of a new fi".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + f.toAbsolutePath() + ": disk full", e.getMessage(), "names the file");
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), list(dir));
    }

    @Test
    void outputsKeepTheUmaskNotOwnerOnly() throws IOException {
        Path f = dir.resolve("report.html");
        AtomicFiles.writeString(f, "<html/>");
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
        // a shared output folder: readable by the group whenever the umask allows it (createTempFile would give 0600)
        Path reference = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(reference), p);
    }

    @Test
    void removesOnlyItsOwnLeftovers() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("P1/C1/dvh"));
        Path leftover = Files.writeString(sub.resolve(".dvh_metrics.csv.1234" + AtomicFiles.TEMP_SUFFIX), "x");
        Path userFile = Files.writeString(sub.resolve(".hidden.tmp"), "mine");
        Path output = Files.writeString(sub.resolve("dvh_metrics.csv"), "rows");
        assertTrue(AtomicFiles.isTemporary(leftover));
        assertFalse(AtomicFiles.isTemporary(userFile));
        assertEquals(1, AtomicFiles.removeLeftovers(dir));
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(userFile) && Files.exists(output));
    }

    @Test
    void removesTheLeftoversOfOneTargetAndNotThoseOfAWriterBesideIt() throws IOException {
        Path target = dir.resolve("results.xlsx");
        Path mine = Files.writeString(dir.resolve(".results.xlsx.9f3a" + AtomicFiles.TEMP_SUFFIX), "x");
        Path other = Files.writeString(dir.resolve(".robustness.csv.77b1" + AtomicFiles.TEMP_SUFFIX), "being written");
        Path prefixTwin = Files.writeString(dir.resolve(".results.xlsx.old.csv.12" + AtomicFiles.TEMP_SUFFIX), "y");
        Path userFile = Files.writeString(dir.resolve(".results.xlsx.bak"), "mine");
        assertTrue(AtomicFiles.isTemporaryOf(mine, target));
        assertFalse(AtomicFiles.isTemporaryOf(other, target));
        // A target name with glob characters must not widen the match.
        Path odd = dir.resolve("a*[b].csv");
        Path oddTemp = Files.writeString(dir.resolve(".a*[b].csv.01" + AtomicFiles.TEMP_SUFFIX), "z");
        Path decoy = Files.writeString(dir.resolve(".aXb.csv.01" + AtomicFiles.TEMP_SUFFIX), "z");
        assertEquals(1, AtomicFiles.removeLeftoversOf(odd));
        assertFalse(Files.exists(oddTemp));
        assertTrue(Files.exists(decoy));

        assertEquals(1, AtomicFiles.removeLeftoversOf(target));
        assertFalse(Files.exists(mine));
        assertTrue(Files.exists(other) && Files.exists(userFile));
        // A temp of "results.xlsx.old.csv" starts with our name but is another writer's.
        assertTrue(Files.exists(prefixTwin));
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
