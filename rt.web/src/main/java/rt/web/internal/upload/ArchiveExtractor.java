package rt.web.internal.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import rt.web.internal.guard.SafePaths;

/**
 * Unpacks an uploaded .zip, .tar, .tar.gz or .tgz into a new folder, and nothing outside it. Entries whose names leave
 * the folder (zip-slip, absolute paths, encoded or look-alike forms, device names) and entries that are links or
 * special files are refused one by one and reported; the archive as a whole is refused (and nothing of it kept) when
 * it exceeds the entry count, the size caps, or the expansion ratio of a compression bomb. Sizes are counted on the
 * bytes actually inflated, never taken from the archive's headers, which a bomb can fake.
 */
public final class ArchiveExtractor {

    /** Caps on one archive. The ratio is checked once more than {@code ratioFloorBytes} came out. */
    public record Limits(long maxEntries, long maxTotalBytes, long maxEntryBytes, double maxRatio, long ratioFloorBytes) {
        public static Limits defaults() {
            return new Limits(200_000, 256L << 30, 16L << 30, 200, 64L << 20);
        }
    }

    /** One entry that was not extracted, and why. */
    public record Refused(String entry, String reason) {
    }

    public record Result(int files, long bytes, List<Refused> refused) {
    }

    /** The whole archive is refused: nothing of it is kept. */
    public static final class RefusedArchive extends IOException {
        public RefusedArchive(String message) {
            super(message);
        }
    }

    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_REGULAR = 0100000;
    private static final int UNIX_DIRECTORY = 0040000;

    private final Limits limits;

    public ArchiveExtractor(Limits limits) {
        this.limits = limits;
    }

