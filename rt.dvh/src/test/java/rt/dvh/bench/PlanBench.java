package rt.dvh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.dicom.rt.Roi;
import rt.dvh.internal.engine.DvhSampler;
import rt.dvh.internal.engine.GridDvh;
import rt.dvh.internal.engine.OutsideDose;
import rt.dvh.internal.engine.RoiDvhs;
import rt.dvh.internal.engine.RoiPlanes;

/**
 * rt:dvh's engine on a real plan, in process: each ROI's time on one thread (after a warm-up pass), then the whole
 * structure set over {@code threads} as the command runs it, with a checksum of every DVH so that a change to the
 * engine can be told to keep the results bit for bit. Args: RS.dcm RD.dcm [threads] [repeats].
 */
public final class PlanBench {

    public static void main(String[] args) throws Exception {
        RtStruct rs = RtStructReader.read(Path.of(args[0]));
        GridDvh grid = new GridDvh(RtDoseReader.read(Path.of(args[1])).volume(), OutsideDose.DEFAULT);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<Roi> rois = new ArrayList<>();
        List<RoiPlanes> planes = new ArrayList<>();
        for (Roi r : rs.rois()) {
            RoiPlanes p = RoiDvhs.planes(r);
            if (!p.isEmpty()) {
                rois.add(r);
                planes.add(p);
            }
        }
        DvhSampler.Options opts = DvhSampler.Options.defaults().withCapThickness(RoiDvhs.typicalSpacing(planes));
        if (Boolean.getBoolean("cold")) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            RoiDvhs.compute(rs, x -> true, grid, DvhSampler.Options.defaults(), threads, () -> false);
            System.out.printf(Locale.ROOT, "cold, all ROIs, %d threads: %.0f ms, process CPU %.0f ms%n", threads,
                    (System.nanoTime() - t0) / 1e6, (cpu() - c0) / 1e6);
        }
        for (int pass = 0; pass < 2; pass++) {
            double sum = 0;
            long threadCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            for (int i = 0; i < rois.size(); i++) {
                long t0 = System.nanoTime();
                GridDvh.Sampled s = grid.compute(planes.get(i), opts);
                double ms = (System.nanoTime() - t0) / 1e6;
                sum += ms;
                if (pass == 1) {
                    System.out.printf(Locale.ROOT, "%-14s %4d planes %8.1f ms  %s%n", rois.get(i).name(),
                            planes.get(i).planeCount(), ms, fingerprint(s));
                }
            }
            System.out.printf(Locale.ROOT, "pass %d: %.0f ms on one thread, its CPU %.0f ms%n", pass, sum,
                    (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu)
                            / 1e6);
        }
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            List<RoiDvhs.Result> res = RoiDvhs.compute(rs, x -> true, grid, DvhSampler.Options.defaults(), threads,
                    () -> false);
            double ms = (System.nanoTime() - t0) / 1e6;
            double h = 0;
            for (RoiDvhs.Result x : res) {
                h = 31 * h + x.dvh().integralDoseGyCc() + x.dvh().minGy() + x.dvh().maxGy() + x.outsideFraction();
            }
            System.out.printf(Locale.ROOT, "all ROIs, %d threads: %.0f ms, process CPU %.0f ms (checksum %.12e)%n",
                    threads, ms, (cpu() - c0) / 1e6, h);
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String fingerprint(GridDvh.Sampled s) {
        return String.format(Locale.ROOT, "vol %.9f int %.9f min %.9f max %.9f d50 %.9f out %.9f",
                s.dvh().volumeCc(), s.dvh().integralDoseGyCc(), s.dvh().minGy(), s.dvh().maxGy(),
                s.dvh().doseAtVolumePct(50), s.outsideFraction());
    }
}
