package rt.web.internal.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.testsupport.SurefireStyleSummary;

/** The upload area and its validation summary, on DICOM written by rt.dicom's own writer. */
@ExtendWith(SurefireStyleSummary.class)
class UploadSummaryTest {

    @TempDir
    Path tmp;

    private static byte[] dicom(String patient, String study, String series, String modality, String sop)
            throws IOException {
        DicomObject d = new DicomObject();
        d.putString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        d.putString(Tag.SOPInstanceUID, sop);
        d.putString(Tag.PatientID, patient);
        d.putString(Tag.StudyInstanceUID, study);
        d.putString(Tag.SeriesInstanceUID, series);
        d.putString(Tag.Modality, modality);
        return DicomWriter.toBytes(d);
    }

    @Test
    void summaryCountsPatientsStudiesSeriesAndRtObjectsAndNamesUnusableFiles() throws IOException {
        UploadStore store = new UploadStore(tmp.resolve("uploads"), 1L << 30, ArchiveExtractor.Limits.defaults());
        String id = store.create();
        // P1: one study with a 2-slice CT, an RTSTRUCT and an RTDOSE; P2: a CT slice in another study
        store.store(id, "P1/ct1.dcm", in(dicom("P1", "1.1", "1.1.1", "CT", "1.1.1.1")), -1);
        store.store(id, "P1/ct2.dcm", in(dicom("P1", "1.1", "1.1.1", "CT", "1.1.1.2")), -1);
        store.store(id, "P1/rs.dcm", in(dicom("P1", "1.1", "1.1.2", "RTSTRUCT", "1.1.2.1")), -1);
        store.store(id, "P1/rd.dcm", in(dicom("P1", "1.1", "1.1.3", "RTDOSE", "1.1.3.1")), -1);
        store.store(id, "notes.txt", in("hello".getBytes(StandardCharsets.UTF_8)), -1);
        // P2 arrives as a zip, with a zip-slip entry that must be refused and reported
        Path zip = tmp.resolve("p2.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("P2/ct.dcm"));
            z.write(dicom("P2", "2.1", "2.1.1", "CT", "2.1.1.1"));
            z.putNextEntry(new ZipEntry("../../escape.dcm"));
            z.write(dicom("P3", "3.1", "3.1.1", "CT", "3.1.1.1"));
        }
        UploadStore.Stored s = store.store(id, "p2.zip", Files.newInputStream(zip), Files.size(zip));
        assertEquals(1, s.extracted());
        assertEquals(1, s.refused().size());

        UploadSummary sum = store.summary(id);
        assertEquals(6, sum.files());
        assertEquals(5, sum.dicomFiles());
        assertEquals(2, sum.patients());
        assertEquals(2, sum.studies());
        assertEquals(4, sum.series());
        assertEquals(2, sum.rtObjects());
        assertEquals(Map.of("CT", 3, "RTDOSE", 1, "RTSTRUCT", 1), sum.modalities());
        assertEquals(2, sum.unusableTotal());
        assertTrue(sum.unusable().stream().anyMatch(p -> p.path().equals("p2.zip!../../escape.dcm")), sum.toString());
        assertTrue(sum.unusable().stream().anyMatch(p -> p.path().equals("notes.txt")
                && p.reason().startsWith("not DICOM")), sum.toString());
        // the refused entry was written nowhere
        assertEquals(java.util.List.of(), list(tmp).stream().filter(n -> n.endsWith("escape.dcm")).toList());
    }

    @Test
    void uploadLimitAndBadNamesAreRefusedBeforeAnythingStays() throws IOException {
        UploadStore store = new UploadStore(tmp.resolve("u"), 1000, ArchiveExtractor.Limits.defaults());
        String id = store.create();
        assertThrows(UploadStore.TooLarge.class, () -> store.store(id, "big.bin", in(new byte[2000]), 2000));
        // a body longer than it announced (or with no length) is cut at the limit
        assertThrows(UploadStore.TooLarge.class, () -> store.store(id, "big2.bin", in(new byte[2000]), -1));
        assertThrows(IllegalArgumentException.class, () -> store.store(id, "../x.dcm", in(new byte[1]), 1));
        assertThrows(IllegalArgumentException.class, () -> store.store(id, "/etc/x", in(new byte[1]), 1));
        assertThrows(IllegalArgumentException.class, () -> store.store("../../etc", "x", in(new byte[1]), 1));
        assertThrows(IOException.class, () -> store.store(id, "short.bin", in(new byte[10]), 20));
        assertEquals(java.util.List.of(), list(tmp.resolve("u/" + id)));
        store.store(id, "ok.bin", in(new byte[900]), 900);
        assertThrows(UploadStore.TooLarge.class, () -> store.store(id, "more.bin", in(new byte[200]), 200));
    }

    private static ByteArrayInputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    private static java.util.List<String> list(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
