package rt.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.RoiNames;
import rt.course.StructureSet;
import rt.dicom.rt.Contour;
import rt.dicom.rt.ContourType;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.imaging.Masks;
import rt.imaging.Rasterizer;
import rt.imaging.Resample;
import rt.nifti.Nifti;

/**
 * The course's images from its files: the planning CT, and the ROIs of every structure set of the course contract
 * ({@link StructureSet}): manual and custom ones from their RTSTRUCTs (rasterised on the CT grid), a segmentation
 * model's from its label map, each labelled with its source as in every table. Structures that cannot be read are
 * left out (noted), never fatal.
 */
final class FileImageSource implements CourseImages.Source {

    static final int MAX_MANUAL = 16;
    static final int MAX_AUTO_PER_MODEL = 8;

    private String why = "Slices not rendered: no ct.nii.gz in the course folder.";

    @Override
    public Volume ct(CourseDir course) throws IOException {
        Path ct = course.layout().ctImage();
        return Files.isRegularFile(ct) ? Nifti.readVolume(ct, Quantity.HU) : null;
    }

    @Override
    public Volume dose(CourseDir course) throws IOException {
        Path dose = course.layout().dose();
        return Files.isRegularFile(dose) ? Nifti.readVolume(dose, Quantity.DOSE_GY) : null;
    }

    @Override
    public String why() {
        return why;
    }

    @Override
    public List<SliceRenderer.Overlay> overlays(CourseDir course, Volume ct) {
        List<SliceRenderer.Overlay> out = new ArrayList<>();
        Grid g = ct.grid();
        List<StructureSet> sets;
        try {
            sets = StructureSet.of(course.course(), course.layout());
        } catch (IOException | RuntimeException e) {
            why = "Structures not drawn: " + e.getMessage();
            return out;
        }
        int contoured = 0;
        for (StructureSet set : sets) {
            try {
                if (set.labels() != null && set.manifest() != null) {
                    addLabels(out, set, g);
                } else if (set.rtStruct() != null && Files.isRegularFile(set.rtStruct())) {
                    contoured += addContours(out, set, g, MAX_MANUAL - contoured);
                }
            } catch (IOException | RuntimeException e) {
                why = "Some structures of " + set.source() + " not drawn: " + e.getMessage();
            }
        }
        return out;
    }

    /** Contoured ROIs (manual, custom), at most {@code room} of them; returns how many were added. */
    private static int addContours(List<SliceRenderer.Overlay> out, StructureSet set, Grid g, int room)
            throws IOException {
        int added = 0;
        RtStruct rs = RtStructReader.read(set.rtStruct());
        for (Roi roi : rs.rois()) {
            if (added >= room || skip(roi.name(), roi.interpretedType())) {
                continue;
            }
            List<double[]> polys = new ArrayList<>();
            for (Contour c : roi.contours()) {
                if (c.type() != ContourType.POINT && c.pointCount() >= 3) {
                    polys.add(c.points());
                }
            }
            if (polys.isEmpty()) {
                continue;
            }
            // kept on its crop of the CT grid: a full-grid copy per structure would cost a CT's size
            out.add(new SliceRenderer.Overlay(RoiNames.of(roi.name()), set.source().id(),
                    SliceRenderer.color(out.size()), Rasterizer.mask(g, polys)));
            added++;
        }
        return added;
    }

    private static void addLabels(List<SliceRenderer.Overlay> out, StructureSet set, Grid g) throws IOException {
        Map<Integer, String> names = set.manifest().labelNames();
        LabelMap lm = Nifti.readLabels(set.labels(), names);
        // on the CT grid itself (exactly), so that the cropped label masks below lie on its lattice
        lm = lm.grid().sameAs(g, 1e-3) ? new LabelMap(g, lm.labels(), lm.names()) : Resample.labels(lm, g);
        int max = 0;
        for (short s : lm.labels()) {
            max = Math.max(max, s);
        }
        long[] counts = new long[max + 1];
        for (short s : lm.labels()) {
            counts[s]++;
        }
        // the largest labels (organs rather than vertebrae fragments), a few per model
        List<Integer> order = new ArrayList<>();
        for (int l = 1; l <= max; l++) {
            String n = RoiNames.of(names.get(l), l);
            if (counts[l] > 0 && !skip(n, null)) {
                order.add(l);
            }
        }
        order.sort((a, b) -> Long.compare(counts[b], counts[a]));
        for (int l : order.subList(0, Math.min(MAX_AUTO_PER_MODEL, order.size()))) {
            out.add(new SliceRenderer.Overlay(RoiNames.of(names.get(l), l), set.source().id(),
                    SliceRenderer.color(out.size()), Masks.fromLabel(lm, l)));
        }
    }

    /** Couch, support, body outline and markers are not drawn. */
    static boolean skip(String name, String type) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        return t.equals("SUPPORT") || t.equals("MARKER") || t.equals("EXTERNAL") || t.equals("POINT")
                || n.startsWith("couch") || n.contains("table") || n.equals("body") || n.equals("external")
                || n.equals("skin");
    }
}
