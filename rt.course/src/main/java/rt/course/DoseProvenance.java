package rt.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What organize recorded in {@code course.json} about the course dose: the RTDOSE objects it was built from (SOP
 * Instance UIDs, summed when more than one) and where the prescription of the selected plans came from.
 *
 * @param selectedDoseUids the RTDOSE objects the course dose is made of (empty when unknown)
 * @param rxSources        distinct prescription sources of the selected plans, e.g. the RTPLAN attribute read
 */
public record DoseProvenance(List<String> selectedDoseUids, List<String> rxSources) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final DoseProvenance UNKNOWN = new DoseProvenance(List.of(), List.of());

    public DoseProvenance {
        selectedDoseUids = List.copyOf(selectedDoseUids);
        rxSources = List.copyOf(rxSources);
    }

    /** Reads it from the course's {@code course.json}; {@link #UNKNOWN} when there is none. */
    public static DoseProvenance read(CourseFolder folder) throws IOException {
        if (!Files.isRegularFile(folder.courseJson())) {
            return UNKNOWN;
        }
        JsonNode root;
        try {
            root = JSON.readTree(folder.courseJson().toFile());
        } catch (IOException e) {
            throw new IOException(folder.courseJson() + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        List<String> doses = new ArrayList<>();
        root.path("dose").path("selected").forEach(n -> doses.add(n.asText()));
        Set<String> plans = new LinkedHashSet<>();
        root.path("dose").path("plans").forEach(n -> plans.add(n.asText()));
        Set<String> sources = new LinkedHashSet<>();
        for (JsonNode p : root.path("prescription")) {
            boolean selected = p.path("selected").asBoolean(plans.contains(p.path("plan").asText()));
            if (selected && p.hasNonNull("source") && p.hasNonNull("rx_gy")) {
                sources.add(p.get("source").asText());
            }
        }
        return new DoseProvenance(doses, new ArrayList<>(sources));
    }
}
