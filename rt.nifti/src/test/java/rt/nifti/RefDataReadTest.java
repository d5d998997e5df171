package rt.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/** Third-party files read with the expected geometry; values cross-checked with nibabel / a numpy NRRD reader. */
@ExtendWith(SurefireStyleSummary.class)
class RefDataReadTest {

    /** nibabel's view: shape, LPS affine (3×4), sum, non-zero count, value at (1,2,3). */
    private static double[] nibabel(Path f) throws Exception {
        return PythonOracle.numbers(PythonOracle.run("import nibabel as nib, numpy as np\n"
                + "im = nib.load('" + f + "'); x = im.get_fdata(); a = np.diag([-1., -1., 1., 1.]) @ im.affine\n"
                + "print(*x.shape[:3], *a[:3].ravel(), float(x.sum()), int((x != 0).sum()), float(x[1, 2, 3]))\n",
                "nibabel"));
    }

    private static void assertMatchesNibabel(Path f, Volume v) throws Exception {
        double[] n = nibabel(f);
        Grid g = v.grid();
        assertArrayEquals(new double[] {g.nx(), g.ny(), g.nz()}, java.util.Arrays.copyOfRange(n, 0, 3), 0);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(n[3 + 4 * r + c], g.spacing(c) * g.direction(c, r), 1e-4, "affine " + r + "," + c);
            }
            assertEquals(n[3 + 4 * r + 3], g.origin()[r], 1e-4, "origin " + r);
        }
        double sum = 0;
        int nonZero = 0;
        for (float x : v.voxels()) {
            sum += x;
            nonZero += x != 0 ? 1 : 0;
        }
        assertEquals(n[15], sum, Math.abs(n[15]) * 1e-9);
        assertEquals(n[16], nonZero);
        assertEquals(n[17], v.get(1, 2, 3), 0);
    }

    @Test
    void ibsiPhantomHasTheSpecifiedGeometry() throws Exception {
        Path img = RefData.resolve("ibsi1/ibsi_1_digital_phantom/nifti/image/phantom.nii.gz");
        Path mask = RefData.resolve("ibsi1/ibsi_1_digital_phantom/nifti/mask/mask.nii.gz");
        Volume v = Nifti.readVolume(img, Quantity.INTENSITY);
        LabelMap m = Nifti.readLabels(mask, Map.of(1, "roi"));
        // IBSI 1 digital phantom: 5 x 4 x 4 voxels of 2 mm.
        for (Grid g : new Grid[] {v.grid(), m.grid()}) {
            assertEquals(5, g.nx());
            assertEquals(4, g.ny());
            assertEquals(4, g.nz());
            assertArrayEquals(new double[] {2, 2, 2}, g.spacing(), 1e-9);
        }
        assertTrue(m.mask(1).count() > 0);
        assertMatchesNibabel(img, v);
    }

    @Test
    void totalSegmentatorExampleReads() throws Exception {
        Path ct = RefData.resolve("totalseg-example/example_ct.nii.gz");
        Path seg = RefData.resolve("totalseg-example/example_seg.nii.gz");
        Volume v = Nifti.readVolume(ct, Quantity.HU);
        assertArrayEquals(new double[] {3, 3, 3}, v.grid().spacing(), 1e-5);
        assertMatchesNibabel(ct, v);
        LabelMap l = Nifti.readLabels(seg, Map.of());
        float[] asFloat = new float[l.labels().length];
        for (int n = 0; n < asFloat.length; n++) {
            asFloat[n] = l.labels()[n];
        }
        assertMatchesNibabel(seg, new Volume(l.grid(), asFloat, Quantity.OTHER));
    }

    /** An independent NRRD reading with numpy: sizes, LPS directions, origin, sum, non-zero count, value (1,2,3). */
    private static double[] numpyNrrd(Path f) throws Exception {
        return PythonOracle.numbers(PythonOracle.run("import gzip, numpy as np, re\n"
                + "raw = open('" + f + "', 'rb').read(); head, data = raw.split(b'\\n\\n', 1)\n"
                + "h = dict(l.split(': ', 1) for l in head.decode().splitlines()[1:] if not l.startswith('#'))\n"
                + "assert h['space'] == 'left-posterior-superior' and h['encoding'] == 'gzip' and h['endian'] == 'little'\n"
                + "dt = {'short': '<i2', 'int': '<i4'}[h['type']]; s = [int(x) for x in h['sizes'].split()]\n"
                + "x = np.frombuffer(gzip.decompress(data), dtype=dt).reshape(s[::-1]).astype(np.float64)\n"
                + "d = [float(v) for v in re.findall(r'[-0-9.e]+', h['space directions'])]\n"
                + "o = [float(v) for v in re.findall(r'[-0-9.e]+', h['space origin'])]\n"
                + "print(*s, *d, *o, x.sum(), int((x != 0).sum()), x[3, 2, 1])\n", "numpy"));
    }

    @Test
    void pyradiomicsBrainNrrdReads() throws Exception {
        for (String c : new String[] {"brain1", "brain2"}) {
            Path img = RefData.resolve("pyradiomics/data/" + c + "_image.nrrd");
            Path lab = RefData.resolve("pyradiomics/data/" + c + "_label.nrrd");
            Volume v = Nrrd.readVolume(img, Quantity.INTENSITY);
            LabelMap l = Nrrd.readLabels(lab, Map.of(1, "tumour"));
            assertTrue(l.grid().sameAs(v.grid(), 1e-6));
            Grid g = v.grid();
            assertEquals(256, g.nx());
            assertEquals(256, g.ny());
            assertArrayEquals(new double[] {0.78125, 0.78125, 6.5}, g.spacing(), 1e-9);
            // space directions (0,-0.78,0) for j: LPS −y.
            assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}, g.direction(), 1e-12);
            int labelled = l.mask(1).count();
            assertTrue(labelled > 0, "label voxels " + labelled);

            double[] n = numpyNrrd(img);
            assertEquals(n[2], g.nz());
            assertArrayEquals(java.util.Arrays.copyOfRange(n, 12, 15), g.origin(), 1e-9);
            double sum = 0;
            int nonZero = 0;
            for (float x : v.voxels()) {
                sum += x;
                nonZero += x != 0 ? 1 : 0;
            }
            assertEquals(n[15], sum, 0);
            assertEquals(n[16], nonZero);
            assertEquals(n[17], v.get(1, 2, 3), 0);
            double[] nl = numpyNrrd(lab);
            int labNonZero = 0;
            for (short s : l.labels()) {
                labNonZero += s != 0 ? 1 : 0;
            }
            assertEquals(nl[16], labNonZero);
        }
    }
}
