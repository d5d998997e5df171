package rt.runtime.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class LogTextTest {

    @Test
    void controlCharactersFromIdsCannotSplitALine() {
        assertEquals("A\\nB\\r\\0C\\t\\x1B[31m", LogText.oneLine("A\nB\r\0C\t\u001B[31m"));
        String plain = "DEMO001/2024-03 Müller";
        assertSame(plain, LogText.oneLine(plain));
        assertEquals("x\\x2028y", LogText.oneLine("x\u2028y"));
    }
}
