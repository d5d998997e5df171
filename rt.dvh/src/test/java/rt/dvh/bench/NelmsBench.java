package rt.dvh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rt.dicom.rt.Contour;
import rt.dicom.rt.RtDoseReader;
import rt.dvh.internal.engine.DoseField;
import rt.dvh.internal.engine.Dvh;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.RoiPlanes;
import rt.dvh.nelms.NelmsCases;

/**
 * Wall time of the DVH engine over the Nelms cases, files read per case as the other tools do. Prints per-case
 * values as CSV (for the side-by-side accuracy table) and the timings. Args: [refdata root] [repeats] [csv out].
 */
public final class NelmsBench {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "../../shared/refdata").resolve("nelms-dvh");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<NelmsCases.Case> cases = NelmsCases.load(root);
        StringBuilder csv = new StringBuilder("case,volume,Dmin,Dmax,Dmean,D99,D95,D5,D1,D0.03cc\n");
        for (int rep = 0; rep < repeats; rep++) {
            long t0 = System.nanoTime();
            long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            for (NelmsCases.Case c : cases) {
                List<double[]> contours = new ArrayList<>();
                for (Contour ct : NelmsCases.volumeRoi(c.rtstruct()).contours()) {
                    if (ct.type().isClosed()) {
                        contours.add(ct.points());
                    }
                }
                DoseField dose = new DoseField(RtDoseReader.read(c.rtdose()).volume());
                Dvh dvh = DvhSampler.compute(RoiPlanes.of(contours), dose, DvhSampler.Options.defaults());
                if (rep == 0) {
                    csv.append(String.format(Locale.ROOT, "%s,%.6f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f%n",
                            c.label(), dvh.volumeCc(), dvh.minGy(), dvh.maxGy(), dvh.meanGy(),
                            dvh.doseAtVolumePct(99), dvh.doseAtVolumePct(95), dvh.doseAtVolumePct(5),
                            dvh.doseAtVolumePct(1), dvh.doseAtVolumeCc(0.03)));
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0)
                    / 1e9;
            System.out.printf(Locale.ROOT, "rt.dvh pass %d: %d cases in %.3f s wall, %.3f s CPU (%.1f ms/case wall)%n",
                    rep + 1, cases.size(), s, cpu, 1000 * s / cases.size());
        }
        if (args.length > 2) {
            java.nio.file.Files.writeString(Path.of(args[2]), csv);
        }
    }
}
