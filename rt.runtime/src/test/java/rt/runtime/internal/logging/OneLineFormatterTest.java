package rt.runtime.internal.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class OneLineFormatterTest {

    @Test
    void aLibraryWarningWithAnExceptionIsOneLineWithoutItsTrace() {
        LogRecord r = new LogRecord(Level.WARNING, "Failed to dispose sheet");
        r.setLoggerName("org.apache.poi.xssf.streaming.SXSSFWorkbook");
        r.setThrown(new IOException("Stream closed", new IOException("No space left on device")));
        String line = new OneLineFormatter().format(r);
        assertEquals("WARN [poi SXSSFWorkbook] Failed to dispose sheet (IOException: Stream closed)"
                + System.lineSeparator(), line);
    }

    @Test
    void parametersAreFilledInAndNewlinesCannotSplitTheLine() {
        LogRecord r = new LogRecord(Level.SEVERE, "cannot load {0}\nsecond line");
        r.setParameters(new Object[] {"model.onnx"});
        r.setLoggerName("ai.onnxruntime.OrtEnvironment");
        String line = new OneLineFormatter().format(r);
        assertEquals(1, line.split(System.lineSeparator()).length, line);
        assertEquals(true, line.startsWith("ERROR [onnxruntime OrtEnvironment] cannot load model.onnx"), line);
    }
}
