package rt.web.internal.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ArchiveExtractorTest {

    @TempDir
    Path tmp;

    private final ArchiveExtractor defaults = new ArchiveExtractor(ArchiveExtractor.Limits.defaults());

    /** One archive entry for the writers below: a name and its bytes (null: a folder). */
    record E(String name, byte[] data) {
        static E file(String name, String text) {
            return new E(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Path zip(String name, List<E> entries) throws IOException {
        Path p = tmp.resolve(name);
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p.toFile())) {
            for (E e : entries) {
                ZipArchiveEntry ze = new ZipArchiveEntry(e.name());
                z.putArchiveEntry(ze);
                if (e.data() != null) {
                    z.write(e.data());
                }
                z.closeArchiveEntry();
            }
        }
        return p;
    }

    private Path tar(String name, boolean gzip, List<TarArchiveEntry> entries, List<byte[]> data) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream raw = Files.newOutputStream(p);
                OutputStream o = gzip ? new GzipCompressorOutputStream(raw) : raw;
                TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < entries.size(); i++) {
                TarArchiveEntry e = entries.get(i);
                byte[] d = data.get(i);
                if (d != null) {
                    e.setSize(d.length);
                }
                t.putArchiveEntry(e);
                if (d != null) {
                    t.write(d);
                }
                t.closeArchiveEntry();
            }
        }
        return p;
    }

    /** Every regular file or link under {@code tmp}, as relative paths. */
    private List<String> allUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).map(p -> root.relativize(p).toString())
                    .sorted().toList();
        }
    }

    @Test
    void zipSlipAndAbsoluteAndDisguisedNamesAreRefusedAndNothingLandsOutside() throws IOException {
        Path z = zip("slip.zip", List.of(E.file("ok/a.txt", "fine"), E.file("../evil.txt", "x"),
                E.file("ok/../../evil2.txt", "x"), E.file("/tmp/abs.txt", "x"), E.file("C:/win.txt", "x"),
                E.file("..\\evil3.txt", "x"), E.file("%2e%2e/evil4.txt", "x"), E.file("\uff0e\uff0e/evil5.txt", "x"),
                E.file("ok/con.txt", "x"), E.file("NUL", "x"), E.file("ok/lpt1", "x")));
        Path dest = tmp.resolve("out/slip");
        ArchiveExtractor.Result r = defaults.extract(z, "slip.zip", dest);
        assertEquals(1, r.files());
        assertEquals(10, r.refused().size(), r.refused().toString());
        assertEquals("fine", Files.readString(dest.resolve("ok/a.txt")));
        // the only files anywhere under the temp folder: the archive and the one good entry
        assertEquals(List.of("out/slip/ok/a.txt", "slip.zip"), allUnder(tmp));
    }

    @Test
    void zipSymlinkEntryIsRefusedAndNoLinkIsCreated() throws IOException {
        Path p = tmp.resolve("link.zip");
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p.toFile())) {
            ZipArchiveEntry link = new ZipArchiveEntry("data/passwd");
            link.setUnixMode(0120777);
            z.putArchiveEntry(link);
            z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
            ZipArchiveEntry fifo = new ZipArchiveEntry("data/fifo");
            fifo.setUnixMode(0010644);
            z.putArchiveEntry(fifo);
            z.closeArchiveEntry();
            ZipArchiveEntry ok = new ZipArchiveEntry("data/ok.dcm");
            ok.setUnixMode(0100644);
            z.putArchiveEntry(ok);
            z.write(new byte[] {1, 2, 3});
            z.closeArchiveEntry();
        }
        Path dest = tmp.resolve("x");
        ArchiveExtractor.Result r = defaults.extract(p, "link.zip", dest);
        assertEquals(1, r.files());
        assertEquals(List.of("symbolic link", "special file (not a regular file or folder)"),
                r.refused().stream().map(ArchiveExtractor.Refused::reason).toList());
        assertEquals(List.of("data/ok.dcm"), allUnder(dest));
    }

    @Test
    void tarLinksDevicesAndFifosAreRefusedRegularFilesKept() throws IOException {
        TarArchiveEntry sym = new TarArchiveEntry("a/sym", TarConstants.LF_SYMLINK);
        sym.setLinkName("/etc/passwd");
        TarArchiveEntry hard = new TarArchiveEntry("a/hard", TarConstants.LF_LINK);
        hard.setLinkName("a/file.txt");
        TarArchiveEntry chr = new TarArchiveEntry("a/dev", TarConstants.LF_CHR);
        TarArchiveEntry fifo = new TarArchiveEntry("a/fifo", TarConstants.LF_FIFO);
        TarArchiveEntry dir = new TarArchiveEntry("a/sub/");
        TarArchiveEntry file = new TarArchiveEntry("a/sub/file.txt");
        TarArchiveEntry slip = new TarArchiveEntry("../../slip.txt");
        Path t = tar("in.tar.gz", true, List.of(sym, hard, chr, fifo, dir, file, slip),
                java.util.Arrays.asList(null, null, null, null, null, "hello".getBytes(StandardCharsets.UTF_8),
                        "x".getBytes(StandardCharsets.UTF_8)));
        Path dest = tmp.resolve("t");
        ArchiveExtractor.Result r = defaults.extract(t, "in.tar.gz", dest);
        assertEquals(1, r.files());
        assertEquals(5, r.refused().size(), r.refused().toString());
        assertEquals("hello", Files.readString(dest.resolve("a/sub/file.txt")));
        assertEquals(List.of("in.tar.gz", "t/a/sub/file.txt"), allUnder(tmp));
    }

    @Test
    void compressionBombIsRefusedByRatioAndLeavesNothing() throws IOException {
        // 8 MiB of zeros deflates to about 8 KiB: a 1000-fold expansion
        Path z = zip("bomb.zip", List.of(new E("zeros.bin", new byte[8 << 20])));
        ArchiveExtractor small = new ArchiveExtractor(new ArchiveExtractor.Limits(1000, 1L << 30, 1L << 30, 100, 1 << 20));
        Path dest = tmp.resolve("bomb");
        ArchiveExtractor.RefusedArchive e = assertThrows(ArchiveExtractor.RefusedArchive.class,
                () -> small.extract(z, "bomb.zip", dest));
        assertTrue(e.getMessage().contains("compression bomb"), e.getMessage());
        assertEquals(List.of("bomb.zip"), allUnder(tmp));
        assertFalse(Files.exists(dest));
    }

    @Test
    void tarGzBombIsRefusedByTheWholeArchiveRatio() throws IOException {
        TarArchiveEntry big = new TarArchiveEntry("zeros.bin");
        Path t = tar("bomb.tgz", true, List.of(big), List.of(new byte[8 << 20]));
        ArchiveExtractor small = new ArchiveExtractor(new ArchiveExtractor.Limits(1000, 1L << 30, 1L << 30, 100, 1 << 20));
        assertThrows(ArchiveExtractor.RefusedArchive.class, () -> small.extract(t, "bomb.tgz", tmp.resolve("b")));
        assertEquals(List.of("bomb.tgz"), allUnder(tmp));
    }

    @Test
    void totalSizeCapCountsInflatedBytesNotHeaders() throws IOException {
        byte[] noise = new byte[600_000];
        new Random(1).nextBytes(noise);
        Path z = zip("big.zip", List.of(new E("a", noise), new E("b", noise)));
        ArchiveExtractor capped = new ArchiveExtractor(new ArchiveExtractor.Limits(1000, 1_000_000, 1L << 30, 100, 1 << 20));
        ArchiveExtractor.RefusedArchive e = assertThrows(ArchiveExtractor.RefusedArchive.class,
                () -> capped.extract(z, "big.zip", tmp.resolve("big")));
        assertTrue(e.getMessage().contains("inflates beyond 1000000 bytes"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("big")));
        assertFalse(Files.exists(tmp.resolve("big.part")));
    }

    @Test
    void tenThousandTinyFilesAreExtractedAndOneMoreThanTheCapIsRefused() throws IOException {
        List<E> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(E.file("d" + (i % 100) + "/f" + i + ".txt", Integer.toString(i)));
        }
        Path z = zip("many.zip", entries);
        ArchiveExtractor.Result r = defaults.extract(z, "many.zip", tmp.resolve("many"));
        assertEquals(10_000, r.files());
        assertEquals("9999", Files.readString(tmp.resolve("many/d99/f9999.txt")));

        ArchiveExtractor capped = new ArchiveExtractor(new ArchiveExtractor.Limits(9_999, 1L << 30, 1L << 30, 100, 1 << 20));
        ArchiveExtractor.RefusedArchive e = assertThrows(ArchiveExtractor.RefusedArchive.class,
                () -> capped.extract(z, "many.zip", tmp.resolve("many2")));
        assertTrue(e.getMessage().contains("more than 9999 entries"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("many2")));
    }

    @Test
    void duplicateEntriesKeepTheFirstAndGarbageIsNotAnArchive() throws IOException {
        Path z = zip("dup.zip", List.of(E.file("a.txt", "first"), E.file("a.txt", "second")));
        ArchiveExtractor.Result r = defaults.extract(z, "dup.zip", tmp.resolve("dup"));
        assertEquals("first", Files.readString(tmp.resolve("dup/a.txt")));
        assertEquals("duplicate entry", r.refused().get(0).reason());

        Path junk = tmp.resolve("junk.zip");
        Files.write(junk, "this is not a zip file at all".getBytes(StandardCharsets.UTF_8));
        ArchiveExtractor.RefusedArchive e = assertThrows(ArchiveExtractor.RefusedArchive.class,
                () -> defaults.extract(junk, "junk.zip", tmp.resolve("junk")));
        assertTrue(e.getMessage().startsWith("junk.zip: not a readable archive"), e.getMessage());
    }
}
