package rt.organize.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

/** Argument parsing of rt:demo. */
@ExtendWith(SurefireStyleSummary.class)
class DemoCommandArgsTest {

    private static final Path CWD = Path.of("/work/x");

    @Test
    void defaultsAreThreePatientsWithoutDefectsInRtDemo() {
        DemoCommand.Args a = DemoCommand.Args.parse(new String[0], CWD);
        assertEquals(CWD.resolve("rt-demo"), a.out());
        assertEquals(3, a.patients());
        assertFalse(a.defects());
    }

    @Test
    void defectsAndPatientsInAnyOrder() {
        DemoCommand.Args a = DemoCommand.Args.parse(new String[] {"--defects", "out", "--patients", "6"}, CWD);
        assertEquals(CWD.resolve("out"), a.out());
        assertEquals(6, a.patients());
        assertTrue(a.defects());
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.Args.parse(new String[] {"--defect"}, CWD));
        assertThrows(IllegalArgumentException.class,
                () -> DemoCommand.Args.parse(new String[] {"--patients", "0"}, CWD));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.Args.parse(new String[] {"a", "b"}, CWD));
    }
}
