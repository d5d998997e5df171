package rt.organize.internal.plan;

import java.util.List;
import java.util.Map;

/**
 * How the dose of one course was chosen.
 *
 * @param classification one of the {@code DoseClassifier} constants
 * @param selectedDoses  keys of the doses that make the course dose (summed when {@code sum})
 * @param excludedDoses  key → why it is not part of the course dose
 * @param selectedPlans  keys of the plans the course dose belongs to
 * @param prescriptionGy total prescription of the selected plans, or {@code null} when unknown
 * @param usable         whether a course dose is written (false for ambiguous and separate cases: fail closed)
 */
public record DoseDecision(String classification, String reason, List<String> selectedDoses,
        Map<String, String> excludedDoses, boolean sum, List<String> selectedPlans, Double prescriptionGy,
        boolean usable, List<String> warnings) {

    public DoseDecision {
        selectedDoses = List.copyOf(selectedDoses);
        excludedDoses = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(excludedDoses)); // stable order in course.json
        selectedPlans = List.copyOf(selectedPlans);
        warnings = List.copyOf(warnings);
    }
}
