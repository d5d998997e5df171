package rt.organize.internal.meta;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.course.Csv;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtRecord;
import rt.dicom.rt.RtRecordReader;
import rt.dicom.rt.RtRecordWriter;
import rt.testsupport.SurefireStyleSummary;

/** Fractions from RT Beams Treatment Records written by our writer. */
@ExtendWith(SurefireStyleSummary.class)
class FractionTableTest {

    private static final PatientStudy PS = PatientStudy.newStudy("P1", "P^One");

    @TempDir
    Path tmp;

    private static RtRecord record(RtRecordWriter w) throws Exception {
        return RtRecordReader.from(w.build(), "record");
    }

    @Test
    void threeSessionRecordsGiveThreeFractionsWithTheirNumbers() throws Exception {
        List<RtRecord> records = new ArrayList<>();
        // written out of order: the table is ordered by date
        records.add(record(new RtRecordWriter(PS, "1.2.3", "20240306", "081000", 3).machine("TB1")
                .addBeam(1, "G0", 120, 120).addBeam(2, "G180", 118, 118)));
        records.add(record(new RtRecordWriter(PS, "1.2.3", "20240304", "080500", 1).machine("TB1")
                .addBeam(1, "G0", 120, 119.5).addBeam(2, "G180", 118, 118)));
        records.add(record(new RtRecordWriter(PS, "1.2.3", "20240305", "093000", 2).machine("TB2")
                .addBeam(1, "G0", 120, 120).addBeam(2, "G180", 118, 117.25)));
        List<FractionTable.Fraction> f = FractionTable.of(records);
        assertAll(
                () -> assertEquals(3, f.size()),
                () -> assertEquals(List.of(1, 2, 3), f.stream().map(FractionTable.Fraction::number).toList()),
                () -> assertEquals(List.of("20240304", "20240305", "20240306"),
                        f.stream().map(FractionTable.Fraction::date).toList()),
                () -> assertEquals(237.5, f.get(0).deliveredMeterset(), 1e-9),
                () -> assertEquals(237.25, f.get(1).deliveredMeterset(), 1e-9),
                () -> assertEquals(238.0, f.get(2).deliveredMeterset(), 1e-9),
                () -> assertEquals("TB2", f.get(1).machine()),
                () -> assertEquals("093000", f.get(1).timeStart()),
                () -> assertEquals(2, f.get(0).beams()),
                () -> assertEquals("1.2.3", f.get(0).planUid()));

        Path csv = tmp.resolve("fractions.csv");
        MetadataWriter.writeFractions(csv, "P1", "2024-03", f, Map.of("1.2.3", "PROSTATE"));
        List<Map<String, String>> rows = Csv.read(csv);
        assertAll(() -> assertEquals(3, rows.size()),
                () -> assertEquals(FractionTable.COLUMNS, List.copyOf(rows.get(0).keySet())),
                () -> assertEquals("2", rows.get(1).get("fraction_number")),
                () -> assertEquals("237.25", rows.get(1).get("delivered_meterset")),
                () -> assertEquals("PROSTATE", rows.get(2).get("plan_label")),
                () -> assertEquals("TB1", rows.get(2).get("machine")));
    }

    @Test
    void oneRecordPerBeamIsMergedIntoItsFractionAndSummaryRecordsAreNotFractions() throws Exception {
        List<RtRecord> records = new ArrayList<>();
        records.add(record(new RtRecordWriter(PS, "1.2.3", "20240304", "080500", 1).addBeam(1, "G0", 120, 120)));
        records.add(record(new RtRecordWriter(PS, "1.2.3", "20240304", "080700", 1).addBeam(2, "G180", 118, 118)));
        DicomObject summary = new RtRecordWriter(PS, "1.2.3", "20240310", "080000", 5).addBeam(1, "G0", 120, 600)
                .build();
        summary.putString(Tag.SOPClassUID, Uids.RT_TREATMENT_SUMMARY_RECORD_STORAGE);
        records.add(RtRecordReader.from(summary, "summary"));
        List<FractionTable.Fraction> f = FractionTable.of(records);
        assertAll(() -> assertEquals(1, f.size()),
                () -> assertEquals(238.0, f.get(0).deliveredMeterset(), 1e-9),
                () -> assertEquals(2, f.get(0).records()),
                () -> assertEquals("080500", f.get(0).timeStart()),
                () -> assertEquals("080700", f.get(0).timeEnd()));
    }

    @Test
    void aSessionWithoutFractionNumberKeepsItEmpty() throws Exception {
        DicomObject ds = new RtRecordWriter(PS, "1.2.3", "20240304", "080500", 1).addBeam(1, "G0", 120, 120).build();
        ds.getItem(Tag.TreatmentSessionBeamSequence).remove(Tag.CurrentFractionNumber);
        List<FractionTable.Fraction> f = FractionTable.of(List.of(RtRecordReader.from(ds, "r")));
        assertAll(() -> assertEquals(1, f.size()), () -> assertNull(f.get(0).number()),
                () -> assertEquals("20240304", f.get(0).date()));
    }
}
