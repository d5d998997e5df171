package rt.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.course.AtomicFiles;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class FenceTest {

    @TempDir
    Path out;

    @Test
    void aNewerClaimFencesTheOlderOwnersRenames() throws Exception {
        Path table = out.resolve("P1/C1/dvh/dvh_metrics.csv");
        Fence first = Fence.take(out, "run1", "P1/C1", 1, "member-a");
        AtomicFiles.guarded(first, () -> {
            AtomicFiles.writeString(table, "first");
            return null;
        });
        Fence second = Fence.take(out, "run1", "P1/C1", 2, "member-b");
        AtomicFiles.guarded(second, () -> {
            AtomicFiles.writeString(table, "newer");
            return null;
        });
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.guarded(first, () -> {
            AtomicFiles.writeString(table, "stale");
            return null;
        }));
        assertTrue(e.getMessage().startsWith("fenced: course P1/C1 was given to another member"), e.getMessage());
        assertEquals("newer", Files.readString(table));
        assertTrue(second.holds());
        assertTrue(!first.holds());
    }

    @Test
    void aClaimNoNewerThanTheHolderIsRefusedButAnotherRunStartsOver() throws Exception {
        assertNotNull(Fence.take(out, "run1", "P1/C1", 3, "member-a"));
        assertNull(Fence.take(out, "run1", "P1/C1", 2, "member-b"), "older claim (a member counting from a stale copy)");
        assertNull(Fence.take(out, "run1", "P1/C1", 3, "member-b"), "tie");
        assertNotNull(Fence.take(out, "run2", "P1/C1", 1, "member-b"), "a new run's first claim");
    }

    @Test
    void coursesHaveTheirOwnLeases() throws Exception {
        Fence a = Fence.take(out, "run1", "P1/C1", 1, "m");
        Fence b = Fence.take(out, "run1", "P2/C1", 1, "m");
        assertTrue(a.holds() && b.holds());
        assertTrue(!Fence.file(out, "P1/C1").equals(Fence.file(out, "P2/C1")));
    }
}
