package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class HeapWatchTest {

    private static final long MB = 1 << 20;

    @Test
    void eachWindowKeepsTheHighestUseSeenWhileItWasOpen() {
        AtomicLong used = new AtomicLong(100 * MB);
        HeapWatch watch = new HeapWatch(used::get);
        HeapWatch.Window first = watch.open();
        used.set(300 * MB);
        watch.sample();
        HeapWatch.Window second = watch.open(); // opens at 300
        used.set(120 * MB);
        watch.sample();
        first.close();
        used.set(900 * MB);
        watch.sample(); // after first closed: only second sees it
        second.close();
        used.set(2000 * MB);
        watch.sample();
        assertEquals(300, first.peakMb());
        assertEquals(900, second.peakMb());
    }

    @Test
    void partOfAMegabyteRoundsUp() {
        HeapWatch watch = new HeapWatch(() -> 5 * MB + 1);
        try (HeapWatch.Window w = watch.open()) {
            assertEquals(6, w.peakMb());
        }
    }
}
