package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.testsupport.SurefireStyleSummary;

/** MR image series, an RTSTRUCT on the MR, and a spatial registration MR → CT: written, read back, validated. */
@ExtendWith(SurefireStyleSummary.class)
class MrRegistrationWriterTest {

    @TempDir
    Path dir;

    private static Volume mr() {
        Grid g = Grid.axisAligned(12, 10, 4, new double[] {-20, -18, -6}, new double[] {2.5, 2.5, 4});
        float[] v = new float[(int) g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = (n % 11) * 4000 + 7; // above 32767: only an unsigned encoding keeps these
        }
        return new Volume(g, v, Quantity.INTENSITY);
    }

    @Test
    void mr_series_reads_back_as_stored_intensities() throws IOException {
        PatientStudy ps = PatientStudy.newStudy("MR01", "Test^MR");
        Volume mr = mr();
        List<Path> files = new MrSeriesWriter(ps, Uids.create(), mr).series(3, "T1 axial").write(dir);
        assertEquals(4, files.size());
        DicomObject h = DicomReader.readHeader(files.get(0)).dataset();
        assertEquals(Uids.MR_IMAGE_STORAGE, h.getString(Tag.SOPClassUID));
        assertEquals("MR", h.getString(Tag.Modality));
        assertEquals(null, h.getString(Tag.RescaleSlope));
        SeriesVolume read = ImageSeriesReader.read(files);
        assertEquals(Quantity.INTENSITY, read.volume().quantity());
        assertEquals(mr.grid().nz(), read.volume().grid().nz());
        assertArrayEquals(mr.voxels(), read.volume().voxels(), 0f);
        WriterRoundTripTest.dciodvfy(files.get(0));
    }

    @Test
    void registration_names_both_frames_its_matrix_and_series() throws IOException {
        PatientStudy ctStudy = PatientStudy.newStudy("MR01", "Test^MR");
        PatientStudy mrStudy = PatientStudy.newStudy("MR01", "Test^MR");
        String ctFrame = Uids.create();
        String mrFrame = Uids.create();
        CtSeriesWriter ct = new CtSeriesWriter(ctStudy, ctFrame, mr());
        MrSeriesWriter mrw = new MrSeriesWriter(mrStudy, mrFrame, mr());
        ct.write(Files.createDirectories(dir.resolve("CT")));
        List<Path> mrFiles = mrw.write(Files.createDirectories(dir.resolve("MR")));
        List<DicomObject> mrHeaders = new ArrayList<>();
        for (Path f : mrFiles) {
            mrHeaders.add(DicomReader.readHeader(f).dataset());
        }
        String rsUid = new RtStructWriter(mrStudy, ReferencedSeries.of(mrHeaders))
                .write(dir.resolve("RS_MR.dcm"));
        double[] shift = {1, 0, 0, 5, 0, 1, 0, -3, 0, 0, 1, 2, 0, 0, 0, 1};
        Path reg = dir.resolve("REG.dcm");
        new SpatialRegistrationWriter(ctStudy, ctFrame).identity(ReferencedSeries.of(ct.build()))
                .rigid(ReferencedSeries.of(mrHeaders), shift).write(reg);

        DicomObject rs = DicomReader.read(dir.resolve("RS_MR.dcm")).dataset();
        assertEquals(mrFrame, IodAttributes.frameOfReferenceUid(rs));
        assertEquals(rsUid, rs.getString(Tag.SOPInstanceUID));
        DicomObject ds = DicomReader.read(reg).dataset();
        assertEquals(Uids.SPATIAL_REGISTRATION_STORAGE, ds.getString(Tag.SOPClassUID));
        SpatialRegistration r = SpatialRegistration.of(ds);
        assertEquals(ctFrame, r.frameOfReferenceUid());
        assertEquals(List.of(ctFrame, mrFrame), r.frameUids());
        assertArrayEquals(shift, r.frames().get(1).matrix(), 0);
        assertEquals("RIGID", r.frames().get(1).matrixType());
        assertEquals(List.of(ct.seriesInstanceUid(), mrw.seriesInstanceUid()), r.seriesUids());
        WriterRoundTripTest.dciodvfy(reg);
        WriterRoundTripTest.dciodvfy(mrFiles.get(0));
    }
}
