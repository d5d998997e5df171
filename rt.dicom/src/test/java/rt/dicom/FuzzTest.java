package rt.dicom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtPlanReader;
import rt.dicom.rt.RtRecordReader;
import rt.dicom.rt.RtStructReader;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/**
 * Feeds seeded mutations of real files (truncation, flipped bytes, huge lengths, bad VRs, garbage) to the reader and
 * the RT readers: the only exception allowed is {@link DicomException}, allocation stays bounded, nothing hangs.
 */
@ExtendWith(SurefireStyleSummary.class)
class FuzzTest {

    private static final long SEED = 20261121L;
    private static final int MUTANTS_PER_FILE = 250;
    private static final String[] SEEDS = {"pydicom-rt/rtdose.dcm", "pydicom-rt/rtplan.dcm", "pydicom-rt/rtstruct.dcm",
        "pydicom-rt/rtdose_1frame.dcm", "pydicom-rt/CT_small.dcm", "rt-utils/mock_data/rt.dcm",
        "rt-utils/oriented_data/1.dcm", "nelms-dvh/STRUCTURES/Sphere_10_0.dcm"};

    @TempDir
    Path dir;

    @Test
    void mutated_real_files_give_only_the_codecs_exception() throws IOException {
        Random random = new Random(SEED);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[] counts = new int[2];
        for (String seed : SEEDS) {
            byte[] original = Files.readAllBytes(RefData.resolve(seed));
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int n = 0; n < MUTANTS_PER_FILE; n++) {
                    byte[] mutant = mutate(original, random);
                    String name = seed + "#" + n;
                    long before = mx.getCurrentThreadAllocatedBytes();
                    boolean ok = parseEverything(mutant, name);
                    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                    // values are slices of the input; RT objects hold a few arrays per value: bounded by the input
                    assertTrue(allocated < 64L * mutant.length + (8 << 20), name + " allocated " + allocated
                            + " bytes for " + mutant.length + " input bytes");
                    counts[ok ? 0 : 1]++;
                    if (n % 50 == 0) {
                        Path file = dir.resolve("m" + n + ".dcm");
                        Files.write(file, mutant);
                        readFile(file);
                    }
                }
            }, seed);
        }
        int total = counts[0] + counts[1];
        assertTrue(total >= 1000, "mutants: " + total);
        assertTrue(counts[1] > 100, "most mutants are rejected: " + counts[1]);
        assertTrue(counts[0] > 10, "some survive: " + counts[0]);
    }

    private static void readFile(Path file) {
        for (ReadOptions o : List.of(ReadOptions.ALL, ReadOptions.HEADER)) {
            try {
                DicomReader.read(file, o);
            } catch (DicomException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            } catch (IOException e) {
                fail(file + ": " + e);
            }
        }
    }

    /** True when the mutant parsed; false when rejected with DicomException. Anything else fails the test. */
    private static boolean parseEverything(byte[] data, String name) {
        try {
            DicomFile f = DicomReader.read(data, name, ReadOptions.ALL);
            DicomObject ds = f.dataset();
            ds.dump();
            String modality = ds.getString(Tag.Modality, "");
            switch (modality) {
                case "RTSTRUCT" -> RtStructReader.from(ds, name);
                case "RTPLAN" -> RtPlanReader.from(ds, name);
                case "RTDOSE" -> RtDoseReader.from(f, name);
                case "RTRECORD" -> RtRecordReader.from(ds, name);
                default -> { }
            }
            DicomReader.read(data, name, ReadOptions.HEADER);
            return true;
        } catch (DicomException e) {
            assertTrue(e.getMessage().startsWith(name), "message names the source: " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": " + e, e);
        }
    }

    static byte[] mutate(byte[] original, Random r) {
        byte[] b = original.clone();
        switch (r.nextInt(6)) {
            case 0 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length)); // truncate
            case 1 -> { // flip bytes
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 2 -> { // huge or random 32-bit length somewhere
                int at = r.nextInt(Math.max(1, b.length - 4)) & ~1;
                int v = r.nextBoolean() ? 0xFFFFFFF0 - r.nextInt(1000) : r.nextInt();
                for (int k = 0; k < 4 && at + k < b.length; k++) {
                    b[at + k] = (byte) (v >>> (8 * k));
                }
            }
            case 3 -> { // huge 16-bit length right after a VR
                int at = r.nextInt(Math.max(1, b.length - 4));
                if (at + 3 < b.length) {
                    b[at + 2] = (byte) 0xFF;
                    b[at + 3] = (byte) 0xFF;
                }
            }
            case 4 -> { // bad VR letters
                int at = r.nextInt(Math.max(1, b.length - 2));
                b[at] = (byte) ('A' + r.nextInt(26));
                if (at + 1 < b.length) {
                    b[at + 1] = (byte) (r.nextBoolean() ? 'Q' : '?');
                }
            }
            default -> { // overwrite a run with garbage
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                for (int k = 0; k < len; k++) {
                    b[at + k] = (byte) r.nextInt(256);
                }
            }
        }
        return b;
    }
}
