package rt.qc.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.course.ModelFolder;
import rt.course.RoiNames;
import rt.course.SegmentationManifest;
import rt.course.StructureSet;
import rt.course.StructureSource;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.Contour;
import rt.dicom.rt.ContourType;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.nifti.Nifti;

/**
 * Reads the facts of one course from its folder and the course model: DICOM headers of the planning CT (slice
 * positions and grid, pixel data never read), the RTSTRUCT(s), the dose ({@code dose.nii.gz}, else the single
 * RTDOSE), and every {@code segmentation/<model>/} ({@code labels.nii.gz} + {@code manifest.json}). What cannot be
 * read stays {@code null} and is recorded as a load problem ("check_id: why"), never thrown.
 */
final class FactsLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FactsLoader() {
    }

    static CourseFacts load(Course course, Path dir) {
        CourseFacts f = new CourseFacts();
        f.patientId = course.patientId();
        f.courseId = course.courseId();
        f.site = course.site();
        f.prescriptionGy = course.prescriptionGy();
        f.courseFrameOfReferenceUid = course.frameOfReferenceUid();
        List<CourseFacts.ObjectFact> objects = new ArrayList<>();
        for (CourseObject o : course.objects()) {
            Path p = resolve(dir, o.path());
            objects.add(new CourseFacts.ObjectFact(o.role(), o.modality(), o.sopInstanceUid(),
                    o.frameOfReferenceUid(), o.path(), p == null ? null : !files(p).isEmpty()));
        }
        f.objects = objects;
        try {
            for (CourseImage image : CourseImage.list(new CourseFolder(dir))) {
                if (!image.planning()) {
                    String on = image.modality() + " " + image.volume() + (image.registration() == null
                            ? " (no registration to the planning CT recorded)"
                            : " (registered to the planning CT: " + image.registration() + ")");
                    image.structureSets().forEach(set -> f.setsOnOtherImages.put(set, on));
                }
            }
        } catch (java.io.IOException e) {
            f.loadProblems.add(e.getMessage());
        }
        if (!course.objects(Role.PLANNING_CT).isEmpty()) {
            Path ct = new CourseFolder(dir).ctImage();
            f.derivedFiles.put(ct.getFileName().toString(), Files.isRegularFile(ct));
        }
        loadCt(f, course, dir);
        loadStructures(f, course, dir);
        loadDose(f, course, dir);
        loadSegmentation(f, dir);
        return f;
    }

    static Path resolve(Path dir, String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path p = Path.of(path);
        return p.isAbsolute() ? p : dir.resolve(p);
    }

    /**
     * The files behind a course object: the file itself, or for an image series (published as one object whose path
     * is its folder) every {@code .dcm} file in that folder.
     */
    static List<Path> files(Path p) {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(p)) {
            return entries.filter(e -> Files.isRegularFile(e) && e.getFileName().toString().endsWith(".dcm"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Slice positions along the normal and the CT grid, from the planning CT's DICOM headers. */
    static void loadCt(CourseFacts f, Course course, Path dir) {
        List<Path> slices = new ArrayList<>();
        for (CourseObject o : course.objects(Role.PLANNING_CT)) {
            Path p = resolve(dir, o.path());
            if (p != null) {
                slices.addAll(files(p));
            }
        }
        if (course.objects(Role.PLANNING_CT).isEmpty()) {
            f.loadProblems.add("ct_slices: course has no planning CT");
            return;
        }
        double[] pos = new double[slices.size()];
        double[] first = null;
        double[] normal = null;
        int rows = 0;
        int cols = 0;
        double[] pixel = null;
        double[] iop = null;
        int n = 0;
        for (Path p : slices) {
            try {
                DicomObject h = DicomReader.readHeader(p).dataset();
                double[] ipp = h.getDoubles(Tag.ImagePositionPatient);
                if (normal == null) {
                    iop = h.getDoubles(Tag.ImageOrientationPatient);
                    if (iop == null || iop.length != 6) {
                        f.loadProblems.add("ct_slices: " + p + ": no ImageOrientationPatient");
                        return;
                    }
                    normal = new double[] {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5],
                        iop[0] * iop[4] - iop[1] * iop[3]};
                    rows = h.getInt(Tag.Rows, 0);
                    cols = h.getInt(Tag.Columns, 0);
                    pixel = h.getDoubles(Tag.PixelSpacing);
                }
                if (ipp == null || ipp.length != 3) {
                    f.loadProblems.add("ct_slices: " + p + ": no ImagePositionPatient");
                    continue;
                }
                double d = ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2];
                if (first == null || d < first[3]) {
                    first = new double[] {ipp[0], ipp[1], ipp[2], d};
                }
                pos[n++] = d;
            } catch (IOException e) {
                f.loadProblems.add("ct_slices: " + e.getMessage());
            }
        }
        if (n == 0) {
            return;
        }
        f.ctSlicePositions = Arrays.copyOf(pos, n);
        if (rows > 0 && cols > 0 && pixel != null && pixel.length == 2) {
            double[] sorted = f.ctSlicePositions.clone();
            Arrays.sort(sorted);
            double dz = sorted.length > 1 ? Math.max(1e-3, (sorted[sorted.length - 1] - sorted[0]) / (n - 1)) : 1;
            try {
                f.ctGrid = new Grid(cols, rows, n, new double[] {first[0], first[1], first[2]},
                        new double[] {pixel[1], pixel[0], dz},
                        new double[] {iop[0], iop[1], iop[2], iop[3], iop[4], iop[5], normal[0], normal[1], normal[2]});
            } catch (IllegalArgumentException e) {
                f.loadProblems.add("structure_border: CT geometry: " + e.getMessage());
            }
        }
    }

    /** Contoured ROIs of every structure set except the segmentation models' (those are judged as label maps). */
    static void loadStructures(CourseFacts f, Course course, Path dir) {
        List<StructureSet> sets;
        try {
            sets = StructureSet.of(course, new CourseFolder(dir));
        } catch (IOException | RuntimeException e) {
            f.loadProblems.add("contours: " + e.getMessage());
            return;
        }
        List<CourseFacts.Structure> out = new ArrayList<>();
        boolean any = false;
        for (StructureSet set : sets) {
            Path p = set.rtStruct();
            if (set.source().kind() == StructureSource.Kind.SEGMENTATION || p == null || !Files.isRegularFile(p)) {
                continue;
            }
            any = true;
            try {
                RtStruct s = RtStructReader.read(p);
                for (Roi roi : s.rois()) {
                    List<double[]> polys = new ArrayList<>();
                    for (Contour c : roi.contours()) {
                        if (c.type() != ContourType.POINT) {
                            polys.add(c.points());
                        }
                    }
                    out.add(new CourseFacts.Structure(RoiNames.of(roi.name()), set.source().id(),
                            roi.interpretedType(), polys));
                }
            } catch (IOException | RuntimeException e) {
                f.loadProblems.add("contours: " + p + ": " + e.getMessage());
            }
        }
        if (any) {
            f.structures = out;
        }
    }

    static void loadDose(CourseFacts f, Course course, Path dir) {
        Path nifti = new CourseFolder(dir).dose();
        try {
            if (Files.isRegularFile(nifti)) {
                Volume v = Nifti.readVolume(nifti, Quantity.DOSE_GY);
                f.doseGrid = v.grid();
                f.doseMaxGy = max(v.voxels());
                f.doseSource = nifti.getFileName().toString();
                return;
            }
            List<CourseObject> doses = new ArrayList<>(course.objects(Role.RTDOSE_SUM));
            if (doses.isEmpty()) {
                doses.addAll(course.objects(Role.RTDOSE));
            }
            if (doses.size() == 1) {
                Path p = resolve(dir, doses.get(0).path());
                if (p != null && Files.isRegularFile(p)) {
                    RtDose d = RtDoseReader.read(p);
                    f.doseGrid = d.volume().grid();
                    f.doseMaxGy = d.maxGy();
                    f.doseSource = dir.relativize(p.toAbsolutePath()).toString();
                }
            } else if (doses.size() > 1) {
                f.loadProblems.add("dose_plausibility: " + doses.size() + " doses and no dose.nii.gz chosen by organize");
                f.loadProblems.add("dose_coverage: " + doses.size() + " doses and no dose.nii.gz chosen by organize");
            }
        } catch (IOException | RuntimeException e) {
            f.loadProblems.add("dose_plausibility: " + e.getMessage());
            f.loadProblems.add("dose_coverage: " + e.getMessage());
        }
    }

    private static double max(float[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            if (x > m) {
                m = x;
            }
        }
        return m;
    }

    /** Every finished segmentation model: label volumes from its label map, else from its manifest. */
    static void loadSegmentation(CourseFacts f, Path dir) {
        CourseFolder folder = new CourseFolder(dir);
        List<CourseFacts.SegLabel> out = new ArrayList<>();
        boolean any = false;
        try {
            for (ModelFolder unfinished : StructureSet.unfinishedModels(folder)) {
                f.loadProblems.add("segmentation: " + unfinished.dir() + " has no manifest (an interrupted run); "
                        + "not used");
            }
            for (StructureSet set : StructureSet.of(null, folder)) {
                if (set.manifest() == null) {
                    continue;
                }
                String source = set.source().id();
                Map<Integer, String> names = set.manifest().labelNames();
                if (set.labels() != null) {
                    any = true;
                    LabelMap lm = Nifti.readLabels(set.labels(), names);
                    Grid g = lm.grid();
                    int max = 0;
                    for (short s : lm.labels()) {
                        max = Math.max(max, s);
                    }
                    long[] counts = new long[max + 1];
                    boolean[] edge = new boolean[max + 1];
                    int plane = g.nx() * g.ny();
                    short[] v = lm.labels();
                    for (int i = 0; i < v.length; i++) {
                        counts[v[i]]++;
                        if (i < plane || i >= v.length - plane) {
                            edge[v[i]] = true;
                        }
                    }
                    for (int l = 1; l <= max; l++) {
                        if (counts[l] > 0) {
                            out.add(new CourseFacts.SegLabel(source, RoiNames.of(names.get(l), l),
                                    counts[l] * g.voxelVolumeMm3() / 1000.0, edge[l]));
                        }
                    }
                } else {
                    any = true;
                    for (SegmentationManifest.Roi roi : set.manifest().rois()) {
                        if (roi.volumeCc() > 0) {
                            out.add(new CourseFacts.SegLabel(source, roi.name(), roi.volumeCc(), false));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            f.loadProblems.add("segmentation: " + e.getMessage());
            f.loadProblems.add("body_region: " + e.getMessage());
            return;
        }
        if (any) {
            f.segmentation = out;
        }
    }
}
