package rt.radiomics.internal.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.course.CourseFolder;
import rt.course.RoiNames;
import rt.course.SegmentationManifest;
import rt.course.StructureSet;
import rt.course.StructureSource;
import rt.dicom.rt.Contour;
import rt.dicom.rt.ContourType;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.imaging.Masks;
import rt.imaging.Rasterizer;
import rt.nifti.Nifti;

/** The ROIs of one course as lazily rasterised masks on the CT grid: manual RTSTRUCTs, custom structures, models. */
public final class CourseRois {

    /** One ROI: where it came from and how to get its mask (cropped to the ROI, on the CT lattice). */
    public record RoiRef(String source, String name, Supplier<Mask> mask) {
    }

    private CourseRois() {
    }

    /**
     * Every ROI of the course's structure sets (manual, each finished segmentation model, custom), named as in every
     * other table: the source id of {@link StructureSource} and the ROI name of {@link RoiNames}. A segmentation
     * model's ROIs come from its label map (the model's own voxels), every other source's from its contours.
     */
    public static List<RoiRef> list(Path courseDir, Course course, Grid ct) throws IOException {
        return list(courseDir, course, ct, (source, name, reason) -> { });
    }

    /** An ROI of a structure set that has no region to analyse, with the reason. */
    @FunctionalInterface
    public interface Unusable {
        void roi(String source, String name, String reason);
    }

    /** As {@link #list(Path, Course, Grid)}, telling {@code unusable} about every ROI that cannot be analysed. */
    public static List<RoiRef> list(Path courseDir, Course course, Grid ct, Unusable unusable) throws IOException {
        return list(StructureSet.of(course, new CourseFolder(courseDir)), ct, unusable);
    }

    /** The ROIs of the given structure sets as masks on {@code grid} (the image the sets are drawn on). */
    public static List<RoiRef> list(List<StructureSet> sets, Grid grid, Unusable unusable) throws IOException {
        List<RoiRef> out = new ArrayList<>();
        for (StructureSet set : sets) {
            String source = set.source().id();
            if (set.labels() != null && set.manifest() != null) {
                addLabels(out, source, set.labels(), set.manifest().labelNames(), grid);
            } else if (set.rtStruct() != null && Files.isRegularFile(set.rtStruct())) {
                addRtStruct(out, source, set.rtStruct(), grid, unusable);
            }
        }
        return out;
    }

    /** The ROI names of a structure set, as the tables name them. */
    public static List<String> names(StructureSet set) throws IOException {
        if (set.manifest() != null) {
            return set.manifest().rois().stream().map(SegmentationManifest.Roi::name).toList();
        }
        if (set.rtStruct() == null || !Files.isRegularFile(set.rtStruct())) {
            return List.of();
        }
        return RtStructReader.read(set.rtStruct()).rois().stream().map(r -> RoiNames.of(r.name())).toList();
    }

    static void addRtStruct(List<RoiRef> out, String source, Path file, Grid ct, Unusable unusable)
            throws IOException {
        RtStruct rs = RtStructReader.read(file);
        for (rt.dicom.rt.Roi roi : rs.rois()) {
            List<double[]> polys = new ArrayList<>();
            for (Contour c : roi.contours()) {
                if (c.type() == ContourType.CLOSED_PLANAR || c.type() == ContourType.CLOSEDPLANAR_XOR) {
                    polys.add(c.points());
                }
            }
            if (polys.isEmpty()) {
                unusable.roi(source, RoiNames.of(roi.name()), "no closed planar contours (point, marker or empty ROI)");
                continue;
            }
            out.add(new RoiRef(source, RoiNames.of(roi.name()), () -> Rasterizer.mask(ct, polys)));
        }
    }

    static void addLabels(List<RoiRef> out, String source, Path labels, Map<Integer, String> names, Grid ct)
            throws IOException {
        LabelMap lm = Nifti.readLabels(labels, names);
        if (!lm.grid().sameAs(ct, 1e-3)) {
            lm = rt.imaging.Resample.labels(lm, ct);
        }
        java.util.BitSet present = new java.util.BitSet();
        for (short v : lm.labels()) {
            if (v > 0) {
                present.set(v);
            }
        }
        LabelMap fixed = lm;
        for (int v = present.nextSetBit(1); v >= 0; v = present.nextSetBit(v + 1)) {
            int label = v;
            out.add(new RoiRef(source, RoiNames.of(names.get(label), label), () -> Masks.fromLabel(fixed, label)));
        }
    }
}
