package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.testsupport.SurefireStyleSummary;

/**
 * Writer options: extra CT attributes (and no empty Laterality), fixed creation date/time for reproducible output,
 * RT Plan series and approval. Each written object is checked with dciodvfy when present.
 */
@ExtendWith(SurefireStyleSummary.class)
class WriterOptionsTest {

    private static final String DATE = "20240131";
    private static final String TIME = "083000";

    @TempDir
    Path dir;

    private static PatientStudy study() {
        return new PatientStudy("Opt^Test", "OPT01", "19700101", "O", Uids.fromName("opt/study"), "20240130",
                "120000", "1", "", "", null);
    }

    private static Volume ct() {
        Grid g = Grid.axisAligned(8, 6, 3, new double[] {-7, -5, -3}, new double[] {2, 2, 3});
        float[] v = new float[(int) g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = n % 5 * 200 - 1000;
        }
        return new Volume(g, v, Quantity.HU);
    }

    private static Volume dose() {
        Grid g = Grid.axisAligned(4, 3, 2, new double[] {0, 0, 0}, new double[] {2.5, 2.5, 3});
        float[] v = new float[(int) g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = n * 0.5f;
        }
        return new Volume(g, v, Quantity.DOSE_GY);
    }

    private static CtSeriesWriter ctWriter() {
        return new CtSeriesWriter(study(), Uids.fromName("opt/frame"), ct(), Uids.fromName("opt/ct"))
                .series(3, "options").attribute(Tag.BodyPartExamined, "PELVIS")
                .customize(ds -> ds.putString(Tag.PatientPosition, "FFS"))
                .attribute(Tag.KVP, "120").creationDateTime(DATE, TIME);
    }

    @Test
    void ct_extra_attributes_no_laterality_and_fixed_creation_time() throws IOException {
        List<Path> files = ctWriter().write(dir.resolve("a"));
        List<Path> again = ctWriter().write(dir.resolve("b"));
        assertEquals(3, files.size());
        for (int k = 0; k < files.size(); k++) {
            assertArrayEquals(Files.readAllBytes(files.get(k)), Files.readAllBytes(again.get(k)), "slice " + k);
            DicomObject h = DicomReader.readHeader(files.get(k)).dataset();
            assertEquals("PELVIS", h.getString(Tag.BodyPartExamined));
            assertEquals("FFS", h.getString(Tag.PatientPosition));
            assertEquals(120.0, h.getDouble(Tag.KVP, 0));
            assertFalse(h.contains(Tag.Laterality), "Laterality (type 2C) must be absent");
            assertEquals(DATE, h.getString(Tag.InstanceCreationDate));
            assertEquals(TIME, h.getString(Tag.InstanceCreationTime));
        }
        // The default stamps "now": build() without the option differs only there.
        DicomObject now = new CtSeriesWriter(study(), Uids.create(), ct()).build().get(0);
        assertEquals(8, now.getString(Tag.InstanceCreationDate).length());
        assertTrue(now.contains(Tag.Laterality), "no body part: Laterality cannot be ruled out, written empty");
        Path paired = new CtSeriesWriter(study(), Uids.create(), ct()).attribute(Tag.BodyPartExamined, "BREAST")
                .attribute(Tag.Laterality, "L").write(dir.resolve("breast")).get(0);
        assertEquals("L", DicomReader.readHeader(paired).dataset().getString(Tag.Laterality));
        WriterRoundTripTest.dciodvfy(paired);
        assertThrows(IllegalArgumentException.class, () -> ctWriter().attribute(Tag.ReferencedImageSequence));
        assertThrows(IllegalArgumentException.class, () -> ctWriter().creationDateTime("2024-01-31", TIME));
        assertThrows(IllegalArgumentException.class, () -> ctWriter().creationDateTime(DATE, "8:30"));
        WriterRoundTripTest.dciodvfy(files.get(0));
    }

    private static RtPlanWriter planWriter() {
        return new RtPlanWriter(study(), Uids.fromName("opt/frame"), "PLAN1").name("Options plan")
                .dateTime(DATE, "090000").prescription(60, 30, null).addBeam("G0", 0, 100, 6)
                .uids(Uids.fromName("opt/rp-series"), Uids.fromName("opt/rp"));
    }

