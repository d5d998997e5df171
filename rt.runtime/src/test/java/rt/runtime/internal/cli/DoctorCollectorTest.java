package rt.runtime.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorCollectorTest {

    private static final List<String> G1 = List.of("G1 Young Generation", "G1 Old Generation");

    @Test
    void launcherDefaultIsAFixedThreshold() {
        assertEquals("G1 (G1 Young Generation, G1 Old Generation), concurrent marking from 70 % of the heap (fixed)",
                DoctorCommand.collector(G1, List.of("-Xmx1536m", "-XX:-G1UseAdaptiveIHOP",
                        "-XX:InitiatingHeapOccupancyPercent=70")));
    }

    @Test
    void theLastOptionWins() {
        assertEquals("G1 (G1 Young Generation, G1 Old Generation), concurrent marking from an adaptive threshold "
                + "(first 30 % of the heap)", DoctorCommand.collector(G1, List.of("-XX:-G1UseAdaptiveIHOP",
                        "-XX:InitiatingHeapOccupancyPercent=70", "-XX:+G1UseAdaptiveIHOP",
                        "-XX:InitiatingHeapOccupancyPercent=30")));
    }

    @Test
    void otherCollectorsByName() {
        assertEquals("PS MarkSweep, PS Scavenge", DoctorCommand.collector(List.of("PS MarkSweep", "PS Scavenge"),
                List.of("-XX:+UseParallelGC")));
    }
}
