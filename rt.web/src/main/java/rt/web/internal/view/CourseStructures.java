package rt.web.internal.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.course.CohortFolder;
import rt.course.CohortManifest;
import rt.course.CourseFolder;
import rt.course.RoiNames;
import rt.course.StructureSet;
import rt.dicom.rt.Contour;
import rt.dicom.rt.ContourType;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.imaging.Rasterizer;
import rt.imaging.Resample;
import rt.nifti.ImageFiles;

/**
 * The ROIs of a course on its planning CT, from the course contract ({@link StructureSet}): manual and custom
 * RTSTRUCTs rasterised on the CT grid with rt.imaging's rasteriser, each finished segmentation model's label map
 * (resampled to the CT grid when it lies elsewhere). A set that cannot be read is left out and named in
 * {@link Loaded#problems()}, never fatal.
 */
public final class CourseStructures {

    /** One ROI as the viewer offers it: its index in the list is its id in the slice URL. */
    public record Structure(String name, String source, int rgb, Mask mask) {
    }

    public record Loaded(List<Structure> structures, List<String> problems) {
    }

    private static final int[] PALETTE = {0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0,
        0xF032E6, 0xBCF60C, 0xFABEBE, 0x008080, 0xE6BEFF, 0x9A6324, 0xFFFAC8, 0x800000, 0xAAFFC3, 0x808000};

    private CourseStructures() {
    }

    /**
     * The structures of the course in folder {@code relative} of OUT on the CT grid {@code ct}; the course record comes
     * from the cohort manifest (manual RTSTRUCTs are listed there), segmentation and custom sets from the folder.
     */
    public static Loaded load(Path out, String relative, Grid ct) throws IOException {
        CourseFolder folder = CourseFolder.of(out, relative);
        Course course = null;
        for (Course c : CohortManifest.read(CohortFolder.of(out))) {
            if (c.folder().equals(relative)) {
                course = c;
            }
        }
        List<Structure> structures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (StructureSet set : StructureSet.of(course, folder)) {
            try {
                if (set.labels() != null && set.manifest() != null) {
                    addLabels(structures, set, ct);
                } else if (set.rtStruct() != null && Files.isRegularFile(set.rtStruct())) {
                    addContours(structures, set, ct);
                }
            } catch (IOException | RuntimeException e) {
                problems.add(set.source().id() + ": " + e.getMessage());
            }
        }
        return new Loaded(structures, problems);
    }

    private static void addContours(List<Structure> out, StructureSet set, Grid g) throws IOException {
        RtStruct rs = RtStructReader.read(set.rtStruct());
        for (Roi roi : rs.rois()) {
            List<double[]> polys = new ArrayList<>();
            for (Contour c : roi.contours()) {
                if (c.type() != ContourType.POINT && c.pointCount() >= 3) {
                    polys.add(c.points());
                }
            }
            if (!polys.isEmpty()) {
                // kept on its crop of the CT grid: a full-grid copy per ROI would cost a CT's size each
                out.add(new Structure(RoiNames.of(roi.name()), set.source().id(), colour(out.size()),
                        Rasterizer.mask(g, polys)));
            }
        }
    }

    private static void addLabels(List<Structure> out, StructureSet set, Grid g) throws IOException {
        Map<Integer, String> names = set.manifest().labelNames();
        LabelMap lm = ImageFiles.readLabels(set.labels(), names);
        lm = lm.grid().sameAs(g, 1e-3) ? new LabelMap(g, lm.labels(), lm.names()) : Resample.labels(lm, g);
        // every label's bounding box in one pass, then each mask from its box only: a model with a hundred labels
        // would otherwise cost a hundred passes over the whole CT
        Grid lg = lm.grid();
        short[] v = lm.labels();
        int max = 0;
        for (short s : v) {
            max = Math.max(max, s);
        }
        int[][] box = new int[max + 1][];
        for (int k = 0, n = 0; k < lg.nz(); k++) {
            for (int j = 0; j < lg.ny(); j++) {
                for (int i = 0; i < lg.nx(); i++, n++) {
                    int l = v[n];
                    if (l <= 0) {
                        continue;
                    }
                    int[] b = box[l];
                    if (b == null) {
                        box[l] = new int[] {i, j, k, i, j, k};
                    } else {
                        b[0] = Math.min(b[0], i);
                        b[1] = Math.min(b[1], j);
                        b[3] = Math.max(b[3], i);
                        b[4] = Math.max(b[4], j);
                        b[5] = k;
                    }
                }
            }
        }
        for (int l = 1; l <= max; l++) {
            int[] b = box[l];
            if (b == null) {
                continue;
            }
            Grid crop = rt.imaging.Grids.crop(lg, b[0], b[1], b[2], b[3], b[4], b[5]);
            boolean[] in = new boolean[Math.toIntExact(crop.voxelCount())];
            int m = 0;
            for (int k = b[2]; k <= b[5]; k++) {
                for (int j = b[1]; j <= b[4]; j++) {
                    int base = lg.index(0, j, k);
                    for (int i = b[0]; i <= b[3]; i++) {
                        in[m++] = v[base + i] == l;
                    }
                }
            }
            out.add(new Structure(RoiNames.of(names.get(l), l), set.source().id(), colour(out.size()),
                    new Mask(crop, in)));
        }
    }

    /**
     * The CT voxel (i, j, k) at the centroid of the targets (names with PTV, CTV or GTV), else of all structures;
     * null when there are none: the viewer opens there rather than at the middle of the scan.
     */
    public static int[] centre(List<Structure> structures, Grid ct) {
        List<Structure> targets = structures.stream()
                .filter(s -> s.name().toUpperCase(java.util.Locale.ROOT).matches(".*(PTV|CTV|GTV).*")).toList();
        long si = 0;
        long sj = 0;
        long sk = 0;
        long n = 0;
        for (Structure s : targets.isEmpty() ? structures : targets) {
            Grid mg = s.mask().grid();
            int[] off = rt.imaging.Grids.offset(ct, mg);
            if (off == null) {
                continue;
            }
            boolean[] in = s.mask().inside();
            for (int k = 0; k < mg.nz(); k++) {
                for (int j = 0; j < mg.ny(); j++) {
                    for (int i = 0, p = mg.index(0, j, k); i < mg.nx(); i++, p++) {
                        if (in[p]) {
                            si += i + off[0];
                            sj += j + off[1];
                            sk += k + off[2];
                            n++;
                        }
                    }
                }
            }
        }
        return n == 0 ? null : new int[] {(int) (si / n), (int) (sj / n), (int) (sk / n)};
    }

    static int colour(int n) {
        return PALETTE[Math.floorMod(n, PALETTE.length)];
    }
}
