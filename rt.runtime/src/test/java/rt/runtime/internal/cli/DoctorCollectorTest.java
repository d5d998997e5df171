package rt.runtime.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorCollectorTest {

    private static final List<String> G1 = List.of("G1 Young Generation", "G1 Old Generation");

    @Test
    void launcherDefaultIsAFixedThreshold() {
        assertEquals("G1 (G1 Young Generation, G1 Old Generation), concurrent marking from 70 % of the heap (fixed)",
                DoctorCommand.collector(G1, Map.of("G1UseAdaptiveIHOP", "false",
                        "InitiatingHeapOccupancyPercent", "70")::get));
    }

    @Test
    void adaptiveThreshold() {
        assertEquals("G1 (G1 Young Generation, G1 Old Generation), concurrent marking from an adaptive threshold "
                + "(first 30 % of the heap)", DoctorCommand.collector(G1, Map.of("G1UseAdaptiveIHOP", "true",
                        "InitiatingHeapOccupancyPercent", "30")::get));
    }

    @Test
    void otherCollectorsByName() {
        assertEquals("PS MarkSweep, PS Scavenge", DoctorCommand.collector(List.of("PS MarkSweep", "PS Scavenge"),
                option -> {
                    throw new AssertionError("no G1 flag is read for another collector: " + option);
                }));
    }
}
