package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.internal.command.Converter;
import rt.nifti.Nifti;
import rt.testsupport.SurefireStyleSummary;

/**
 * {@code rt:convert}: a series written by our CT writer, as a folder and as one enhanced multi-frame file, comes
 * back from NIfTI with the written HU (rescale applied) and the written geometry. The multi-frame file is
 * JPEG-LS compressed with gdcmconv where GDCM is installed, and its frames are stored in reverse order with a
 * rescale per frame, so sorting and per-frame rescale are exercised.
 */
@ExtendWith(SurefireStyleSummary.class)
class ConvertTest {

    @TempDir
    Path dir;

    /** 6 x 5 x 4 voxels, oblique-free but off-origin, value = 100 * k + 10 * j + i - 1000 HU. */
    private Volume truth() {
        Grid g = Grid.axisAligned(6, 5, 4, new double[] {-12.5, 30, -40}, new double[] {0.8, 0.9, 3});
        float[] v = new float[(int) g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = 100 * (n / 30) + 10 * (n / 6 % 5) + n % 6 - 1000;
        }
        return new Volume(g, v, Quantity.HU);
    }

    @Test
    void folder_series_to_nifti_keeps_hu_and_geometry() throws IOException {
        Volume hu = truth();
        Path series = Files.createDirectories(dir.resolve("series"));
        new CtSeriesWriter(PatientStudy.newStudy("P", "P"), Uids.create(), hu).customize(ds -> {
            // stored = HU + 1024 with intercept -1024, as most scanners write
            short[] p = new short[30];
            java.nio.ByteBuffer.wrap(ds.getBytes(Tag.PixelData)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer().get(p);
            for (int i = 0; i < p.length; i++) {
                p[i] += 1024;
            }
            ds.putShorts(Tag.PixelData, rt.dicom.VR.OW, p);
            ds.putDoubles(Tag.RescaleIntercept, -1024);
        }).write(series);
        Path out = dir.resolve("out/ct.nii.gz");
        List<String> lines = Converter.convert(series, out);
        assertTrue(lines.get(0).contains("CT 6x5x4"), lines.toString());
        Volume back = Nifti.readVolume(out, Quantity.HU);
        assertTrue(back.grid().sameAs(hu.grid(), 1e-4), back.grid() + " vs " + hu.grid());
        assertArrayEquals(hu.voxels(), back.voxels(), 0f);
    }

    /**
     * dcm2niix (Debian's build reads no JPEG-LS) on the written series, ours on its JPEG-LS compressed copy: the same
     * values at the same physical positions (dcm2niix flips rows; compared in world space).
     */
    @Test
    void the_same_image_as_dcm2niix_in_world_space() throws IOException, InterruptedException {
        ReferenceDecoder.requireTool("/usr/bin/dcm2niix", "dcm2niix");
        ReferenceDecoder.requireTool("/usr/bin/gdcmconv", "libgdcm-tools");
        Volume hu = truth();
        Path series = Files.createDirectories(dir.resolve("series"));
        Path jls = Files.createDirectories(dir.resolve("jls"));
        for (Path f : new CtSeriesWriter(PatientStudy.newStudy("P", "P"), Uids.create(), hu).write(series)) {
            run("/usr/bin/gdcmconv", "--jpegls", "-i", f.toString(), "-o", jls.resolve(f.getFileName()).toString());
        }
        Path ours = dir.resolve("ours.nii.gz");
        Converter.convert(jls, ours);
        Path theirs = Files.createDirectories(dir.resolve("dcm2niix"));
        run("/usr/bin/dcm2niix", "-z", "y", "-b", "n", "-o", theirs.toString(), "-f", "ref", series.toString());
        String cmp = run("/usr/bin/python3", Path.of("tools/compare_nifti.py").toAbsolutePath().toString(),
                ours.toString(), theirs.resolve("ref.nii.gz").toString());
        assertEquals("max_abs_diff 0.0", cmp.strip());
    }

    /** A real CT series (TotalSegmentator's example, JPEG 2000 lossless, 20 slices) against dcm2niix. */
    @Test
    void a_real_jpeg2000_ct_series_equals_dcm2niix() throws IOException, InterruptedException {
        Path series = rt.testsupport.ExtData.resolve("totalseg/example_ct_dicom");
        ReferenceDecoder.requireTool("/usr/bin/dcm2niix", "dcm2niix");
        Path ours = dir.resolve("ours.nii.gz");
        Converter.convert(series, ours);
        Path theirs = Files.createDirectories(dir.resolve("dcm2niix"));
        run("/usr/bin/dcm2niix", "-z", "y", "-b", "n", "-o", theirs.toString(), "-f", "ref", series.toString());
        String cmp = run("/usr/bin/python3", Path.of("tools/compare_nifti.py").toAbsolutePath().toString(),
                ours.toString(), theirs.resolve("ref.nii.gz").toString());
        assertEquals("max_abs_diff 0.0", cmp.strip());
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + text);
        return text;
    }

    @Test
    void compressed_multi_frame_file_to_nifti() throws IOException, InterruptedException {
        Volume hu = truth();
        List<DicomObject> slices = new CtSeriesWriter(PatientStudy.newStudy("P", "P"), Uids.create(), hu).build();
        for (int k = 0; k < slices.size(); k++) {
            // a different intercept per frame: stored = HU - 100 k, intercept 100 k
            DicomObject s = slices.get(k);
            short[] p = new short[30];
            java.nio.ByteBuffer.wrap(s.getBytes(Tag.PixelData)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer().get(p);
            for (int i = 0; i < p.length; i++) {
                p[i] -= (short) (100 * k);
            }
            s.putShorts(Tag.PixelData, rt.dicom.VR.OW, p);
            s.putDoubles(Tag.RescaleIntercept, 100 * k);
        }
        DicomObject mf = MultiFrameImages.fromSlices(List.of(slices.get(3), slices.get(2), slices.get(1),
                slices.get(0)));
        Path file = dir.resolve("enhanced.dcm");
        DicomWriter.write(mf, file);
        Path in = file;
        if (Files.isExecutable(Path.of("/usr/bin/gdcmconv"))) {
            in = dir.resolve("enhanced-jls.dcm");
            Process p = new ProcessBuilder("/usr/bin/gdcmconv", "--jpegls", "-i", file.toString(), "-o",
                    in.toString()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, text);
        }
        Path out = dir.resolve("mf.nii.gz");
        Converter.convert(in, out);
        Volume back = Nifti.readVolume(out, Quantity.HU);
        assertTrue(back.grid().sameAs(hu.grid(), 1e-4), back.grid() + " vs " + hu.grid());
        assertArrayEquals(hu.voxels(), back.voxels(), 0f);
        // the same file alone in a folder: the folder's series
        Path folder = Files.createDirectories(dir.resolve("mf-folder"));
        Files.copy(in, folder.resolve("image.dcm"));
        Converter.convert(folder, dir.resolve("mf2.nii.gz"));
        assertArrayEquals(hu.voxels(), Nifti.readVolume(dir.resolve("mf2.nii.gz"), Quantity.HU).voxels(), 0f);
    }

    @Test
    void bad_arguments_are_one_line_errors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Converter.convert(dir, dir.resolve("x.nrrd")));
        assertTrue(e.getMessage().startsWith("output must end with .nii or .nii.gz"), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> Converter.convert(dir.resolve("nothing"), dir.resolve("x.nii.gz")));
        assertEquals(dir.resolve("nothing") + ": no such file or folder", missing.getMessage());
    }
}
