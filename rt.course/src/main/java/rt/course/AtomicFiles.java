package rt.course;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every output of the platform is written here: into a hidden temporary sibling, then renamed over the target, so a
 * reader (or a resumed run after kill -9) sees the old file or the new one, never half of one.
 *
 * <p>The temporary file is created with the process umask (not {@code Files.createTempFile}'s owner-only mode), so
 * outputs keep the permissions a user expects on a shared output folder. Its name ends in {@value #TEMP_SUFFIX}, which
 * lets {@link #removeLeftovers(Path)} clean what a killed process left without touching anything else.
 */
public final class AtomicFiles {

    /** Suffix of every temporary file this class creates. */
    public static final String TEMP_SUFFIX = ".rt-tmp";

    /** Writes the body of a file to a stream; the stream is closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Checked just before an output is renamed into place, on the thread that writes it: a runtime that runs work on
     * behalf of others (a cluster member) installs one so that a writer whose work was given to someone else (its
     * process was paused, then declared gone) leaves the newer output alone. Throws to refuse the rename.
     */
    @FunctionalInterface
    public interface Guard {
        void checkBeforeRename(Path target) throws IOException;
    }

    /*
     * Per thread, not a field of a writer object: every stage bundle calls this class statically (some twenty
     * writers), and a task runs its stage on one thread; threading a guard through each of them would change every
     * stage's code for a check only the cluster needs.
     */
    private static final ThreadLocal<Guard> GUARD = new ThreadLocal<>();

    private AtomicFiles() {
    }

    /** Runs {@code body} on this thread with {@code guard} checked before each rename; restores the previous one. */
    public static <T, E extends Exception> T guarded(Guard guard, GuardedBody<T, E> body) throws E {
        Guard previous = GUARD.get();
        GUARD.set(guard);
        try {
            return body.run();
        } finally {
            if (previous == null) {
                GUARD.remove();
            } else {
                GUARD.set(previous);
            }
        }
    }

    /** What {@link #guarded} runs. */
    @FunctionalInterface
    public interface GuardedBody<T, E extends Exception> {
        T run() throws E;
    }

    /** Writes {@code target} from {@code body}, creating its folder; on any failure the target is left as it was. */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = newTempSibling(abs);
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16)) {
                body.write(out);
            }
            Guard guard = GUARD.get();
            if (guard != null) {
                guard.checkBeforeRename(abs);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some network file systems cannot rename atomically; a plain replace is the best they offer.
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw naming(abs, e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * The error with the output's path in its message: a full disk or a quota says only "No space left on device",
     * and a run of 1,000 courses must tell which file it could not write.
     */
    private static IOException naming(Path target, IOException e) {
        String msg = e.getMessage();
        if (msg != null && msg.contains(target.toString())) {
            return e;
        }
        String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file " + msg
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied: " + msg
                : msg == null ? e.getClass().getSimpleName() : msg;
        return new IOException("cannot write " + target + ": " + reason, e);
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a file name is one of this class's temporary files. */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(".") && name.toString().endsWith(TEMP_SUFFIX);
    }

    /** Whether {@code file} is a temporary file this class made while writing {@code target}. */
    public static boolean isTemporaryOf(Path file, Path target) {
        Path name = file.getFileName();
        Path targetName = target.getFileName();
        if (name == null || targetName == null || !isTemporary(file)) {
            return false;
        }
        String prefix = "." + targetName + ".";
        String n = name.toString();
        if (!n.startsWith(prefix) || n.length() <= prefix.length() + TEMP_SUFFIX.length()) {
            return false;
        }
        // Between the target's name and the suffix: the random hex part newTempSibling adds, nothing else.
        return n.substring(prefix.length(), n.length() - TEMP_SUFFIX.length()).chars()
                .allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * Deletes the temporary files a killed process left while writing {@code target} (and only those: a writer of
     * another file in the same folder may be running now); returns how many.
     */
    public static int removeLeftoversOf(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "." + globEscape(target.getFileName()) + ".*")) {
            for (Path p : entries) {
                if (isTemporaryOf(p, target) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static String globEscape(Path name) {
        return name.toString().replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /**
     * Deletes the temporary files a killed process left directly in {@code dir} and in its sub-folders; returns how
     * many. Only names made by this class are touched.
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    removed += removeLeftovers(p);
                } else if (isTemporary(p) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static Path newTempSibling(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + random + TEMP_SUFFIX);
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw e;
                }
            }
        }
    }
}
