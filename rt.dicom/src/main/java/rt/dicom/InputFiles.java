package rt.dicom;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The regular files under an input folder, following symlinks, with everything that cannot be used set aside with a
 * one-line reason instead of failing the whole listing: symlink loops, unreadable folders, broken links and special
 * files (FIFOs, devices, sockets). Special files are never opened: reading a FIFO blocks until a writer comes.
 */
public final class InputFiles {

    /** A path that was not used, and why (one line). */
    public record Skipped(Path path, String reason) {
    }

    /** Regular files in path order, and what was skipped. */
    public record Listing(List<Path> files, List<Skipped> skipped) {
    }

    private InputFiles() {
    }

    /** Lists {@code root} (a folder, or a single file). Fails only when the root itself cannot be read. */
    public static Listing list(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        BasicFileAttributes rootAttrs = Files.readAttributes(root, BasicFileAttributes.class);
        if (!rootAttrs.isDirectory()) {
            String why = specialFile(root, rootAttrs);
            if (why == null) {
                files.add(root);
            } else {
                skipped.add(new Skipped(root, why));
            }
            return new Listing(files, skipped);
        }
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        String why = specialFile(f, a);
                        if (why == null) {
                            files.add(f);
                        } else {
                            skipped.add(new Skipped(f, why));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                        if (f.equals(root)) {
                            throw e;
                        }
                        skipped.add(new Skipped(f, reason(e)));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e != null) {
                            // the folder could be opened but not listed to the end
                            skipped.add(new Skipped(dir, "folder not fully listed: " + reason(e)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(Comparator.naturalOrder());
        skipped.sort(Comparator.comparing(Skipped::path));
        return new Listing(files, skipped);
    }

    /** Why a non-folder is not a usable regular file, or null when it is one. */
    private static String specialFile(Path f, BasicFileAttributes a) {
        if (a.isRegularFile()) {
            return null;
        }
        if (a.isSymbolicLink()) {
            // FOLLOW_LINKS reports a link's own attributes when its target cannot be read
            String target;
            try {
                target = String.valueOf(Files.readSymbolicLink(f));
            } catch (IOException e) {
                target = "?";
            }
            return "broken symlink (to " + target + "), skipped";
        }
        return "special file (FIFO, device or socket), skipped without opening it";
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symlink loop (the folder contains itself), skipped";
        }
        if (e instanceof AccessDeniedException) {
            return "folder or file not readable (permission denied), skipped";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot be read (" + m.lines().findFirst().orElse(m) + "), skipped";
    }
}
