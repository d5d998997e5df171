package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.testsupport.SurefireStyleSummary;

/**
 * Every transfer syntax, from our own CT writer's output compressed by the Debian tools (GDCM's gdcmconv, DCMTK's
 * dcmconv/dcmcjpeg/dcmcjpls/dcmcrle): lossless syntaxes decode bit-exactly to the written values, lossy ones to
 * what the reference decoder (pydicom + GDCM) makes of the same file, within the codec's rounding. Single-frame
 * slices and an enhanced multi-frame image, one fragment per frame and many fragments per frame with an empty
 * basic offset table. The CT is 12-bit signed (Bits Stored 12) as most scanners write it, with seeded noise so
 * that no codec gets an easy image.
 */
@ExtendWith(SurefireStyleSummary.class)
class CompressedRoundTripTest {

    private static final int NX = 40;
    private static final int NY = 32;
    private static final int NZ = 3;

    /** A compression recipe: the tool's arguments around IN and OUT, and the syntax it must produce. */
    record Variant(String name, String syntax, boolean lossless, boolean multiFrame, List<String> command) {
    }

    @TempDir
    Path work;
    private Path source;
    private Path multiFrame;

    private void writeSources() throws IOException {
        Grid g = Grid.axisAligned(NX, NY, NZ, new double[] {-20, -16, 0}, new double[] {1, 1, 2.5});
        float[] hu = new float[(int) g.voxelCount()];
        Random random = new Random(18);
        for (int i = 0; i < hu.length; i++) {
            int x = i % NX;
            int y = i / NX % NY;
            double body = (x - 20) * (x - 20) + (y - 16) * (y - 16) < 150 ? 40 : -1000;
            hu[i] = (float) Math.max(-1024, Math.min(2047, body + 30 * x - 20 * y + random.nextGaussian() * 60));
        }
        source = Files.createDirectories(work.resolve("source"));
        CtSeriesWriter writer = new CtSeriesWriter(PatientStudy.newStudy("P", "P"), Uids.create(),
                new Volume(g, hu, Quantity.HU)).customize(ds -> {
                    ds.putInts(Tag.BitsStored, 12);
                    ds.putInts(Tag.HighBit, 11);
                });
        List<DicomObject> slices = writer.build();
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), source.resolve("ct" + k + ".dcm"));
        }
        multiFrame = Files.createDirectories(work.resolve("multiframe")).resolve("enhanced.dcm");
        DicomWriter.write(MultiFrameImages.fromSlices(slices), multiFrame);
    }

    static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("implicit LE (gdcmconv -M)", "1.2.840.10008.1.2", true, false, List.of("gdcmconv", "-M")));
        v.add(new Variant("big endian (dcmconv +tb)", "1.2.840.10008.1.2.2", true, false, List.of("dcmconv", "+tb")));
        v.add(new Variant("deflate (dcmconv +td)", "1.2.840.10008.1.2.1.99", true, true, List.of("dcmconv", "+td")));
        v.add(new Variant("RLE (gdcmconv --rle)", "1.2.840.10008.1.2.5", true, false, List.of("gdcmconv", "--rle")));
        v.add(new Variant("RLE multi-frame (dcmcrle)", "1.2.840.10008.1.2.5", true, true, List.of("dcmcrle")));
        v.add(new Variant("JPEG lossless SV1 (gdcmconv --jpeg)", "1.2.840.10008.1.2.4.70", true, false,
                List.of("gdcmconv", "--jpeg")));
        for (int sv = 1; sv <= 7; sv++) {
            v.add(new Variant("JPEG lossless predictor " + sv + " (dcmcjpeg +el +sv)", "1.2.840.10008.1.2.4.57",
                    true, false, List.of("dcmcjpeg", "+el", "+sv", String.valueOf(sv))));
        }
        v.add(new Variant("JPEG lossless, 1 KB fragments, empty offset table, multi-frame", "1.2.840.10008.1.2.4.70",
                true, true, List.of("dcmcjpeg", "+e1", "+fs", "1", "-ot")));
        v.add(new Variant("JPEG baseline 8-bit (dcmcjpeg +eb)", "1.2.840.10008.1.2.4.50", false, false,
                List.of("dcmcjpeg", "+eb", "+q", "85")));
        v.add(new Variant("JPEG extended 12-bit (dcmcjpeg +ee)", "1.2.840.10008.1.2.4.51", false, false,
                List.of("dcmcjpeg", "+ee", "+q", "85")));
        v.add(new Variant("JPEG-LS lossless (gdcmconv --jpegls)", "1.2.840.10008.1.2.4.80", true, false,
                List.of("gdcmconv", "--jpegls")));
        v.add(new Variant("JPEG-LS lossless multi-frame (dcmcjpls)", "1.2.840.10008.1.2.4.80", true, true,
                List.of("dcmcjpls", "+el")));
        v.add(new Variant("JPEG-LS near-lossless NEAR=2 (gdcmconv --jpegls --lossy -e 2)", "1.2.840.10008.1.2.4.81",
                false, false, List.of("gdcmconv", "--jpegls", "--lossy", "-e", "2")));
        v.add(new Variant("JPEG 2000 lossless (gdcmconv --j2k)", "1.2.840.10008.1.2.4.90", true, false,
                List.of("gdcmconv", "--j2k")));
        v.add(new Variant("JPEG 2000 lossless multi-frame (gdcmconv --j2k)", "1.2.840.10008.1.2.4.90", true, true,
                List.of("gdcmconv", "--j2k")));
        v.add(new Variant("JPEG 2000 lossy (gdcmconv --j2k --lossy -q 20)", "1.2.840.10008.1.2.4.91", false, false,
                List.of("gdcmconv", "--j2k", "--lossy", "-q", "20")));
        return v;
    }

    @Test
    void every_syntax_decodes_to_the_written_or_the_reference_values() throws Exception {
        writeSources();
        List<Variant> variants = variants();
        List<Path> outputs = new ArrayList<>();
        List<Path> originals = new ArrayList<>();
        List<Variant> owners = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            Path tool = Path.of("/usr/bin", v.command().get(0));
            if (!Files.isExecutable(tool)) {
                skipped.add(v.name());
                continue;
            }
            List<Path> inputs = v.multiFrame() ? List.of(multiFrame) : List.of(source.resolve("ct1.dcm"));
            for (Path in : inputs) {
                Path out = Files.createDirectories(work.resolve("v" + i)).resolve(in.getFileName());
                run(v, in, out);
                outputs.add(out);
                originals.add(in);
                owners.add(v);
            }
        }
        if (outputs.isEmpty()) {
            ReferenceDecoder.skip("neither gdcmconv (libgdcm-tools) nor DCMTK (dcmtk) is installed");
        }
        Map<Path, ReferenceDecoder.Decoded> ref = ReferenceDecoder.decode(outputs, work);
        List<String> failures = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < outputs.size(); i++) {
            Variant v = owners.get(i);
            DicomFile file = DicomReader.read(outputs.get(i));
            if (!v.syntax().equals(file.transferSyntax().uid())) {
                failures.add(v.name() + ": the tool wrote " + file.transferSyntax() + ", not " + v.syntax());
                continue;
            }
            float[][] ours;
            try {
                ours = PixelData.storedValues(file);
            } catch (IOException e) {
                failures.add(v.name() + ": " + e.getMessage());
                continue;
            }
            float[][] original = PixelData.storedValues(DicomReader.read(originals.get(i)));
            ReferenceDecoder.Decoded r = ref.get(outputs.get(i));
            long vsOriginal = maxDiff(ours, original);
            long vsReference = r == null || r.values() == null ? -1 : maxDiff(ours, r.values());
            report.append(String.format("%-70s max|diff| vs written %d, vs reference %s%n", v.name(), vsOriginal,
                    vsReference < 0 ? "n/a (" + (r == null ? "none" : r.error()) + ")" : vsReference));
            if (v.lossless() && vsOriginal != 0) {
                failures.add(v.name() + ": lossless syntax differs from the written values by " + vsOriginal);
            }
            if (vsReference > (v.lossless() ? 0 : PublicCompressedFilesTest.tolerance(file.transferSyntax()))) {
                failures.add(v.name() + ": differs from the reference decoder by " + vsReference);
            }
            if (!v.lossless() && vsReference < 0) {
                failures.add(v.name() + ": lossy file without a reference decode: " + (r == null ? "-" : r.error()));
            }
        }
        System.out.print(skipped.isEmpty() ? "" : "[SKIP] tools missing for: " + skipped + "\n");
        assertTrue(failures.isEmpty(), String.join("\n", failures) + "\n" + report);
        assertEquals(0, failures.size());
    }

    private static long maxDiff(float[][] a, float[][] b) {
        if (a.length != b.length) {
            return Long.MAX_VALUE;
        }
        long max = 0;
        for (int f = 0; f < a.length; f++) {
            if (a[f].length != b[f].length) {
                return Long.MAX_VALUE;
            }
            for (int i = 0; i < a[f].length; i++) {
                max = Math.max(max, Math.abs((long) a[f][i] - (long) b[f][i]));
            }
        }
        return max;
    }

    private static long maxDiff(float[][] a, long[] b) {
        long max = 0;
        int n = 0;
        for (float[] frame : a) {
            for (float x : frame) {
                if (n >= b.length) {
                    return Long.MAX_VALUE;
                }
                max = Math.max(max, Math.abs((long) x - b[n++]));
            }
        }
        return n == b.length ? max : Long.MAX_VALUE;
    }

    private static void run(Variant v, Path in, Path out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(v.command());
        cmd.set(0, "/usr/bin/" + cmd.get(0));
        if (cmd.get(0).endsWith("gdcmconv")) {
            cmd.addAll(List.of("-i", in.toString(), "-o", out.toString()));
        } else {
            cmd.addAll(List.of(in.toString(), out.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(out)) {
            throw new AssertionError(v.name() + ": " + String.join(" ", cmd) + " failed: " + text);
        }
    }
}
