package rt.qc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.api.course.Role;
import rt.api.image.Grid;

/**
 * Everything the QC checks look at for one course, as plain data. A {@code null} field means "not available" (the
 * stage that would provide it is not installed or did not run); checks then answer {@link Status#NOT_RUN}.
 * Filled by {@link FactsLoader} from the course folder, or directly by tests.
 */
final class CourseFacts {

    /** A DICOM object of the course. {@code exists} is {@code null} when the path could not be checked. */
    record ObjectFact(Role role, String modality, String uid, String frameOfReferenceUid, String path,
            Boolean exists) {
    }

    /**
     * One structure. {@code contours}: closed polygons, each {@code x,y,z} triples in LPS mm (RTSTRUCT ContourData);
     * {@code type} is the RTROIInterpretedType when known (PTV, CTV, ORGAN, EXTERNAL, POINT, …).
     */
    record Structure(String name, String source, String type, List<double[]> contours) {

        boolean isTarget() {
            String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
            if (t.equals("PTV") || t.equals("CTV") || t.equals("GTV")) {
                return true;
            }
            String n = name.toUpperCase(Locale.ROOT);
            return n.matches("^(Z_?|_)?(PTV|CTV|GTV|ITV).*") && !n.contains("-PTV") && !n.contains("RING");
        }

        boolean isPoint() {
            String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
            return t.equals("POINT") || t.equals("MARKER") || t.equals("ISOCENTER") || t.equals("REGISTRATION");
        }

        /** Couch and immobilisation structures, ignored by geometry checks (upstream does the same). */
        boolean isSupport() {
            String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
            String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            return t.equals("SUPPORT") || t.equals("FIXATION") || n.startsWith("couch") || n.contains("table")
                    || n.startsWith("support") || n.contains("mask") && n.contains("thermo");
        }
    }

    /**
     * One label of an automatic segmentation with its volume; {@code source} is its structure source
     * ({@code segmentation:<model>}); {@code touchesScanEdge}: reaches the first/last slice.
     */
    record SegLabel(String source, String name, double volumeCc, boolean touchesScanEdge) {
    }

    String patientId = "";
    String courseId = "";
    String site;
    Double prescriptionGy;
    String courseFrameOfReferenceUid;
    List<ObjectFact> objects;
    /**
     * RTSTRUCTs (course-relative paths) that organize recorded as drawn on a further course image (e.g. an MR), with
     * that image and how it relates to the planning CT: they are in that image's frame by design.
     */
    Map<String, String> setsOnOtherImages = new LinkedHashMap<>();
    /** Derived files of the layout (e.g. {@code ct.nii.gz}) that the course should have, with their presence. */
    Map<String, Boolean> derivedFiles = new LinkedHashMap<>();

    /** Planning CT slice positions along the slice normal (mm), in file order; {@code null} when unknown. */
    double[] ctSlicePositions;
    /** The planning CT grid. */
    Grid ctGrid;

    Grid doseGrid;
    Double doseMaxGy;
    /** Where the dose came from, for messages. */
    String doseSource;

    List<Structure> structures;
    List<SegLabel> segmentation;

    /** Things the loader could not read: shown as reasons of NOT_RUN checks. */
    final List<String> loadProblems = new ArrayList<>();

    List<ObjectFact> objects(Role role) {
        List<ObjectFact> out = new ArrayList<>();
        if (objects != null) {
            for (ObjectFact o : objects) {
                if (o.role() == role) {
                    out.add(o);
                }
            }
        }
        return out;
    }
}
