package rt.runtime.internal.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import rt.api.LogLevel;
import rt.api.ProgressEvent.Kind;
import rt.api.ProgressEvent;
import rt.api.ProgressListener;
import rt.runtime.internal.cli.LogText;

/** Console lines, {@code OUT/cohort/run.log} and {@link ProgressListener} events of one run. Thread-safe. */
public final class RunProgress implements AutoCloseable {

    private final PrintStream console;
    private final Path logFile;
    private final OutputStream log;
    /** The first failed write is reported on the console once; later lines are still tried (space may come back). */
    private boolean logFailureReported;
    private final Supplier<List<ProgressListener>> listeners;
    private final long runStart = System.nanoTime();
    private final Map<String, long[]> stageCounts = new HashMap<>(); // {done, total, firstStartNanos, lastPrint}

    public RunProgress(PrintStream console, Path runLog, Supplier<List<ProgressListener>> listeners) throws IOException {
        this.console = console;
        this.listeners = listeners;
        this.logFile = runLog;
        if (runLog != null) {
            Files.createDirectories(runLog.getParent());
            // unbuffered, one write per whole line: a full disk loses lines, never the start of the log or a buffer
            this.log = Files.newOutputStream(runLog, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            this.log = null;
        }
    }

    public synchronized void log(LogLevel level, String stage, String course, String message) {
        String prefix = (stage == null ? "" : "[" + stage + (course == null ? "" : " " + course) + "] ");
        // ids and messages come from input files: a newline or NUL in them must not break run.log or the console
        String line = LogText.oneLine((level == LogLevel.INFO ? "" : level + " ") + prefix + message);
        if (level != LogLevel.DEBUG) {
            console.println(line);
        }
        writeLog(line);
    }

    private void writeLog(String line) {
        if (log != null) {
            try {
                log.write((LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (!logFailureReported) {
                    logFailureReported = true;
                    console.println("WARN cannot write " + logFile + ": " + e.getMessage()
                            + " (the log goes on on the console only until it can be written again)");
                }
            }
        }
    }

    synchronized void expect(String stage, long total) {
        stageCounts.computeIfAbsent(stage, s -> new long[] {0, 0, 0, 0})[1] += total;
    }

    synchronized void started(String stage, String course) {
        long[] c = stageCounts.computeIfAbsent(stage, s -> new long[] {0, 0, 0, 0});
        if (c[2] == 0) {
            c[2] = System.nanoTime();
        }
        event(Kind.STAGE_STARTED, stage, course, c[0], c[1], -1, null);
    }

    /** One course finished a stage: {@code n/N courses, elapsed, ETA} (console at most once a second per stage). */
    synchronized void finished(String stage, String course, String outcome) {
        long[] c = stageCounts.computeIfAbsent(stage, s -> new long[] {0, 1, System.nanoTime(), 0});
        c[0]++;
        long now = System.nanoTime();
        long elapsed = (now - (c[2] == 0 ? now : c[2])) / 1_000_000;
        long eta = c[0] >= c[1] ? 0 : elapsed * (c[1] - c[0]) / c[0];
        String line = String.format("%s %d/%d courses, elapsed %s, ETA %s", stage, c[0], c[1], hms(elapsed), hms(eta));
        writeLog(line + " (" + (course == null ? "cohort" : course) + ": " + outcome + ")");
        if (c[0] >= c[1] || now - c[3] >= 1_000_000_000L) {
            console.println(line);
            c[3] = now;
        }
        event(Kind.STAGE_FINISHED, stage, course, c[0], c[1], eta, outcome);
    }

    synchronized void event(Kind kind, String stage, String course, long done, long total, long eta, String msg) {
        ProgressEvent e = new ProgressEvent(Instant.now(), kind, stage, course, done, total,
                (System.nanoTime() - runStart) / 1_000_000, eta, msg);
        for (ProgressListener l : listeners.get()) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                writeLog("WARN progress listener failed: " + ex);
            }
        }
    }

    public static String hms(long millis) {
        long s = millis / 1000;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%02d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() throws IOException {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                if (!logFailureReported) {
                    console.println("WARN cannot write " + logFile + ": " + e.getMessage());
                }
            }
        }
    }
}
