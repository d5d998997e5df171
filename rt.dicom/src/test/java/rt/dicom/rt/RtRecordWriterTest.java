package rt.dicom.rt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.testsupport.SurefireStyleSummary;

/** RT Beams Treatment Records written by our writer, read back by the record reader and checked with dciodvfy. */
@ExtendWith(SurefireStyleSummary.class)
class RtRecordWriterTest {

    @TempDir
    Path tmp;

    @Test
    void aSessionRoundTripsWithFractionBeamsMetersetAndMachine() throws Exception {
        PatientStudy ps = PatientStudy.newStudy("P1", "P^One");
        Path f = tmp.resolve("RT_RECORD.dcm");
        String uid = new RtRecordWriter(ps, "1.2.3.4", "20240304", "081500", 3).machine("TB1")
                .addBeam(1, "G0", 120, 119.5).addBeam(2, "G180", 118, 118).write(f);
        DicomObject ds = DicomReader.readDataset(f);
        RtRecord r = RtRecordReader.read(f);
        assertAll(
                () -> assertEquals(Uids.RT_BEAMS_TREATMENT_RECORD_STORAGE, ds.getString(Tag.SOPClassUID)),
                () -> assertEquals("RTRECORD", ds.getString(Tag.Modality)),
                () -> assertEquals(uid, r.sopInstanceUid()),
                () -> assertEquals("1.2.3.4", r.referencedPlanUid()),
                () -> assertEquals("20240304", r.treatmentDate()),
                () -> assertEquals("TB1", r.treatmentMachine()),
                () -> assertEquals(2, r.sessions().size()),
                () -> assertEquals(3, r.sessions().get(0).fractionNumber()),
                () -> assertEquals(2, r.sessions().get(1).beamNumber()),
                () -> assertEquals("081500", r.sessions().get(0).time()),
                () -> assertEquals(119.5, r.sessions().get(0).deliveredMeterset(), 1e-9),
                () -> assertEquals(118.0, r.sessions().get(1).deliveredMeterset(), 1e-9),
                () -> assertEquals("NORMAL", r.sessions().get(0).terminationStatus()));
        WriterRoundTripTest.dciodvfy(f); // the RT Beams Treatment Record IOD, checked by dicom3tools
    }

    @Test
    void withoutTheTypeThreeTotalTheLastControlPointGivesTheDeliveredMeterset() throws Exception {
        PatientStudy ps = PatientStudy.newStudy("P1", "P^One");
        DicomObject ds = new RtRecordWriter(ps, null, "20240304", "081500", 1).addBeam(1, "A", 100, 87.25).build();
        DicomObject beam = ds.getItem(Tag.TreatmentSessionBeamSequence);
        beam.remove(Tag.DeliveredPrimaryMeterset);
        Path f = tmp.resolve("r.dcm");
        DicomWriter.write(ds, f);
        RtRecord r = RtRecordReader.read(f);
        assertAll(() -> assertEquals(87.25, r.sessions().get(0).deliveredMeterset(), 1e-9),
                () -> assertNull(r.referencedPlanUid()));
        beam.getSequence(Tag.ControlPointDeliverySequence).forEach(cp -> cp.remove(Tag.DeliveredMeterset));
        DicomWriter.write(ds, f);
        assertNull(RtRecordReader.read(f).sessions().get(0).deliveredMeterset(), "nothing delivered is stated");
    }

    @Test
    void aSessionWithoutFractionNumberReadsAsNone() throws Exception {
        DicomObject ds = new RtRecordWriter(PatientStudy.newStudy("P1", "P"), null, "20240304", "081500", 1)
                .addBeam(1, "A", 100, 100).build();
        ds.getItem(Tag.TreatmentSessionBeamSequence).remove(Tag.CurrentFractionNumber);
        assertNull(RtRecordReader.from(ds, "r.dcm").sessions().get(0).fractionNumber());
        ds.putInts(Tag.CurrentFractionNumber, 4);
        assertEquals(4, RtRecordReader.from(ds, "r.dcm").sessions().get(0).fractionNumber(), "top-level vendor place");
    }

    @Test
    void badArgumentsAreRefused() {
        PatientStudy ps = PatientStudy.newStudy("P1", "P^One");
        assertThrows(IllegalArgumentException.class, () -> new RtRecordWriter(ps, null, "2024-03-04", "0815", 1));
        assertThrows(IllegalArgumentException.class, () -> new RtRecordWriter(ps, null, "20240304", "0815", 0));
        assertThrows(IllegalStateException.class, () -> new RtRecordWriter(ps, null, "20240304", "0815", 1).build());
    }
}
