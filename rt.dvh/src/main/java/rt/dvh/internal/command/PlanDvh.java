package rt.dvh.internal.command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import rt.course.BatchFile;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.dvh.internal.engine.DoseField;
import rt.dvh.internal.engine.GridDvh;
import rt.dvh.internal.engine.OutsideDose;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.RoiDvhs;
import rt.dvh.internal.io.DvhTable;
import rt.dvh.internal.metrics.Metric;

/** The work of {@code rt:dvh}: the DVH table of one RTSTRUCT × RTDOSE, no course folder needed. */
public final class PlanDvh {

    private PlanDvh() {
    }

    public static DvhTable run(DvhArgs a, int threads) throws IOException, InterruptedException {
        DvhTable table = new DvhTable(metrics(a));
        addTo(table, a, threads);
        return table;
    }

    private static List<Metric> metrics(DvhArgs a) {
        return Metric.list(a.metrics().isEmpty() ? Metric.DEFAULT_NAMES : a.metrics());
    }

    /** Adds the rows of one plan to {@code table}. */
    static void addTo(DvhTable table, DvhArgs a, int threads) throws IOException, InterruptedException {
        RtStruct rs = RtStructReader.read(a.rtstruct());
        RtDose rd = RtDoseReader.read(a.rtdose());
        if (rs.frameOfReferenceUid() != null && rd.frameOfReferenceUid() != null
                && !rs.frameOfReferenceUid().equals(rd.frameOfReferenceUid())) {
            throw new IllegalArgumentException(a.rtdose() + ": frame of reference " + rd.frameOfReferenceUid()
                    + " differs from the structure set's " + rs.frameOfReferenceUid());
        }
        Set<String> wanted = Set.copyOf(a.roiNames());
        for (String name : wanted) {
            if (rs.roi(name).isEmpty()) {
                throw new IllegalArgumentException(a.rtstruct() + ": no ROI named '" + name + "' (ROIs: "
                        + rs.rois().stream().map(r -> r.name()).toList() + ")");
            }
        }
        GridDvh grid = new GridDvh(rd.volume(), OutsideDose.DEFAULT);
        DoseField dose = grid.dose();
        List<RoiDvhs.Result> results;
        try {
            results = RoiDvhs.compute(rs, r -> wanted.isEmpty() || wanted.contains(r.name()), grid,
                    DvhSampler.Options.defaults(), threads, () -> Thread.currentThread().isInterrupted());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(a.rtstruct() + ": " + e.getMessage(), e);
        }
        for (RoiDvhs.Result r : results) {
            table.add(new DvhTable.RowInfo(rs.patientId(), "", "rtstruct", r.roi().name(), r.roi().number(),
                    r.roi().interpretedType(), a.rtstruct().toString(), a.rtdose().toString(), a.rxGy(),
                    new DvhTable.Provenance(rs.sopInstanceUid(), rd.sopInstanceUid(), rd.sopInstanceUid(), null,
                            Double.isNaN(a.rxGy()) ? null : "--rx", r.outsideFraction(), grid.mode().key(), null, null)),
                    r.dvh(), gy -> dose.isodoseVolumeMm3(gy) / 1000.0);
        }
    }

    /**
     * Every plan of {@code --batch LIST} into one table; a plan that fails is reported (list, line, reason) and the
     * others go on. Returns how many failed.
     */
    static int runBatch(DvhArgs a, DvhTable table, int threads, PrintStream out)
            throws IOException, InterruptedException {
        BatchFile list = BatchFile.read(a.batch());
        int failed = 0;
        for (BatchFile.Entry e : list.entries()) {
            try {
                addTo(table, a.forLine(list, e.args()), threads);
            } catch (IllegalArgumentException | IOException | IllegalStateException ex) {
                failed++;
                out.println("rt:dvh: " + list.file() + " line " + e.line() + ": " + ex.getMessage());
            }
        }
        if (failed == list.entries().size()) {
            throw new IllegalStateException("all " + failed + " plans of " + list.file() + " failed (listed above)");
        }
        return failed;
    }

    /** Runs and writes the table to {@code --out} or prints it. */
    public static void execute(DvhArgs a, int threads, PrintStream out) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        DvhTable table;
        int failed = 0;
        if (a.batch() != null) {
            table = new DvhTable(metrics(a));
            failed = runBatch(a, table, threads, out);
        } else {
            table = run(a, threads);
        }
        if (a.out() != null) {
            table.writeCsv(a.out());
            out.printf("rt:dvh: %d ROI(s) → %s (%.2f s)%n", table.size(), a.out(), (System.nanoTime() - t0) / 1e9);
        } else {
            StringBuilder sb = new StringBuilder(String.join(",", table.header())).append('\n');
            for (List<String> row : table.rows()) {
                sb.append(String.join(",", row)).append('\n');
            }
            out.print(sb);
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " plan(s) of " + a.batch() + " failed (listed above; the table"
                    + " holds the others)");
        }
    }
}
