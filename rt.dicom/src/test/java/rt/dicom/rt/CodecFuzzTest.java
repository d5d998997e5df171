package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.dicom.DicomException;
import rt.dicom.DicomFile;
import rt.dicom.DicomReader;
import rt.dicom.ReadOptions;
import rt.testsupport.SurefireStyleSummary;

/**
 * Seeded mutations of compressed pixel data (flipped bytes, truncated and duplicated runs inside the fragments)
 * for every codec: decoding gives pixels or a {@link DicomException}, never another exception, a hang or an
 * allocation out of proportion to the image. Seeds: the public compressed files Debian's python3-pydicom ships.
 */
@ExtendWith(SurefireStyleSummary.class)
class CodecFuzzTest {

    private static final Path FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final String[] SEEDS = {"MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm",
        "MR_small_jp2klossless.dcm", "JPEG2000.dcm", "JPGExtended.dcm", "rtdose_rle.dcm"};
    private static final int MUTANTS = 120;

    @Test
    void mutated_compressed_frames_fail_with_the_codecs_exception_only() throws IOException {
        if (!Files.isDirectory(FILES)) {
            ReferenceDecoder.skip("pydicom's test files not installed (Debian python3-pydicom)");
        }
        Random random = new Random(1804);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int decoded = 0;
        int refused = 0;
        for (String seed : SEEDS) {
            byte[] original = Files.readAllBytes(FILES.resolve(seed));
            // the pixel data is the tail of these files: mutate only the last 80 %
            int from = original.length / 5;
            for (int n = 0; n < MUTANTS; n++) {
                byte[] mutant = mutate(original, from, random);
                String name = seed + "#" + n;
                long before = mx.getCurrentThreadAllocatedBytes();
                boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> decode(mutant, name), name);
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                assertTrue(allocated < 400L * original.length + (64 << 20), name + " allocated " + allocated);
                if (ok) {
                    decoded++;
                } else {
                    refused++;
                }
            }
        }
        assertTrue(decoded > 0 && refused > 0, decoded + " decoded, " + refused + " refused");
    }

    private static boolean decode(byte[] data, String name) {
        try {
            DicomFile f = DicomReader.read(data, name, ReadOptions.ALL);
            PixelData.storedValues(f);
            return true;
        } catch (DicomException e) {
            assertTrue(e.getMessage().startsWith(name) && !e.getMessage().contains("\n"), e.getMessage());
            return false;
        } catch (RuntimeException | Error e) {
            fail(name + ": " + e, e);
            return false;
        }
    }

    private static byte[] mutate(byte[] in, int from, Random r) {
        byte[] b = in.clone();
        int kind = r.nextInt(3);
        if (kind == 0) {
            for (int i = 0; i < 1 + r.nextInt(8); i++) {
                b[from + r.nextInt(b.length - from)] ^= (byte) (1 << r.nextInt(8));
            }
        } else if (kind == 1) {
            int at = from + r.nextInt(b.length - from);
            java.util.Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(64)), (byte) r.nextInt(256));
        } else {
            int at = from + r.nextInt(b.length - from - 16);
            System.arraycopy(in, from + r.nextInt(b.length - from - 16), b, at, 16);
        }
        return b;
    }
}