    @Test
    void rtplan_series_approval_and_fixed_creation_time() throws IOException {
        Path a = dir.resolve("RP.a.dcm");
        Path b = dir.resolve("RP.b.dcm");
        planWriter().series(12, "approved plans").approval("APPROVED", DATE, "101500", "Checker^Chris")
                .creationDateTime(DATE, TIME).write(a);
        planWriter().series(12, "approved plans").approval("APPROVED", DATE, "101500", "Checker^Chris")
                .creationDateTime(DATE, TIME).write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        DicomObject ds = DicomReader.read(a).dataset();
        assertEquals(12, ds.getInt(Tag.SeriesNumber, 0));
        assertEquals("approved plans", ds.getString(Tag.SeriesDescription));
        assertEquals("APPROVED", ds.getString(Tag.ApprovalStatus));
        assertEquals(DATE, ds.getString(Tag.ReviewDate));
        assertEquals("101500", ds.getString(Tag.ReviewTime));
        assertEquals("Checker^Chris", ds.getString(Tag.ReviewerName));
        assertEquals(DATE, ds.getString(Tag.InstanceCreationDate));
        assertEquals(TIME, ds.getString(Tag.InstanceCreationTime));
        assertEquals("APPROVED", RtPlanReader.read(a).approvalStatus());
        WriterRoundTripTest.dciodvfy(a);

        Path u = dir.resolve("RP.u.dcm");
        planWriter().write(u);
        DicomObject unapproved = DicomReader.read(u).dataset();
        assertEquals("UNAPPROVED", unapproved.getString(Tag.ApprovalStatus));
        assertFalse(unapproved.contains(Tag.ReviewDate));
        assertFalse(unapproved.contains(Tag.ReviewerName));
        assertEquals(1, unapproved.getInt(Tag.SeriesNumber, 0));
        WriterRoundTripTest.dciodvfy(u);

        Path r = dir.resolve("RP.r.dcm");
        planWriter().approval("REJECTED", DATE, "101500", null).write(r);
        DicomObject rejected = DicomReader.read(r).dataset();
        assertTrue(rejected.contains(Tag.ReviewerName), "Reviewer Name is type 2C: present, may be empty");
        WriterRoundTripTest.dciodvfy(r);

        assertThrows(IllegalArgumentException.class, () -> planWriter().approval("OK", DATE, TIME, "x"));
        assertThrows(IllegalArgumentException.class, () -> planWriter().approval("APPROVED", "2024", TIME, "x"));
    }

    @Test
    void rtdose_and_rtstruct_fixed_creation_and_content_time() throws IOException {
        String frame = Uids.fromName("opt/frame");
        Path d1 = dir.resolve("RD.1.dcm");
        Path d2 = dir.resolve("RD.2.dcm");
        for (Path p : List.of(d1, d2)) {
            new RtDoseWriter(study(), frame, dose()).summation("PLAN", List.of(Uids.fromName("opt/rp")))
                    .uids(Uids.fromName("opt/rd-series"), Uids.fromName("opt/rd")).creationDateTime(DATE, TIME)
                    .write(p);
        }
        assertArrayEquals(Files.readAllBytes(d1), Files.readAllBytes(d2));
        DicomObject ds = DicomReader.readHeader(d1).dataset();
        assertEquals(DATE, ds.getString(Tag.InstanceCreationDate));
        assertEquals(DATE, ds.getString(Tag.ContentDate));
        assertEquals(TIME, ds.getString(Tag.ContentTime));
        WriterRoundTripTest.dciodvfy(d1);

        Path s1 = dir.resolve("RS.1.dcm");
        Path s2 = dir.resolve("RS.2.dcm");
        for (Path p : List.of(s1, s2)) {
            RtStructWriter w = new RtStructWriter(study(), ReferencedSeries.of(ctWriter().build()))
                    .uids(Uids.fromName("opt/rs-series"), Uids.fromName("opt/rs")).dateTime(DATE, "100000")
                    .creationDateTime(DATE, TIME);
            w.addRoi("Box", "ORGAN", null, List.of(Contour.closed(new double[] {-2, -2, 0, 2, -2, 0, 2, 2, 0})));
            w.write(p);
        }
        assertArrayEquals(Files.readAllBytes(s1), Files.readAllBytes(s2));
        assertEquals(TIME, DicomReader.read(s1).dataset().getString(Tag.InstanceCreationTime));
        WriterRoundTripTest.dciodvfy(s1);
    }

    @Test
    void uidsFromContentAreTheSameForTheSameContentWrittenAtAnotherTimeAndDifferOtherwise() throws IOException {
        String[] uids = new String[3];
        double[] sizes = {2, 2, 3};
        String[] times = {"100000", "235959", "100000"};
        var slices = ctWriter().build();
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("RS.content." + i + ".dcm");
            double h = sizes[i];
            RtStructWriter w = new RtStructWriter(study(), ReferencedSeries.of(slices))
                    .dateTime(DATE, times[i]).creationDateTime(DATE, times[i]).uidsFromContent();
            w.addRoi("Box", "ORGAN", null, List.of(Contour.closed(new double[] {-h, -h, 0, h, -h, 0, h, h, 0})));
            uids[i] = w.write(file);
            DicomObject ds = DicomReader.read(file).dataset();
            assertEquals(uids[i], ds.getString(Tag.SOPInstanceUID));
            assertEquals(uids[i], w.sopInstanceUid());
            assertTrue(Uids.isValid(uids[i]) && Uids.isValid(ds.getString(Tag.SeriesInstanceUID)));
        }
        assertEquals(uids[0], uids[1], "written again later: the same structures keep their UID");
        assertFalse(uids[0].equals(uids[2]), "other contours: another UID");

        Path d1 = dir.resolve("RD.content.1.dcm");
        Path d2 = dir.resolve("RD.content.2.dcm");
        String frame = Uids.fromName("opt/frame");
        String a = new RtDoseWriter(study(), frame, dose()).creationDateTime(DATE, "080000").uidsFromContent().write(d1);
        String b = new RtDoseWriter(study(), frame, dose()).creationDateTime(DATE, "090000").uidsFromContent().write(d2);
        assertEquals(a, b);
        assertEquals(a, DicomReader.readHeader(d2).dataset().getString(Tag.SOPInstanceUID));
        WriterRoundTripTest.dciodvfy(d1);
    }
}