    /** Whether the name has an extension this class unpacks. */
    public static boolean isArchive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
    }

    /** The name without its archive extension, used as the folder the archive unpacks into. */
    public static String stem(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".tar.gz", ".tgz", ".zip", ".tar"}) {
            if (n.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /**
     * Unpacks {@code archive} (its kind from {@code name}) into {@code dest}, which must not exist yet. The entries go
     * to a temporary sibling first, renamed to {@code dest} once the whole archive passed.
     */
    public Result extract(Path archive, String name, Path dest) throws IOException {
        if (Files.exists(dest)) {
            throw new FileAlreadyExistsException(dest.toString(), null, "already unpacked");
        }
        dest = dest.toAbsolutePath().normalize();
        Path part = dest.resolveSibling(dest.getFileName() + ".part");
        deleteTree(part);
        Files.createDirectories(part);
        Counter counter = new Counter(Files.size(archive));
        List<Refused> refused = new ArrayList<>();
        try {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".zip")) {
                extractZip(archive, part, counter, refused);
            } else {
                extractTar(archive, n.endsWith(".gz") || n.endsWith(".tgz"), part, counter, refused);
            }
            Files.move(part, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(part);
            if (e instanceof RefusedArchive r) {
                throw r;
            }
            if (e instanceof IOException io && !(e instanceof FileAlreadyExistsException)) {
                throw new RefusedArchive(name + ": not a readable archive (" + io.getMessage() + ")");
            }
            throw e;
        }
        return new Result(counter.files, counter.total, refused);
    }

    private void extractZip(Path archive, Path dest, Counter counter, List<Refused> refused) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            // the central directory tells the count up front: refuse before writing anything
            long count = 0;
            for (Enumeration<ZipArchiveEntry> all = zip.getEntries(); all.hasMoreElements(); all.nextElement()) {
                if (++count > limits.maxEntries()) {
                    throw new RefusedArchive("more than " + limits.maxEntries() + " entries");
                }
            }
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                counter.entry(limits);
                int type = e.getUnixMode() & UNIX_TYPE_MASK;
                if (e.isUnixSymlink()) {
                    refused.add(new Refused(e.getName(), "symbolic link"));
                } else if (type != 0 && type != UNIX_REGULAR && type != UNIX_DIRECTORY) {
                    refused.add(new Refused(e.getName(), "special file (not a regular file or folder)"));
                } else if (!zip.canReadEntryData(e)) {
                    refused.add(new Refused(e.getName(), "unsupported compression or encryption"));
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        write(e.getName(), e.isDirectory(), in, e.getCompressedSize(), dest, counter, refused);
                    }
                }
            }
        }
    }

    private void extractTar(Path archive, boolean gzip, Path dest, Counter counter, List<Refused> refused)
            throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(raw, true) : raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                counter.entry(limits);
                if (e.isSymbolicLink() || e.isLink()) {
                    refused.add(new Refused(e.getName(), e.isLink() ? "hard link" : "symbolic link"));
                } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                    refused.add(new Refused(e.getName(), "special file (device or FIFO)"));
                } else if (e.isDirectory() || e.isFile()) {
                    // a tar entry has no compressed size of its own: the whole archive's ratio is what counts
                    write(e.getName(), e.isDirectory(), tar, -1, dest, counter, refused);
                } else {
                    refused.add(new Refused(e.getName(), "unsupported tar entry type"));
                }
            }
        }
    }

    private void write(String name, boolean directory, InputStream in, long compressedSize, Path dest, Counter counter,
            List<Refused> refused) throws IOException {
        String why = SafePaths.problem(name);
        if (why != null) {
            refused.add(new Refused(SafePaths.printable(name), why));
            return;
        }
        // lexical resolution suffices: this class never creates links, so none can lie under dest
        Path target = dest.resolve(name).normalize();
        if (!target.startsWith(dest) || target.equals(dest)) {
            refused.add(new Refused(SafePaths.printable(name), "path leaves its folder"));
            return;
        }
        if (directory) {
            counter.directory(target);
            return;
        }
        counter.directory(target.getParent());
        long written = 0;
        byte[] buf = new byte[1 << 16];
        // CREATE_NEW: a second entry of the same name is refused, and an existing path is never opened
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                written += n;
                counter.bytes(n, limits);
                if (written > limits.maxEntryBytes()) {
                    throw new RefusedArchive("entry " + SafePaths.printable(name) + " inflates beyond "
                            + limits.maxEntryBytes() + " bytes");
                }
                if (compressedSize > 0 && written > limits.ratioFloorBytes()
                        && written > limits.maxRatio() * compressedSize) {
                    throw new RefusedArchive("entry " + SafePaths.printable(name) + " expands more than "
                            + (long) limits.maxRatio() + "-fold (compression bomb)");
                }
                out.write(buf, 0, n);
            }
        } catch (FileAlreadyExistsException e) {
            refused.add(new Refused(SafePaths.printable(name), "duplicate entry"));
            return;
        }
        counter.files++;
    }

    /** Totals over the whole archive. */
    private static final class Counter {
        private final long archiveBytes;
        long entries;
        long total;
        int files;
        private final java.util.Set<Path> made = new java.util.HashSet<>();

        /** Creates a folder once (archives list thousands of files per folder). */
        void directory(Path dir) throws IOException {
            if (made.add(dir)) {
                Files.createDirectories(dir);
            }
        }

        Counter(long archiveBytes) {
            this.archiveBytes = Math.max(1, archiveBytes);
        }

        void entry(Limits limits) throws RefusedArchive {
            if (++entries > limits.maxEntries()) {
                throw new RefusedArchive("more than " + limits.maxEntries() + " entries");
            }
        }

        void bytes(long n, Limits limits) throws RefusedArchive {
            total += n;
            if (total > limits.maxTotalBytes()) {
                throw new RefusedArchive("inflates beyond " + limits.maxTotalBytes() + " bytes");
            }
            if (total > limits.ratioFloorBytes() && total > limits.maxRatio() * archiveBytes) {
                throw new RefusedArchive("expands more than " + (long) limits.maxRatio()
                        + "-fold (compression bomb)");
            }
        }
    }

    /** Removes a folder this class created (links are removed, never followed). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
