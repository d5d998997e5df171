package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ImageSeriesReaderTest {

    @TempDir
    Path dir;

    private List<Path> writeSeries(int nz) throws IOException {
        Grid g = Grid.axisAligned(4, 3, nz, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        float[] v = new float[(int) g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = n / 12; // value = slice index k
        }
        return new CtSeriesWriter(PatientStudy.newStudy("S", "S"), Uids.create(), new Volume(g, v, Quantity.HU))
                .write(dir);
    }

    @Test
    void duplicate_slice_is_dropped_with_a_warning() throws IOException {
        List<Path> files = writeSeries(4);
        Files.copy(files.get(2), dir.resolve("copy.dcm"));
        SeriesVolume s = ImageSeriesReader.readFolder(dir, null);
        assertEquals(4, s.volume().grid().nz());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("duplicate slice")), s.warnings().toString());
    }

    @Test
    void gap_is_reported_and_resampled_linearly() throws IOException {
        List<Path> files = writeSeries(5);
        Files.delete(files.get(2)); // slices at z = 0, 2, 6, 8 mm
        SeriesVolume s = ImageSeriesReader.readFolder(dir, null);
        assertFalse(s.uniformSpacing());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("gap of 4.000 mm")), s.warnings().toString());
        assertEquals(5, s.volume().grid().nz());
        assertEquals(2.0, s.volume().grid().spacing(2), 1e-9);
        assertEquals(2.0f, s.volume().get(0, 0, 2), 1e-6f); // halfway between k=1 (1) and k=3 (3)
    }

    @Test
    void slices_without_series_uid_are_read_as_one_series_by_geometry() throws IOException {
        // as some anonymisers leave them: Series Instance UID removed from every slice
        for (Path f : writeSeries(3)) {
            DicomObject ds = DicomReader.read(f).dataset();
            ds.remove(Tag.SeriesInstanceUID);
            DicomWriter.write(ds, f);
        }
        Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        SeriesVolume s = ImageSeriesReader.readFolder(dir, null);
        assertEquals(3, s.volume().grid().nz());
        assertEquals(2.0f, s.volume().get(3, 2, 2), 1e-6f);
        assertEquals("", s.seriesInstanceUid());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("no Series Instance UID")), s.warnings().toString());
    }

    @Test
    void folder_without_images_says_what_it_holds() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "not DICOM");
        DicomException e = assertThrows(DicomException.class, () -> ImageSeriesReader.readFolder(dir, null));
        assertTrue(e.getMessage().endsWith("no image series (1 files: 1 not readable as DICOM, 0 without image "
                + "position or size)"), e.getMessage());
    }

    @Test
    void oblique_series_uses_the_direction_cosines() throws IOException {
        SeriesVolume s = ImageSeriesReader.readFolder(RefData.resolve("rt-utils/oriented_data"), null);
        Grid g = s.volume().grid();
        assertEquals(3, g.nz());
        assertFalse(g.isAxisAligned(1e-3));
        double[] d = g.direction();
        double[] w = {d[1] * d[5] - d[2] * d[4], d[2] * d[3] - d[0] * d[5], d[0] * d[4] - d[1] * d[3]};
        for (int c = 0; c < 3; c++) {
            assertEquals(w[c], d[6 + c], 1e-6, "k axis is the slice normal");
        }
        // voxel (0,0,k) sits at each slice's Image Position: positions along the normal are increasing
        double[] p = s.slicePositions();
        assertTrue(p[0] < p[1] && p[1] < p[2]);
    }

    @Test
    void nelms_ct_reads_as_uniform_hu_volume() throws IOException {
        SeriesVolume s = ImageSeriesReader.readFolder(RefData.resolve("nelms-dvh/CT/2 mm CT"), null);
        assertTrue(s.uniformSpacing(), s.warnings().toString());
        assertEquals(Quantity.HU, s.volume().quantity());
        assertEquals(2.0, s.volume().grid().spacing(2), 1e-6);
    }
}
