package rt.report.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtRecordWriter;
import rt.organize.internal.OrganizeStage;
import rt.organize.internal.demo.DemoCohort;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/**
 * The Plans, Fractions and Metadata sheets from courses organized by the real organize stage (demo patients of our
 * writers, three treatment records of our record writer for the first one).
 */
@ExtendWith(SurefireStyleSummary.class)
class AggregatorMetadataTest {

    @TempDir
    Path tmp;

    private static Path planOf(Path patientDir) throws Exception {
        try (Stream<Path> files = Files.list(patientDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                if (Uids.RT_PLAN_STORAGE.equals(DicomReader.readHeader(f).dataset().getString(Tag.SOPClassUID))) {
                    return f;
                }
            }
        }
        throw new AssertionError("no plan in " + patientDir);
    }

    @Test
    void plansFractionsAndMetadataSheetsHoldOneRowPerPlanFractionAndCourse() throws Exception {
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 2); // DEMO001: one plan; DEMO002: primary + boost
        DicomObject plan = DicomReader.readHeader(planOf(in.resolve("DEMO001"))).dataset();
        PatientStudy ps = PatientStudy.of(plan);
        for (int f = 1; f <= 3; f++) {
            new RtRecordWriter(ps, plan.getString(Tag.SOPInstanceUID), "2024031" + f, "08" + (10 + f) + "00", f)
                    .machine("TB1").addBeam(1, "b1", 100, 100).addBeam(2, "b2", 50, 50.5)
                    .write(in.resolve("DEMO001").resolve("RT" + f + ".dcm"));
        }
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult r = new OrganizeStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        Path cohort = out.resolve("cohort");
        Aggregator.Summary summary = new Aggregator(CourseDir.list(out, ctx.published()), () -> false).write(cohort);
        assertTrue(summary.problems().isEmpty(), summary.problems().toString());
        assertAll(() -> assertEquals(3, summary.rows().get("Plans")),
                () -> assertEquals(3, summary.rows().get("Fractions")),
                () -> assertEquals(2, summary.rows().get("Metadata")));
        try (InputStream s = Files.newInputStream(cohort.resolve("results.xlsx"));
                Workbook wb = WorkbookFactory.create(s)) {
            Sheet fx = wb.getSheet("Fractions");
            Row h = fx.getRow(0);
            List<Double> metersets = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                metersets.add(fx.getRow(i).getCell(column(h, "delivered_meterset")).getNumericCellValue());
            }
            assertEquals(List.of(150.5, 150.5, 150.5), metersets);
            assertEquals(CellType.STRING, fx.getRow(1).getCell(column(h, "treatment_date")).getCellType(),
                    "dates stay text");
            assertEquals("20240311", fx.getRow(1).getCell(column(h, "treatment_date")).getStringCellValue());

            Sheet meta = wb.getSheet("Metadata");
            Row mh = meta.getRow(0);
            Row demo2 = meta.getRow(2);
            assertAll(
                    () -> assertEquals("DEMO002", demo2.getCell(column(mh, "patient_id")).getStringCellValue()),
                    () -> assertEquals(66.0, demo2.getCell(column(mh, "prescription_gy")).getNumericCellValue(),
                            1e-9, "50 Gy primary + 16 Gy boost, organize's decision"),
                    () -> assertEquals(33.0, demo2.getCell(column(mh, "fractions_planned")).getNumericCellValue(),
                            1e-9, "25 + 8"),
                    () -> assertEquals(3.0, meta.getRow(1).getCell(column(mh, "fractions_delivered"))
                            .getNumericCellValue(), 1e-9),
                    () -> assertEquals("RT pipeline", meta.getRow(1).getCell(column(mh, "ct_manufacturer"))
                            .getStringCellValue()));

            Sheet plans = wb.getSheet("Plans");
            Row ph = plans.getRow(0);
            assertAll(() -> assertTrue(column(ph, "energies") > 1),
                    () -> assertEquals(DemoCohort.PLAN_LABEL, plans.getRow(1).getCell(column(ph, "label"))
                            .getStringCellValue()),
                    () -> assertEquals("STATIC", plans.getRow(1).getCell(column(ph, "technique")).getStringCellValue()));
        }
        assertEquals(3, Fixtures.dataRows(cohort.resolve("fractions.csv")), "CSV twin");
        assertEquals(4, Files.readAllLines(cohort.resolve("fractions.csv")).size(), "header + 3 rows, no blank lines");
        assertEquals(3, Fixtures.dataRows(cohort.resolve("plans.csv")), "CSV twin");
    }

    private static int column(Row header, String name) {
        for (var c : header) {
            if (name.equals(c.getStringCellValue())) {
                return c.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + name);
    }
}
