package rt.dvh.internal.structures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.dicom.rt.Contour;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructWriter;
import rt.dvh.internal.engine.RoiDvhs;
import rt.dvh.internal.engine.RoiPlanes;
import rt.dvh.internal.io.DvhTable;
import rt.imaging.Grids;
import rt.imaging.MaskContours;
import rt.imaging.Masks;
import rt.imaging.Rasterizer;
import rt.imaging.SliceContour;

/** Reading source ROIs as masks and writing the custom structures. */
public final class StructureIo {

    private static final int[][] COLORS = {{255, 128, 0}, {0, 160, 255}, {255, 0, 160}, {120, 200, 0},
        {160, 80, 255}, {0, 200, 160}, {255, 200, 0}, {200, 60, 60}};

    private StructureIo() {
    }

    public static String key(String name) {
        return CustomBuilder.key(name);
    }

    /**
     * Without a planning CT: a 1 mm in-plane grid over every contour (+10 mm), with one plane per contour plane
     * (the typical contour spacing).
     */
    public static Grid gridFor(List<RtStruct> sets) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<RoiPlanes> planes = new ArrayList<>();
        for (RtStruct rs : sets) {
            for (Roi r : rs.rois()) {
                RoiPlanes p = RoiDvhs.planes(r);
                if (p.isEmpty()) {
                    continue;
                }
                planes.add(p);
                double[] xy = p.bounds();
                b[0] = Math.min(b[0], xy[0]);
                b[1] = Math.max(b[1], xy[1]);
                b[2] = Math.min(b[2], xy[2]);
                b[3] = Math.max(b[3], xy[3]);
                b[4] = Math.min(b[4], p.z()[0]);
                b[5] = Math.max(b[5], p.z()[p.planeCount() - 1]);
            }
        }
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("no closed contour in " + sets.size() + " structure set(s)");
        }
        double dz = RoiDvhs.typicalSpacing(planes);
        dz = Double.isNaN(dz) || dz <= 0 ? 2.0 : dz;
        double margin = 10;
        int nz = (int) Math.round((b[5] - b[4] + 2 * margin) / dz) + 1;
        double z0 = b[4] - Math.round(margin / dz) * dz;
        int nx = (int) Math.ceil(b[1] - b[0] + 2 * margin) + 1;
        int ny = (int) Math.ceil(b[3] - b[2] + 2 * margin) + 1;
        return Grid.axisAligned(nx, ny, nz, new double[] {Math.floor(b[0] - margin), Math.floor(b[2] - margin), z0},
                new double[] {1, 1, dz});
    }

    /** Masks (crops of {@code grid}) of the ROIs whose matching key is wanted; the first ROI of a name wins. */
    public static Map<String, Mask> rasterise(List<RtStruct> sets, Grid grid, Set<String> wantedKeys) {
        Map<String, Mask> out = new HashMap<>();
        for (RtStruct rs : sets) {
            for (Roi r : rs.rois()) {
                if (r.name() == null || out.containsKey(r.name()) || !wantedKeys.contains(key(r.name()))) {
                    continue;
                }
                List<double[]> closed = RoiDvhs.closedContours(r);
                if (!closed.isEmpty()) {
                    out.put(r.name(), Rasterizer.mask(grid, closed));
                }
            }
        }
        return out;
    }

    /** The part of a mask inside {@code grid}, cropped to its content. */
    public static Mask clip(Mask m, Grid grid) {
        Grid overlap = Grids.overlap(m.grid(), grid);
        if (overlap == null) {
            return Masks.empty(grid.crop(0, 0, 0, 1, 1, 1));
        }
        return Masks.cropToContent(Masks.embed(m, overlap), 0);
    }

    public static void writeRtStruct(Path file, PatientStudy ps, RtStruct reference, Map<String, Mask> masks)
            throws IOException {
        RtStructWriter w = new RtStructWriter(ps, ReferencedSeries.frameOnly(reference.studyInstanceUid(),
                reference.frameOfReferenceUid())).label("CUSTOM").name("rt structures").uidsFromContent();
        int n = 0;
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            List<Contour> contours = new ArrayList<>();
            for (SliceContour sc : MaskContours.extract(e.getValue())) {
                contours.add(Contour.closed(sc.points()));
            }
            w.addRoi(e.getKey(), "ORGAN", COLORS[n++ % COLORS.length], contours);
        }
        w.write(file);
    }

    /** A file name for a ROI name (letters, digits, '-', '_', '.'; others become '_'). */
    public static String fileName(String roi) {
        String s = roi.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    public static void writeManifest(Path file, List<CustomBuilder.Outcome> outcomes, Map<String, Mask> built)
            throws IOException {
        StringBuilder sb = new StringBuilder("{\"structures\":[\n");
        for (int i = 0; i < outcomes.size(); i++) {
            CustomBuilder.Outcome o = outcomes.get(i);
            Mask m = o.built() ? built.get(o.roiName()) : null;
            sb.append("  {\"name\":").append(q(o.spec().name())).append(",\"roi_name\":").append(q(o.roiName()))
                    .append(",\"operation\":").append(q(o.spec().operation().name().toLowerCase(Locale.ROOT)))
                    .append(",\"sources\":").append(list(o.spec().sources())).append(",\"missing\":")
                    .append(list(o.missing())).append(",\"status\":")
                    .append(q(!o.built() ? "skipped" : o.missing().isEmpty() ? "ok" : "partial"))
                    .append(",\"reason\":").append(o.skipped() == null ? "null" : q(o.skipped()))
                    .append(",\"volume_cc\":").append(m == null ? "null" : String.format(Locale.ROOT, "%.4f",
                            m.volumeCc()))
                    .append(i + 1 < outcomes.size() ? "},\n" : "}\n");
        }
        sb.append("]}\n");
        DvhTable.writeAtomically(file, w -> w.write(sb.toString()));
    }

    private static String list(List<String> items) {
        List<String> q = new ArrayList<>();
        items.forEach(s -> q.add(q(s)));
        return "[" + String.join(",", q) + "]";
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
