package rt.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
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
 * The course's images from its files: {@code ct.nii.gz}, manual structures from the course's RTSTRUCT(s)
 * (rasterised on the CT grid), automatic ones from {@code segmentation/<model>/labels.nii.gz}. Structures that cannot
 * be read are left out (noted), never fatal.
 */
final class FileImageSource implements CourseImages.Source {

    static final int MAX_MANUAL = 16;
    static final int MAX_AUTO_PER_MODEL = 8;

    private String why = "Slices not rendered: no ct.nii.gz in the course folder.";

    @Override
    public Volume ct(CourseDir course) throws IOException {
        Path ct = course.file("ct.nii.gz");
        return Files.isRegularFile(ct) ? Nifti.readVolume(ct, Quantity.HU) : null;
    }

    @Override
    public String why() {
        return why;
    }

    @Override
    public List<SliceRenderer.Overlay> overlays(CourseDir course, Volume ct) {
        List<SliceRenderer.Overlay> out = new ArrayList<>();
        Grid g = ct.grid();
        if (course.course() != null) {
            for (CourseObject o : course.course().objects(Role.RTSTRUCT)) {
                Path p = Path.of(o.path()).isAbsolute() ? Path.of(o.path()) : course.dir().resolve(o.path());
                try {
                    RtStruct rs = RtStructReader.read(p);
                    for (Roi roi : rs.rois()) {
                        if (out.size() >= MAX_MANUAL || skip(roi.name(), roi.interpretedType())) {
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
                        out.add(new SliceRenderer.Overlay(roi.name(), "Manual", SliceRenderer.color(out.size()),
                                Rasterizer.mask(g, polys)));
                    }
                } catch (IOException | RuntimeException e) {
                    why = "Some manual structures not drawn: " + e.getMessage();
                }
            }
        }
        Path seg = course.file("segmentation");
        if (Files.isDirectory(seg)) {
            try (Stream<Path> models = Files.list(seg)) {
                for (Path m : models.filter(Files::isDirectory).sorted().toList()) {
                    addAuto(out, m, g);
                }
            } catch (IOException | RuntimeException e) {
                why = "Some automatic structures not drawn: " + e.getMessage();
            }
        }
        return out;
    }

    private void addAuto(List<SliceRenderer.Overlay> out, Path modelDir, Grid g) throws IOException {
        Path labels = modelDir.resolve("labels.nii.gz");
        if (!Files.isRegularFile(labels)) {
            return;
        }
        Map<Integer, String> names = new HashMap<>();
        Path manifest = modelDir.resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            for (JsonNode roi : CourseDir.readJson(manifest).path("rois")) {
                names.put(roi.path("label").asInt(-1), roi.path("name").asText());
            }
        }
        LabelMap lm = Nifti.readLabels(labels, names);
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
            String n = names.getOrDefault(l, "label_" + l);
            if (counts[l] > 0 && !skip(n, null)) {
                order.add(l);
            }
        }
        order.sort((a, b) -> Long.compare(counts[b], counts[a]));
        String model = "auto:" + modelDir.getFileName();
        for (int l : order.subList(0, Math.min(MAX_AUTO_PER_MODEL, order.size()))) {
            out.add(new SliceRenderer.Overlay(names.getOrDefault(l, "label_" + l), model,
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
