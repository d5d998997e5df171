package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.DicomException;
import rt.dicom.DicomFile;
import rt.dicom.DicomReader;
import rt.dicom.TransferSyntax;
import rt.testsupport.SurefireStyleSummary;

/**
 * Decoded pixels equal the reference decoder's (pydicom + GDCM) on third-party files: the public test files that
 * Debian's python3-pydicom ships, every DICOM file of ../shared/refdata, and compressed files under
 * /work/extdata (RT_EXTDATA) when present. Lossless syntaxes must match exactly; lossy ones within the codecs'
 * rounding (stated per syntax below).
 */
@ExtendWith(SurefireStyleSummary.class)
class PublicCompressedFilesTest {

    private static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    /** pydicom's parser test whose codestream header is overwritten by a sequence delimiter (Xsiz 0xDDE00100). */
    private static final String CORRUPT_CODESTREAM = "JPEG2000-embedded-sequence-delimiter.dcm";

    @TempDir
    Path work;

    @Test
    void every_monochrome_image_decodes_like_the_reference() throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(PYDICOM_FILES)) {
            candidates.addAll(list(PYDICOM_FILES));
        }
        String configured = System.getenv("RT_REFDATA");
        Path refdata = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("..", "..", "shared", "refdata");
        if (Files.isDirectory(refdata)) {
            candidates.addAll(list(refdata));
        }
        String ext = System.getenv("RT_EXTDATA");
        Path extdata = ext != null && !ext.isBlank() ? Path.of(ext) : Path.of("..", "..", "extdata");
        if (Files.isDirectory(extdata)) {
            candidates.addAll(list(extdata));
        }
        List<Path> images = new ArrayList<>();
        for (Path f : candidates) {
            try {
                DicomFile h = DicomReader.readHeader(f);
                if (h.dataset().contains(rt.dicom.Tag.Rows) && h.dataset().getInt(rt.dicom.Tag.SamplesPerPixel, 1) == 1
                        && h.dataset().getInt(rt.dicom.Tag.BitsAllocated, 16) >= 8) {
                    images.add(f);
                }
            } catch (DicomException e) {
                // not DICOM, or deliberately broken: other tests cover those
            }
        }
        if (images.isEmpty()) {
            ReferenceDecoder.skip("no public test images found (Debian python3-pydicom ships them)");
        }
        Map<Path, ReferenceDecoder.Decoded> ref = ReferenceDecoder.decode(images, work);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        StringBuilder report = new StringBuilder();
        for (Path f : images) {
            ReferenceDecoder.Decoded r = ref.get(f);
            if (r == null || r.values() == null || f.getFileName().toString().equals(CORRUPT_CODESTREAM)) {
                continue; // the reference cannot decode it either (e.g. a truncated test file)
            }
            DicomFile file = DicomReader.read(f);
            TransferSyntax ts = file.transferSyntax();
            float[][] ours;
            try {
                ours = PixelData.storedValues(file);
            } catch (DicomException e) {
                failures.add(f.getFileName() + " (" + ts.name() + "): " + e.getMessage());
                continue;
            }
            int tolerance = tolerance(ts);
            int stored = file.dataset().getInt(rt.dicom.Tag.BitsStored, 16);
            boolean signed = file.dataset().getInt(rt.dicom.Tag.PixelRepresentation, 0) == 1;
            int n = 0;
            long maxDiff = 0;
            for (float[] frame : ours) {
                for (float v : frame) {
                    if (n < r.values().length) {
                        // 32-bit samples above 2^24 are as exact as a float holds them
                        long expected = storedValue(r.values()[n], stored, signed);
                        long d = Math.abs((long) v - expected);
                        maxDiff = Math.max(maxDiff, d <= Math.ulp((float) expected) / 2 ? 0 : d);
                    }
                    n++;
                }
            }
            compared++;
            report.append(String.format("%s %s max|diff|=%d%n", f.getFileName(), ts.uid(), maxDiff));
            if (n != r.values().length || maxDiff > tolerance) {
                failures.add(f.getFileName() + " (" + ts.name() + "): " + n + " vs " + r.values().length
                        + " values, max |diff| " + maxDiff + " > " + tolerance);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures) + "\n" + report);
        assertTrue(compared > 0, "no file decoded by the reference");
        assertEquals(0, failures.size());
    }

    /**
     * A sample as its Bits Stored bits mean it (PS3.5 8.1.1, 8.2): bits above them are not part of the value.
     * pydicom 2.3 leaves them as found (its native handler returns junk above the high bit, its GDCM path does not
     * sign-extend signed JPEG-LS from Bits Stored), so the reference is normalised the way the standard reads it.
     */
    static long storedValue(long raw, int stored, boolean signed) {
        if (stored >= 32 || stored <= 0) {
            return raw;
        }
        long v = raw & ((1L << stored) - 1);
        return signed && v >= 1L << (stored - 1) ? v - (1L << stored) : v;
    }

    /** Lossless syntaxes: exact. Lossy JPEG: IDCT rounding of two IJG-derived decoders. JPEG 2000 lossy: 9/7
     * wavelet arithmetic (float in jj2000, fixed point in OpenJPEG). */
    static int tolerance(TransferSyntax ts) {
        return switch (ts.uid()) {
            case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51" -> 2;
            case "1.2.840.10008.1.2.4.91" -> 2;
            case "1.2.840.10008.1.2.4.81" -> 0; // near-lossless decoding is deterministic
            default -> 0;
        };
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".py")).sorted().toList();
        }
    }
}
