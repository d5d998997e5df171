package rt.crop.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.course.CourseFolder;
import rt.course.StructureSet;
import rt.course.StructureSource;
import rt.dicom.rt.Contour;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.nifti.Nifti;

/** The z extents of a course's structures, from every structure source of the course contract. */
final class Extents {

    private Extents() {
    }

    /**
     * Every structure of the course with its z extent: segmentation models first (upstream takes its landmarks from
     * TotalSegmentator), then manual RTSTRUCTs, then custom structures. A model's label map is used where it has one
     * (voxel centres), else its RTSTRUCT (contour planes).
     *
     * @throws IOException naming the file that cannot be read
     */
    static List<StructureExtent> collect(Course course, CourseFolder folder) throws IOException {
        List<StructureSet> sets = new ArrayList<>(StructureSet.of(course, folder));
        sets.sort(Comparator.comparingInt(s -> order(s.source())));
        List<StructureExtent> out = new ArrayList<>();
        for (StructureSet set : sets) {
            String source = set.source().id();
            if (set.labels() != null && set.manifest() != null) {
                out.addAll(fromLabels(Nifti.readLabels(set.labels(), set.manifest().labelNames()), source));
            } else if (set.rtStruct() != null) {
                RtStruct rs;
                try {
                    rs = RtStructReader.read(set.rtStruct());
                } catch (IOException | RuntimeException e) {
                    throw new IOException(set.rtStruct() + ": " + e.getMessage(), e);
                }
                out.addAll(fromRtStruct(rs, source));
            }
        }
        return out;
    }

    private static int order(StructureSource s) {
        return switch (s.kind()) {
            case SEGMENTATION -> 0;
            case MANUAL -> 1;
            case CUSTOM -> 2;
        };
    }

    /** Per label present: the lowest and highest patient z of its voxel centres. */
    static List<StructureExtent> fromLabels(LabelMap lm, String source) {
        Grid g = lm.grid();
        double z0 = g.indexToWorld(0, 0, 0)[2];
        double ai = g.indexToWorld(1, 0, 0)[2] - z0;
        double aj = g.indexToWorld(0, 1, 0)[2] - z0;
        double ak = g.indexToWorld(0, 0, 1)[2] - z0;
        short[] labels = lm.labels();
        int top = 0;
        for (short v : labels) {
            top = Math.max(top, v);
        }
        double[] lo = new double[top + 1];
        double[] hi = new double[top + 1];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        int nx = g.nx();
        int ny = g.ny();
        int idx = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < ny; j++) {
                double row = z0 + aj * j + ak * k;
                for (int i = 0; i < nx; i++, idx++) {
                    int v = labels[idx];
                    if (v > 0) {
                        double z = row + ai * i;
                        if (z < lo[v]) {
                            lo[v] = z;
                        }
                        if (z > hi[v]) {
                            hi[v] = z;
                        }
                    }
                }
            }
        }
        List<StructureExtent> out = new ArrayList<>();
        for (int v = 1; v <= top; v++) {
            if (lo[v] <= hi[v]) {
                String name = lm.names().getOrDefault(v, "label_" + v);
                out.add(new StructureExtent(source, name, lo[v], hi[v]));
            }
        }
        return out;
    }

    /** Per ROI with closed contours: the lowest and highest z of its contour points. */
    static List<StructureExtent> fromRtStruct(RtStruct rs, String source) {
        List<StructureExtent> out = new ArrayList<>();
        for (Roi roi : rs.rois()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Contour c : roi.contours()) {
                if (c.type() == null || !c.type().isClosed()) {
                    continue;
                }
                double[] p = c.points();
                for (int n = 2; n < p.length; n += 3) {
                    lo = Math.min(lo, p[n]);
                    hi = Math.max(hi, p[n]);
                }
            }
            if (lo <= hi) {
                out.add(new StructureExtent(source, roi.name(), lo, hi));
            }
        }
        return out;
    }
}
