package rt.radiomics.internal.stage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
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

    public static List<RoiRef> list(Path courseDir, Course course, Grid ct) throws IOException {
        List<RoiRef> out = new ArrayList<>();
        if (course != null) {
            for (CourseObject o : course.objects(Role.RTSTRUCT)) {
                Path p = courseDir.resolve(o.path());
                if (!Files.isRegularFile(p) && o.sourcePath() != null) {
                    p = Path.of(o.sourcePath());
                }
                if (Files.isRegularFile(p)) {
                    addRtStruct(out, "Manual", p, ct);
                }
            }
        }
        Path custom = courseDir.resolve("structures").resolve("RS_custom.dcm");
        if (Files.isRegularFile(custom)) {
            addRtStruct(out, "Custom", custom, ct);
        }
        Path seg = courseDir.resolve("segmentation");
        if (Files.isDirectory(seg)) {
            try (DirectoryStream<Path> models = Files.newDirectoryStream(seg)) {
                for (Path m : models) {
                    Path labels = m.resolve("labels.nii.gz");
                    if (Files.isRegularFile(labels)) {
                        addLabels(out, "AutoRTS_" + m.getFileName(), labels, m.resolve("manifest.json"), ct);
                    }
                }
            }
        }
        return out;
    }

    static void addRtStruct(List<RoiRef> out, String source, Path file, Grid ct) throws IOException {
        RtStruct rs = RtStructReader.read(file);
        for (rt.dicom.rt.Roi roi : rs.rois()) {
            List<double[]> polys = new ArrayList<>();
            for (Contour c : roi.contours()) {
                if (c.type() == ContourType.CLOSED_PLANAR || c.type() == ContourType.CLOSEDPLANAR_XOR) {
                    polys.add(c.points());
                }
            }
            if (polys.isEmpty()) {
                continue;
            }
            out.add(new RoiRef(source, roi.name(), () -> Rasterizer.mask(ct, polys)));
        }
    }

    static void addLabels(List<RoiRef> out, String source, Path labels, Path manifest, Grid ct) throws IOException {
        Map<Integer, String> names = new TreeMap<>();
        if (Files.isRegularFile(manifest)) {
            // label names from {"labels": {"1": "spleen", ...}} (tolerant: any "n": "name" pairs)
            Matcher m = Pattern.compile("\"(\\d+)\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(Files.readString(manifest, StandardCharsets.UTF_8));
            while (m.find()) {
                names.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
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
            String name = names.getOrDefault(label, "label_" + label);
            out.add(new RoiRef(source, name, () -> Masks.fromLabel(fixed, label)));
        }
    }
}
