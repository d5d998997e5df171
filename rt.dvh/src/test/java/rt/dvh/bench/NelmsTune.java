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

/** Accuracy (worst |%diff| per metric) and compute time of the sampler for a given cell size. Args: root cellMm... */
public final class NelmsTune {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).resolve("nelms-dvh");
        List<NelmsCases.Case> cases = NelmsCases.load(root);
        List<RoiPlanes> rois = new ArrayList<>();
        List<DoseField> doses = new ArrayList<>();
        long r0 = System.nanoTime();
        for (NelmsCases.Case c : cases) {
            List<double[]> contours = new ArrayList<>();
            for (Contour ct : NelmsCases.volumeRoi(c.rtstruct()).contours()) {
                if (ct.type().isClosed()) {
                    contours.add(ct.points());
                }
            }
            rois.add(RoiPlanes.of(contours));
            doses.add(new DoseField(RtDoseReader.read(c.rtdose()).volume()));
        }
        System.out.printf(Locale.ROOT, "reading %d cases: %.3f s%n", cases.size(), (System.nanoTime() - r0) / 1e9);
        for (int a = 1; a < args.length; a++) {
            double cell = Double.parseDouble(args[a]);
            DvhSampler.Options o = new DvhSampler.Options(cell > 0 ? cell : Double.NaN, 40_000_000L, Double.NaN,
                    100_000);
            for (int rep = 0; rep < 3; rep++) {
                double[] worst = new double[9];
                long t0 = System.nanoTime();
                long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (int i = 0; i < cases.size(); i++) {
                    Dvh d = DvhSampler.compute(rois.get(i), doses.get(i), o);
                    double[] got = {d.volumeCc(), d.minGy(), d.maxGy(), d.meanGy(), d.doseAtVolumePct(99),
                        d.doseAtVolumePct(95), d.doseAtVolumePct(5), d.doseAtVolumePct(1), d.doseAtVolumeCc(0.03)};
                    for (int m = 0; m < 9; m++) {
                        worst[m] = Math.max(worst[m], Math.abs(100 * (got[m] / cases.get(i).expected()[m] - 1)));
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9;
                StringBuilder sb = new StringBuilder();
                for (int m = 0; m < 9; m++) {
                    sb.append(String.format(Locale.ROOT, " %s=%.2f", NelmsCases.METRICS.get(m), worst[m]));
                }
                System.out.printf(Locale.ROOT, "cell %s: %.3f s wall, %.3f s CPU (%.1f ms CPU/case) worst%s%n", args[a], s,
                        cpu, 1000 * cpu / cases.size(), sb);
            }
        }
    }
}
