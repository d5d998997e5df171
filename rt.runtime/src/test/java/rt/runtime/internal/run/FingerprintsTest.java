package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.course.Course;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class FingerprintsTest {

    private static Course course(Map<String, String> attributes) {
        return new Course("P1", "2024-03", "P1/2024-03", "prostate", 10, "1.2.3", "1.2.4", 60.0, "single", List.of(),
                attributes);
    }

    @Test
    void sameCourseHashesTheSameWhateverTheAttributeOrder() {
        // A course read back from manifest.json in another JVM must hash like the one organize published, or a
        // rerun with nothing changed would redo every stage.
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("BodyPartExamined", "PELVIS");
        ab.put("RTPlanLabel", "PROSTATE");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("RTPlanLabel", "PROSTATE");
        ba.put("BodyPartExamined", "PELVIS");
        assertEquals(new Fingerprints().addCourse(course(ab)).hex(), new Fingerprints().addCourse(course(ba)).hex());
    }

    @Test
    void aChangedAttributeChangesTheHash() {
        assertNotEquals(new Fingerprints().addCourse(course(Map.of("BodyPartExamined", "PELVIS"))).hex(),
                new Fingerprints().addCourse(course(Map.of("BodyPartExamined", "CHEST"))).hex());
    }
}
