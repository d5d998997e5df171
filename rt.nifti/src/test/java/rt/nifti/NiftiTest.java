package rt.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class NiftiTest {

    @TempDir
    Path dir;

    /** An oblique, left-handed grid (rotation of 30° about z, then the k axis flipped). */
    static Grid obliqueGrid() {
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        return new Grid(7, 5, 3, new double[] {-12.5, 40.25, 100}, new double[] {0.8, 1.2, 2.5},
                new double[] {c, s, 0, -s, c, 0, 0, 0, -1});
    }

    @Test
    void floatVolumeRoundTripsOnAnObliqueLeftHandedGrid() throws IOException {
        Grid g = obliqueGrid();
        float[] v = new float[(int) g.voxelCount()];
        Random r = new Random(7);
        for (int n = 0; n < v.length; n++) {
            v[n] = (float) r.nextGaussian() * 100;
        }
        for (String name : new String[] {"a.nii", "a.nii.gz"}) {
            Path f = dir.resolve(name);
            Nifti.write(f, new Volume(g, v, Quantity.DOSE_GY));
            Volume back = Nifti.readVolume(f, Quantity.DOSE_GY);
            assertTrue(back.grid().sameAs(g, 1e-4), back.grid() + " vs " + g);
            assertArrayEquals(g.direction(), back.grid().direction(), 1e-6);
            assertArrayEquals(v, back.voxels(), 0f);
            assertEquals(NiftiType.FLOAT32, Nifti.readHeader(f).type());
        }
    }

    @Test
    void integralHuIsStoredAsInt16AndFractionalAsFloat() throws IOException {
        Grid g = Grid.axisAligned(4, 3, 2, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        float[] hu = new float[24];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = -1024 + 100 * n;
        }
        Path f = dir.resolve("ct.nii.gz");
        Nifti.write(f, new Volume(g, hu, Quantity.HU));
        assertEquals(NiftiType.INT16, Nifti.readHeader(f).type());
        assertArrayEquals(hu, Nifti.readVolume(f, Quantity.HU).voxels(), 0f);
        hu[3] = 0.5f;
        Nifti.write(f, new Volume(g, hu, Quantity.HU));
        assertEquals(NiftiType.FLOAT32, Nifti.readHeader(f).type());
        assertArrayEquals(hu, Nifti.readVolume(f, Quantity.HU).voxels(), 0f);
    }

    @Test
    void labelMapsAndMasksRoundTrip() throws IOException {
        Grid g = obliqueGrid();
        short[] l = new short[(int) g.voxelCount()];
        for (int n = 0; n < l.length; n++) {
            l[n] = (short) (n % 7);
        }
        Path f = dir.resolve("labels.nii.gz");
        Nifti.write(f, new LabelMap(g, l, Map.of(1, "a")));
        assertEquals(NiftiType.UINT8, Nifti.readHeader(f).type());
        LabelMap back = Nifti.readLabels(f, Map.of(1, "a"));
        assertArrayEquals(l, back.labels());
        assertEquals("a", back.names().get(1));
        l[5] = 300;
        Nifti.write(f, new LabelMap(g, l, Map.of()));
        assertEquals(NiftiType.INT16, Nifti.readHeader(f).type());
        assertArrayEquals(l, Nifti.readLabels(f, Map.of()).labels());

        boolean[] in = new boolean[l.length];
        for (int n = 0; n < in.length; n += 3) {
            in[n] = true;
        }
        Path m = dir.resolve("mask.nii");
        Nifti.write(m, new Mask(g, in));
        LabelMap ml = Nifti.readLabels(m, Map.of());
        for (int n = 0; n < in.length; n++) {
            assertEquals(in[n] ? 1 : 0, ml.labels()[n]);
        }
    }

    @Test
    void fractionalValuesAreNotALabelImage() throws IOException {
        Grid g = Grid.axisAligned(2, 1, 1, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        Path f = dir.resolve("x.nii");
        Nifti.write(f, new Volume(g, new float[] {1, 1.5f}, Quantity.OTHER));
        IOException e = assertThrows(ImageFormatException.class, () -> Nifti.readLabels(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    /** A hand-made header: sform RAS diag(-2, 3, 4) + (10, 20, 30); int16 data with slope 2, intercept -5. */
    static byte[] handMade(int sformCode, int qformCode, ByteOrder order) {
        ByteBuffer h = ByteBuffer.allocate(352 + 2 * 2 * 2 * 2).order(order);
        h.putInt(0, 348);
        short[] dim = {3, 2, 2, 2, 1, 1, 1, 1};
        for (int n = 0; n < 8; n++) {
            h.putShort(40 + 2 * n, dim[n]);
        }
        h.putShort(70, (short) 4);
        h.putShort(72, (short) 16);
        float[] pixdim = {1, 1, 2, 3, 0, 0, 0, 0};
        for (int n = 0; n < 8; n++) {
            h.putFloat(76 + 4 * n, pixdim[n]);
        }
        h.putFloat(108, 352);
        h.putFloat(112, 2);
        h.putFloat(116, -5);
        h.putShort(252, (short) qformCode);
        h.putShort(254, (short) sformCode);
        // qform: 90° about z (a = cos 45°, d = sin 45°), offset (5, 6, 7)
        h.putFloat(264, (float) Math.sin(Math.PI / 4));
        h.putFloat(268, 5);
        h.putFloat(272, 6);
        h.putFloat(276, 7);
        float[][] s = {{-2, 0, 0, 10}, {0, 3, 0, 20}, {0, 0, 4, 30}};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.putFloat(280 + 16 * r + 4 * c, s[r][c]);
            }
        }
        h.put(344, new byte[] {'n', '+', '1', 0});
        for (int n = 0; n < 8; n++) {
            h.putShort(352 + 2 * n, (short) n);
        }
        return h.array();
    }

    @Test
    void sformIsPreferredAndRasBecomesLps() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path f = dir.resolve("s.nii");
            Files.write(f, handMade(1, 1, order));
            Volume v = Nifti.readVolume(f, Quantity.OTHER);
            Grid g = v.grid();
            // RAS column (-2,0,0) → LPS (2,0,0); (0,3,0) → (0,-3,0); origin RAS (10,20,30) → LPS (-10,-20,30).
            assertArrayEquals(new double[] {2, 3, 4}, g.spacing(), 1e-6);
            assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}, g.direction(), 1e-6);
            assertArrayEquals(new double[] {-10, -20, 30}, g.origin(), 1e-6);
            assertArrayEquals(new double[] {-8, -23, 34}, g.indexToWorld(1, 1, 1), 1e-6);
            // stored n → 2n - 5
            for (int n = 0; n < 8; n++) {
                assertEquals(2 * n - 5, v.voxels()[n], 0f);
            }
        }
    }

    @Test
    void qformQuaternionIsUsedWhenThereIsNoSform() throws IOException {
        Path f = dir.resolve("q.nii.gz");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(handMade(0, 1, ByteOrder.LITTLE_ENDIAN));
        }
        Files.write(f, b.toByteArray());
        Grid g = Nifti.readHeader(f).grid();
        // R = rotation 90° about z: RAS columns (0,1,0)*1, (-1,0,0)*2, (0,0,1)*3 → LPS (0,-1,0), (1,0,0), (0,0,1).
        assertArrayEquals(new double[] {1, 2, 3}, g.spacing(), 1e-6);
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, g.direction(), 1e-6);
        assertArrayEquals(new double[] {-5, -6, 7}, g.origin(), 1e-6);
    }

    @Test
    void badFilesGiveOneLineErrorsNamingTheFile() throws IOException {
        Path garbage = dir.resolve("garbage.nii");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5});
        Path notNifti = dir.resolve("zeros.nii");
        Files.write(notNifti, new byte[400]);
        byte[] full = handMade(1, 1, ByteOrder.LITTLE_ENDIAN);
        Path truncated = dir.resolve("trunc.nii");
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length - 3));
        Path truncatedGz = dir.resolve("trunc.nii.gz");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(full, 0, full.length - 3);
        }
        Files.write(truncatedGz, b.toByteArray());
        for (Path p : new Path[] {garbage, notNifti, truncated, truncatedGz, dir.resolve("missing.nii")}) {
            IOException e = assertThrows(ImageFormatException.class, () -> Nifti.readVolume(p, Quantity.OTHER));
            assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void writtenAffinesAgreeWithNibabel() throws Exception {
        Grid g = obliqueGrid();
        Path f = dir.resolve("o.nii.gz");
        Nifti.write(f, new Volume(g, new float[(int) g.voxelCount()], Quantity.OTHER));
        String out = PythonOracle.run("import nibabel as nib, numpy as np\n"
                + "im = nib.load('" + f + "')\n"
                + "for a in (im.header.get_sform(), im.header.get_qform()):\n"
                + "    print(' '.join(repr(float(x)) for x in np.asarray(a)[:3].ravel()))\n", "nibabel");
        double[] n = PythonOracle.numbers(out);
        double[] want = new double[12];
        double[] o = g.origin();
        double[] flip = {-1, -1, 1};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                want[4 * r + c] = flip[r] * g.spacing(c) * g.direction(c, r);
            }
            want[4 * r + 3] = flip[r] * o[r];
        }
        assertArrayEquals(want, java.util.Arrays.copyOfRange(n, 0, 12), 1e-4, "sform");
        assertArrayEquals(want, java.util.Arrays.copyOfRange(n, 12, 24), 1e-4, "qform");
    }
}
