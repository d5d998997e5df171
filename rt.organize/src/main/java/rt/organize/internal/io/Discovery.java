package rt.organize.internal.io;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import rt.dicom.InputFiles;
import rt.organize.internal.plan.DicomSummary;

/**
 * Header scan of every file under the input root, in parallel, with a header cache keyed by path, size and
 * modification time (so a second run reads no unchanged file again). Files that are not DICOM or are broken are
 * listed with the reader's one-line reason; the scan goes on.
 */
public final class Discovery {

    /** A file that could not be used, and why. */
    public record Problem(String path, String reason) {
    }

    public record Result(List<DicomSummary> objects, List<Problem> problems, int files, int fromCache) {
    }

    /** One cache entry: what the header said, or why it could not be read. */
    public record CacheEntry(long size, long lastModified, DicomSummary summary, String problem) {
    }

    private Discovery() {
    }

    public static Result scan(Path root, Path cacheFile, ExecutorService pool, LongConsumer progress,
            java.util.function.BooleanSupplier cancelled) throws IOException, InterruptedException {
        InputFiles.Listing listing = listInput(root);
        List<Path> files = listing.files();
        Map<String, CacheEntry> cache = readCache(cacheFile);
        Map<String, CacheEntry> next = new ConcurrentHashMap<>();
        AtomicInteger hits = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (Path f : files) {
            futures.add(pool.submit(() -> {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                String key = f.toAbsolutePath().toString();
                CacheEntry entry;
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    CacheEntry old = cache.get(key);
                    if (old != null && old.size() == a.size() && old.lastModified() == a.lastModifiedTime().toMillis()) {
                        entry = old;
                        hits.incrementAndGet();
                    } else {
                        entry = read(f, a);
                    }
                } catch (IOException e) {
                    entry = new CacheEntry(-1, -1, null, oneLine(f, e));
                }
                next.put(key, entry);
                progress.accept(1);
                return null;
            }));
        }
        for (Future<?> fu : futures) {
            try {
                fu.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("header scan failed: " + e.getCause(), e.getCause());
            }
        }
        List<DicomSummary> objects = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (InputFiles.Skipped sk : listing.skipped()) {
            problems.add(new Problem(sk.path().toAbsolutePath().toString(), sk.reason()));
        }
        Map<String, CacheEntry> sorted = new LinkedHashMap<>();
        next.keySet().stream().sorted().forEach(k -> sorted.put(k, next.get(k)));
        for (Map.Entry<String, CacheEntry> e : sorted.entrySet()) {
            if (e.getValue().summary() != null) {
                objects.add(e.getValue().summary());
            } else {
                problems.add(new Problem(e.getKey(), e.getValue().problem()));
            }
        }
        if (cacheFile != null && !cancelled.getAsBoolean()) {
            Json.writeBytes(cacheFile, Json.MAPPER.writer().writeValueAsBytes(sorted));
        }
        return new Result(objects, problems, files.size(), hits.get());
    }

    private static CacheEntry read(Path f, BasicFileAttributes a) {
        try {
            return new CacheEntry(a.size(), a.lastModifiedTime().toMillis(), HeaderScanner.scan(f), null);
        } catch (IOException | RuntimeException e) {
            return new CacheEntry(a.size(), a.lastModifiedTime().toMillis(), null, oneLine(f, e));
        }
    }

    private static String oneLine(Path f, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse(m);
        String name = f.toString();
        if (m.startsWith(name)) {
            m = m.substring(name.length()).replaceFirst("^[:\\s]+", "");
        }
        return e instanceof IOException ? m : e.getClass().getSimpleName() + ": " + m;
    }

    private static Map<String, CacheEntry> readCache(Path cacheFile) {
        if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(cacheFile.toFile(), new TypeReference<Map<String, CacheEntry>>() {
            });
        } catch (IOException e) {
            // A damaged cache only costs a rescan.
            return Map.of();
        }
    }

    /** SHA-256 of a file's content (for deduplication of colliding SOP Instance UIDs). */
    public static String contentHash(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "unreadable:" + path;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SHA-256 over the relative path, size and modification time of every file under the root, and the path and
     * reason of everything skipped (so that repairing a skipped folder counts as a change).
     */
    public static String treeFingerprint(Path root) throws IOException {
        InputFiles.Listing listing = listInput(root);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : listing.files()) {
                String line;
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    line = root.relativize(f) + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
                } catch (IOException gone) {
                    line = root.relativize(f) + "|gone";
                }
                md.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (InputFiles.Skipped sk : listing.skipped()) {
                md.update((root.relativize(sk.path()) + "|skipped|" + sk.reason() + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The input's files; only an unreadable root fails (one bad folder below it is skipped with its reason). */
    private static InputFiles.Listing listInput(Path root) throws IOException {
        try {
            return InputFiles.list(root);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(root + ": cannot list the input folder (" + m + ")", e);
        }
    }
}
