package rt.runtime.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.course.Course;
import rt.runtime.internal.run.Manifest;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class StatusTableTest {

    @TempDir
    Path out;

    @Test
    void aPatientIdWithANewlineOrNulStaysOnOneRow() throws Exception {
        Manifest.write(out, List.of(
                new Course("EVIL\nFAILED x", "2024", "EVIL_FAILED_x/2024", null, 1, null, null, null, null, null, null),
                new Course("NUL\0ID", "2024", "NUL_ID/2024", null, 1, null, null, null, null, null, null)));
        String table = StatusTable.render(out);
        List<String> lines = table.lines().toList();
        assertEquals(5, lines.size(), table); // title, header, cohort, two courses
        assertTrue(lines.get(3).startsWith("EVIL\\nFAILED x/2024"), table);
        assertTrue(lines.get(4).startsWith("NUL\\0ID/2024"), table);
    }
}
