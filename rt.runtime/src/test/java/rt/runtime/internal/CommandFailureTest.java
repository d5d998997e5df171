package rt.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failed command's one line names what went wrong, never the reflection wrapper Gogo puts around it. */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class CommandFailureTest {

    @Test
    void theCommandsOwnFailureIsReportedNotGogosWrapper() {
        IllegalStateException inner = new IllegalStateException("ct.nii.gz: not a NIfTI file");
        Throwable found = HeadlessRunner.commandFailure(new InvocationTargetException(new InvocationTargetException(
                inner)));
        assertSame(inner, found);
        assertEquals("ct.nii.gz: not a NIfTI file", HeadlessRunner.describe(found));
    }

    @Test
    void runningOutOfHeapSaysSoAndHowToGiveMore() {
        String line = HeadlessRunner.describe(HeadlessRunner.commandFailure(new InvocationTargetException(
                new OutOfMemoryError("Java heap space"))));
        assertTrue(line.startsWith("out of memory (Java heap space, maximum heap "), line);
        assertTrue(line.endsWith("MB): give it more with RT_HEAP_MB=<MB>"), line);
    }
}
