package rt.report.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Volume;

/** Turns a CT volume and structure overlays into the report's representative slices. */
final class CourseImages {

    /** Where the CT and overlays of a course come from (NIfTI/DICOM readers); {@code null} CT = not available. */
    interface Source {
        /** The course's planning CT, or {@code null} with {@link #why()} saying why. */
        Volume ct(CourseDir course) throws IOException;

        /** Structure masks on the CT grid (manual and auto). */
        List<SliceRenderer.Overlay> overlays(CourseDir course, Volume ct) throws IOException;

        String why();

        /** The course's dose (Gy) on its own grid, or null when there is none. */
        default Volume dose(CourseDir course) throws IOException {
            return null;
        }
    }

    /** Used until the course's image files can be read: the report says why there are no slices. */
    static final Source NONE = new Source() {
        @Override
        public Volume ct(CourseDir course) {
            return null;
        }

        @Override
        public List<SliceRenderer.Overlay> overlays(CourseDir course, Volume ct) {
            return List.of();
        }

        @Override
        public String why() {
            return "Slices not rendered: no image reader available in this installation.";
        }
    };

    private CourseImages() {
    }

    static ReportPage.Images render(Volume ct, List<SliceRenderer.Overlay> overlays, String note) throws IOException {
        return render(ct, null, overlays, note);
    }

    static ReportPage.Images render(Volume ct, Volume dose, List<SliceRenderer.Overlay> overlays, String note)
            throws IOException {
        SliceRenderer r = new SliceRenderer(400, 40, 384);
        List<ReportPage.Slice> slices = new ArrayList<>();
        String[] names = {"axial", "coronal", "sagittal"};
        for (int[] s : SliceRenderer.representativeSlices(ct.grid(), overlays)) {
            SliceRenderer.Plane plane = SliceRenderer.Plane.values()[s[0]];
            byte[] png = SliceRenderer.png(r.render(ct, dose, overlays, plane, s[1]));
            slices.add(new ReportPage.Slice(names[s[0]] + " " + (s[1] + 1) + "/"
                    + SliceRenderer.planeCount(ct.grid(), plane), png));
        }
        List<ReportPage.Legend> legend = new ArrayList<>();
        for (SliceRenderer.Overlay o : overlays) {
            legend.add(new ReportPage.Legend(o.name(), o.source(), o.color()));
        }
        double max = dose == null ? 0 : SliceRenderer.max(dose.voxels());
        if (max > 0) {
            for (double f : SliceRenderer.ISODOSES) {
                legend.add(new ReportPage.Legend(String.format(java.util.Locale.ROOT, "%.0f %% (%.1f Gy)", 100 * f,
                        f * max), "isodose of max " + String.format(java.util.Locale.ROOT, "%.1f Gy", max),
                        new java.awt.Color(SliceRenderer.isodoseColour(f))));
            }
        }
        return new ReportPage.Images(slices, legend, note);
    }

    static ReportPage.Images load(Source source, CourseDir course) {
        try {
            Volume ct = source.ct(course);
            if (ct == null) {
                return ReportPage.Images.none(source.why());
            }
            Volume dose = null;
            String note = null;
            try {
                dose = source.dose(course);
            } catch (IOException | RuntimeException e) {
                note = "Dose not drawn: " + e.getMessage();
            }
            return render(ct, dose, source.overlays(course, ct), note);
        } catch (IOException | RuntimeException e) {
            return ReportPage.Images.none("Slices not rendered: " + e.getMessage());
        }
    }
}
