package rt.cluster.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import rt.course.AtomicFiles;

/**
 * The fencing check of one claimed task (a course's stage: {@link Task#fenceKey()}): the claim's epoch (from
 * {@link CourseBoard#claim}) is written into a lease file in the shared output folder when a member takes the task, and
 * every output the task writes is renamed into place only while that file still holds this member's epoch. The file, not a Hazelcast read, is checked, because it
 * lives on the storage the rename acts on: a member that was paused and dropped from the cluster may still read its
 * own stale partition copies, but it reads the same file as everyone. What is left is the moment between the check and
 * the rename (microseconds, against a pause that must outlast the lease); closing it would need storage that checks
 * tokens itself, which NFS and Lustre do not.
 */
final class Fence implements AtomicFiles.Guard {

    private final Path file;
    private final String mine;
    private final String course;

    private Fence(Path file, String mine, String course) {
        this.file = file;
        this.mine = mine;
        this.course = course.replace("\n", " stage ");
    }

    /**
     * Takes the course's lease for {@code epoch} of {@code member}, unless a claim of the same run with an epoch as
     * high already holds it (then returns null): an epoch is unique in a healthy cluster, and a member cut off from it
     * may count from a stale copy, so a tie goes to whoever wrote first.
     */
    static Fence take(Path outputRoot, String runId, String course, long epoch, String member) throws IOException {
        Path f = file(outputRoot, course);
        String[] held = read(f) == null ? new String[0] : read(f).split(" ");
        if (held.length == 3 && held[0].equals(runId) && Long.parseLong(held[1]) >= epoch) {
            return null;
        }
        String mine = runId + " " + epoch + " " + member;
        AtomicFiles.writeString(f, mine);
        return new Fence(f, mine, course);
    }

    static Path file(Path outputRoot, String course) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(course.getBytes(StandardCharsets.UTF_8));
            return outputRoot.resolve("cohort").resolve(".cluster-leases").resolve(HexFormat.of().formatHex(h, 0, 12)
                    + ".lease");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path f) throws IOException {
        try {
            return Files.readString(f).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Whether this member still holds the course. */
    boolean holds() throws IOException {
        return mine.equals(read(file));
    }

    @Override
    public void checkBeforeRename(Path target) throws IOException {
        String held = read(file);
        if (!mine.equals(held)) {
            throw new IOException("fenced: course " + course + " was given to another member (lease now '" + held
                    + "', this member held '" + mine + "') while this member was away; " + target
                    + " left as it is");
        }
    }
}
