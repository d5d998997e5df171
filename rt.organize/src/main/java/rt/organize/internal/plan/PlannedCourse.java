package rt.organize.internal.plan;

import java.util.List;
import java.util.Map;
import rt.api.course.Role;

/**
 * One course as the grouping decided it, before anything is written.
 *
 * @param groupKey    what grouped it ({@code study:<uid>}, {@code for:<uid>}, … with a {@code #n} suffix after a
 *                    {@code max_days} split); stable across runs for the same input
 * @param startDate   earliest plan date {@code YYYYMMDD} (or the fallback named in the decisions), or {@code null}
 * @param planningCt  the planning CT volume, or {@code null} (see the {@code planning_ct} decision)
 * @param images      image volumes of the course (planning CT included)
 * @param dose        the dose decision
 * @param decisions   every choice made for the course, with its reason
 * @param attributes  facts for site rules (body part, plan labels, structure names)
 */
public record PlannedCourse(String patientId, String groupKey, String startDate, List<Member> members,
        ImageSeries planningCt, List<ImageSeries> images, DoseDecision dose, List<Decision> decisions,
        Map<String, String> attributes, String site) {

    /** A non-image object and why it belongs to the course. */
    public record Member(DicomSummary object, Role role, String reason) {
    }

    /** A choice with its reason, e.g. {@code ("planning_ct", "1.2.3", "referenced by RTSTRUCT 4.5.6")}. */
    public record Decision(String topic, String choice, String reason) {
    }

    public List<Member> members(Role role) {
        return members.stream().filter(m -> m.role() == role).toList();
    }

    /** Number of DICOM files (objects) the course owns. */
    public int fileCount() {
        return members.size() + images.stream().mapToInt(ImageSeries::size).sum();
    }
}
