package rt.dicom.rt;

import java.util.List;

/**
 * One ROI of a structure set.
 *
 * @param number              ROI Number
 * @param name                ROI Name
 * @param interpretedType     RT ROI Interpreted Type (EXTERNAL, PTV, CTV, GTV, ORGAN, AVOIDANCE, …), or null
 * @param color               ROI Display Color {r,g,b} 0..255, or null
 * @param frameOfReferenceUid Referenced Frame of Reference UID of the ROI
 * @param generationAlgorithm ROI Generation Algorithm (AUTOMATIC, SEMIAUTOMATIC, MANUAL), or null
 * @param contours            contours, possibly empty
 */
public record Roi(int number, String name, String interpretedType, int[] color, String frameOfReferenceUid,
        String generationAlgorithm, List<Contour> contours) {

    public Roi {
        contours = contours == null ? List.of() : List.copyOf(contours);
    }

    /** Total number of contour points. */
    public long pointCount() {
        long n = 0;
        for (Contour c : contours) {
            n += c.pointCount();
        }
        return n;
    }
}
