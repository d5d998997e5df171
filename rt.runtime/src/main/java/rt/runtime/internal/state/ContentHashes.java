package rt.runtime.internal.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of file contents, remembered by the file's stat key (device, inode, size, modification and change time). A
 * file is read again only when its stat key changed: the change time ({@code ctime}) is set by the kernel on every
 * write and cannot be set back from user space, so a content edit that keeps size and modification time still changes
 * the key, and the content decides. Hard links share an inode, so organize's linked copies cost no second read.
 * The table survives runs in {@code OUT/cohort/.state/content-hashes.tsv} (a missing or stale table only costs time).
 */
public final class ContentHashes {

    private final Map<String, String> byStatKey = new ConcurrentHashMap<>();
    private final java.util.Set<String> used = ConcurrentHashMap.newKeySet();
    private final Path table;

    /** Remembers hashes for this run only. */
    public ContentHashes() {
        this.table = null;
    }

    private ContentHashes(Path table) {
        this.table = table;
    }

    /** The table of an output folder, loaded when it exists; {@link #save()} writes it back. */
    public static ContentHashes load(Path outputRoot) {
        ContentHashes h = new ContentHashes(outputRoot.resolve("cohort").resolve(".state").resolve("content-hashes.tsv"));
        try {
            if (Files.isRegularFile(h.table)) {
                for (String line : Files.readAllLines(h.table, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0 && line.length() - tab - 1 == 64) {
                        h.byStatKey.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            h.byStatKey.clear(); // unreadable table: hash again
        }
        return h;
    }

    /** Writes the table back: the entries this run used, so that it does not grow without end. */
    public void save() throws IOException {
        if (table == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(byStatKey).forEach((k, v) -> {
            if (used.contains(k)) {
                sb.append(k).append('\t').append(v).append('\n');
            }
        });
        StateStore.writeAtomically(table, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256 of the file's content; throws when it cannot be read. */
    public String hash(Path file) throws IOException {
        String key = statKey(file);
        String known = byStatKey.get(key);
        used.add(key);
        if (known != null) {
            return known;
        }
        String h = sha256(file);
        if (key.equals(statKey(file))) { // not changed while we read it
            byStatKey.put(key, h);
        }
        return h;
    }

    /** Device, inode, size, mtime and ctime (nanoseconds); size, mtime and file key where "unix" attributes lack. */
    public static String statKey(Path file) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                    + nanos(a.get("lastModifiedTime")) + ":" + nanos(a.get("ctime"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            BasicFileAttributes b = Files.readAttributes(file, BasicFileAttributes.class);
            return b.fileKey() + ":" + b.size() + ":" + b.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)
                    + ":" + file.toAbsolutePath();
        }
    }

    private static long nanos(Object fileTime) {
        return ((java.nio.file.attribute.FileTime) fileTime).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
