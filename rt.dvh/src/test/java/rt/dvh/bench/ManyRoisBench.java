package rt.dvh.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtDoseWriter;
import rt.dicom.rt.RtStructWriter;
import rt.dvh.internal.command.DvhArgs;
import rt.dvh.internal.command.PlanDvh;
import rt.dvh.internal.io.DvhTable;

/**
 * 200 ROIs on the frame of a 512×512×300 CT (0.98 mm pixels, 1.5 mm slices; ROIs contoured on every other slice,
 * 3 mm) with a 2.5 mm dose grid: a BODY-sized ellipse stack plus 199 random ellipsoids (5–120 mm). Written as real
 * RTSTRUCT/RTDOSE files and run through rt:dvh's code path. Run with -Xmx2g. Args: [threads] [workdir].
 */
public final class ManyRoisBench {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("rt-dvh-bench");
        Files.createDirectories(dir);
        double fovX = 512 * 0.977;
        double fovZ = 300 * 1.5;
        Random rnd = new Random(42);
        PatientStudy ps = PatientStudy.newStudy("BENCH", "Bench^Patient");
        String forUid = Uids.create();
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), forUid));
        long points = 0;
        // BODY: 460 × 300 mm ellipse on every plane
        List<Contour> body = new ArrayList<>();
        for (double z = -fovZ / 2 + 1.5; z < fovZ / 2 - 1.5; z += 3) {
            body.add(Contour.closed(ellipse(0, 0, z, 230, 150, 360)));
        }
        rs.addRoi("BODY", "EXTERNAL", new int[] {0, 255, 0}, body);
        points += 360L * body.size();
        for (int r = 1; r < 200; r++) {
            double size = 5 + 115 * Math.pow(rnd.nextDouble(), 2);
            double ax = size / 2 * (0.6 + 0.4 * rnd.nextDouble());
            double ay = size / 2 * (0.6 + 0.4 * rnd.nextDouble());
            double az = size / 2 * (0.6 + 0.4 * rnd.nextDouble());
            double cx = (rnd.nextDouble() - 0.5) * (400 - 2 * ax);
            double cy = (rnd.nextDouble() - 0.5) * (260 - 2 * ay);
            double cz = (rnd.nextDouble() - 0.5) * (fovZ - 2 * az - 20);
            List<Contour> cs = new ArrayList<>();
            double z0 = Math.ceil((cz - az) / 3) * 3;
            for (double z = z0; z <= cz + az; z += 3) {
                double f = Math.sqrt(Math.max(0, 1 - Math.pow((z - cz) / az, 2)));
                if (f * Math.min(ax, ay) < 0.3) {
                    continue;
                }
                int n = Math.max(12, (int) (2 * Math.PI * Math.max(ax, ay) * f)); // ~1 mm between points
                cs.add(Contour.closed(ellipse(cx, cy, z, ax * f, ay * f, n)));
                points += n;
            }
            rs.addRoi("ROI_" + r, "ORGAN", new int[] {255, 0, 0}, cs);
        }
        Path rsFile = dir.resolve("RS.dcm");
        rs.write(rsFile);
        // dose: 2.5 mm over the CT field of view, a smooth blob of 70 Gy plus 5 Gy everywhere in the body
        int nx = (int) Math.ceil(fovX / 2.5);
        int nz = (int) Math.ceil(fovZ / 2.5);
        Grid g = Grid.axisAligned(nx, nx, nz, new double[] {-fovX / 2, -fovX / 2, -fovZ / 2},
                new double[] {2.5, 2.5, 2.5});
        float[] d = new float[(int) g.voxelCount()];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < nx; j++) {
                for (int i = 0; i < nx; i++) {
                    double[] w = g.indexToWorld(i, j, k);
                    double r2 = (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]) / (60.0 * 60.0);
                    d[g.index(i, j, k)] = (float) (5 + 65 * Math.exp(-r2));
                }
            }
        }
        Path rdFile = dir.resolve("RD.dcm");
        new RtDoseWriter(ps, forUid, new Volume(g, d, Quantity.DOSE_GY)).write(rdFile);
        d = null;
        System.gc();
        System.out.printf(Locale.ROOT, "inputs: 200 ROIs, %d contour points; dose grid %dx%dx%d (2.5 mm), %s%n", points,
                nx, nx, nz, dir);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        DvhTable table = PlanDvh.run(DvhArgs.parse("--rtstruct", rsFile.toString(), "--rtdose", rdFile.toString(),
                "--out", dir.resolve("t.csv").toString()), threads);
        table.writeCsv(dir.resolve("t.csv"));
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "rt:dvh path: %d rows in %.1f s with %d thread(s); max heap %d MB, peak heap "
                + "used (sum of pool peaks) %d MB%n", table.size(), s, threads,
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    }

    static double[] ellipse(double cx, double cy, double z, double ax, double ay, int n) {
        double[] c = new double[3 * n];
        for (int p = 0; p < n; p++) {
            double a = 2 * Math.PI * p / n;
            c[3 * p] = cx + ax * Math.cos(a);
            c[3 * p + 1] = cy + ay * Math.sin(a);
            c[3 * p + 2] = z;
        }
        return c;
    }
}
