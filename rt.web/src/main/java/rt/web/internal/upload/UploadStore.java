package rt.web.internal.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import rt.web.internal.guard.SafePaths;

/**
 * The upload area: one folder per upload ({@code <root>/<id>/}) with {@code files/} (what the run reads) and
 * {@code archives/} (uploaded archives, kept until the upload is deleted). Bodies are streamed to disk in 64 KiB steps,
 * never held in memory, into a temporary file renamed into place when complete. Nothing is written outside the root.
 */
public final class UploadStore {

    /** Thrown when a limit of the upload area is reached (HTTP 413). */
    public static final class TooLarge extends IOException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** What one stored file became. */
    public record Stored(String path, long bytes, boolean archive, int extracted, List<UploadSummary.Problem> refused) {
    }

    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final long maxUploadBytes;
    private final ArchiveExtractor extractor;
    private final SecureRandom random = new SecureRandom();
    /** Bytes stored per upload (uploaded files and what archives unpacked to), counted once from disk. */
    private final java.util.Map<String, Long> used = new java.util.concurrent.ConcurrentHashMap<>();
    /** One lock per upload: files of one upload are stored one at a time, different uploads in parallel. */
    private final java.util.Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    public UploadStore(Path root, long maxUploadBytes, ArchiveExtractor.Limits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.maxUploadBytes = maxUploadBytes;
        this.extractor = new ArchiveExtractor(limits);
    }

    public Path root() {
        return root;
    }

    public String create() throws IOException {
        byte[] b = new byte[8];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        Files.createDirectories(root.resolve(id).resolve("files"));
        Files.createDirectories(root.resolve(id).resolve("archives"));
        return id;
    }

    /** The upload's folder; the id must be one this store made and still has. */
    public Path folder(String id) {
        if (id == null || !ID.matcher(id).matches() || !Files.isDirectory(root.resolve(id))) {
            throw new IllegalArgumentException("no upload '" + SafePaths.printable(id) + "'");
        }
        return root.resolve(id);
    }

    /** The folder a run on this upload reads. */
    public Path files(String id) {
        return folder(id).resolve("files");
    }

    public List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (var s = Files.list(root)) {
                s.map(p -> p.getFileName().toString()).filter(n -> ID.matcher(n).matches()).sorted().forEach(ids::add);
            }
        }
        return ids;
    }

    /**
     * Streams {@code body} into the upload as {@code relative}; an archive is unpacked into {@code files/<stem>/}.
     * {@code declaredLength} (-1 when unknown) is checked before anything is written.
     */
    public Stored store(String id, String relative, InputStream body, long declaredLength) throws IOException {
        Path folder = folder(id);
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            return storeLocked(id, folder, relative, body, declaredLength);
        }
    }

    private Stored storeLocked(String id, Path folder, String relative, InputStream body, long declaredLength)
            throws IOException {
        String why = SafePaths.problem(relative);
        if (why != null || relative.endsWith("/")) {
            throw new IllegalArgumentException("file name '" + SafePaths.printable(relative) + "': "
                    + (why == null ? "a folder, not a file" : why));
        }
        long used = this.used.computeIfAbsent(id, k -> sizeOf(folder));
        long allowed = maxUploadBytes - used;
        if (declaredLength > allowed) {
            throw new TooLarge("upload limit " + maxUploadBytes + " bytes reached (" + used + " used, "
                    + declaredLength + " more announced)");
        }
        long free = Files.getFileStore(folder).getUsableSpace();
        if (declaredLength > 0 && declaredLength > free - (256L << 20)) {
            throw new TooLarge("not enough free disk space for " + declaredLength + " bytes (" + free + " free)");
        }
        boolean archive = ArchiveExtractor.isArchive(relative);
        Path target = SafePaths.resolve(folder.resolve(archive ? "archives" : "files"),
                archive ? relative.replace('/', '_') : relative);
        if (Files.exists(target)) {
            throw new IllegalArgumentException("file '" + SafePaths.printable(relative) + "' was already uploaded");
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".upload");
        long written = 0;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = body.read(buf)) > 0) {
                    written += n;
                    if (written > allowed) {
                        throw new TooLarge("upload limit " + maxUploadBytes + " bytes reached while receiving "
                                + SafePaths.printable(relative));
                    }
                    out.write(buf, 0, n);
                }
            }
            if (declaredLength >= 0 && written != declaredLength) {
                throw new IOException("received " + written + " of " + declaredLength + " bytes of "
                        + SafePaths.printable(relative) + " (connection cut?)");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        this.used.merge(id, written, Long::sum);
        if (!archive) {
            return new Stored(relative, written, false, 0, List.of());
        }
        Path dest = uniqueFolder(folder.resolve("files"), ArchiveExtractor.stem(target.getFileName().toString()));
        try {
            ArchiveExtractor.Result r = extractor.extract(target, relative, dest);
            this.used.merge(id, r.bytes(), Long::sum);
            List<UploadSummary.Problem> refused = r.refused().stream()
                    .map(x -> new UploadSummary.Problem(relative + "!" + x.entry(), x.reason())).toList();
            appendRefused(folder, refused);
            return new Stored(relative, written, true, r.files(), refused);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            this.used.merge(id, -written, Long::sum);
            throw e;
        }
    }

    /** The validation summary of the upload (archives already unpacked). */
    public UploadSummary summary(String id) throws IOException {
        Path folder = folder(id);
        return UploadSummary.scan(folder.resolve("files"), readRefused(folder));
    }

    public void delete(String id) throws IOException {
        Path folder = folder(id);
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            ArchiveExtractor.deleteTree(folder);
            used.remove(id);
        }
        locks.remove(id);
    }

    private static Path uniqueFolder(Path parent, String stem) {
        String base = stem.isEmpty() ? "archive" : stem;
        Path p = parent.resolve(base);
        for (int i = 2; Files.exists(p) || Files.exists(p.resolveSibling(p.getFileName() + ".part")); i++) {
            p = parent.resolve(base + "-" + i);
        }
        return p;
    }

    private static void appendRefused(Path folder, List<UploadSummary.Problem> refused) throws IOException {
        if (refused.isEmpty()) {
            return;
        }
        List<UploadSummary.Problem> all = new ArrayList<>(readRefused(folder));
        all.addAll(refused);
        Path file = folder.resolve("refused.json");
        Path tmp = folder.resolve("refused.json.tmp");
        JSON.writeValue(tmp.toFile(), all);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<UploadSummary.Problem> readRefused(Path folder) throws IOException {
        Path file = folder.resolve("refused.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return List.of(JSON.readValue(file.toFile(), UploadSummary.Problem[].class));
    }

    private static long sizeOf(Path folder) {
        try (var s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
