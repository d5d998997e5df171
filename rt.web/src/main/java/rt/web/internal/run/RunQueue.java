package rt.web.internal.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import rt.api.CommandExit;
import rt.api.ProgressEvent;
import rt.api.ProgressListener;

/**
 * Runs started from the web, one after the other, through the very {@code rt:run} command of the CLI and the shell
 * (the runtime's Gogo command, reached through the {@link CommandProcessor} service): the same configuration rules,
 * stage registry and resource broker. Further runs wait in the queue. As a {@link ProgressListener} it receives the
 * runtime's events and gives them to the run in progress.
 */
@Component(service = {RunQueue.class, ProgressListener.class}, immediate = true)
public final class RunQueue implements ProgressListener {

    private final CommandProcessor processor;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rt-web-run");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, WebRun> runs = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile WebRun current;
    private volatile CommandSession currentSession;
    private volatile Thread currentThread;

    @Activate
    public RunQueue(@Reference CommandProcessor processor) {
        this.processor = processor;
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            runs.values().forEach(WebRun::requestCancel);
        }
        interruptCurrent();
        worker.shutdownNow();
    }

    /** Queues a run of {@code rt:run --dicom-root input --outdir output <flags>}. */
    public WebRun submit(String source, Path input, java.util.function.Function<String, Path> outputFor,
            List<String> flags, List<String> plannedStages) {
        byte[] b = new byte[6];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        Path output = outputFor.apply(id);
        List<String> all = new ArrayList<>(flags);
        all.add(input.toString());
        all.add(output.toString());
        for (String f : all) {
            if (f.indexOf('\'') >= 0 || f.chars().anyMatch(c -> c < 0x20)) {
                throw new IllegalArgumentException("option '" + f.replaceAll("[\\p{Cntrl}]", "?")
                        + "': quotes and control characters are not allowed");
            }
        }
        WebRun run = new WebRun(id, source, input, output, flags, plannedStages);
        synchronized (this) {
            runs.put(run.id(), run);
        }
        worker.submit(() -> execute(run));
        return run;
    }

    public synchronized List<WebRun> runs() {
        return new ArrayList<>(runs.values());
    }

    public synchronized WebRun run(String id) {
        WebRun r = runs.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no run '" + (id == null ? "" : id.replaceAll("[^A-Za-z0-9]", "?"))
                    + "'");
        }
        return r;
    }

    /** How many runs wait before this one (0 when it runs or ended). */
    public synchronized int position(WebRun run) {
        int ahead = 0;
        for (WebRun r : runs.values()) {
            if (r == run) {
                return run.state() == WebRun.State.QUEUED ? ahead : 0;
            }
            if (r.state() == WebRun.State.QUEUED || r.state() == WebRun.State.RUNNING) {
                ahead++;
            }
        }
        return 0;
    }

    public void cancel(WebRun run) {
        if (!run.requestCancel() && run == current) {
            run.line("cancel requested");
            interruptCurrent();
        }
    }

    private void interruptCurrent() {
        CommandSession session = currentSession;
        if (session != null) {
            for (Job job : session.jobs()) {
                job.interrupt();
            }
        }
        Thread t = currentThread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void onEvent(ProgressEvent event) {
        WebRun run = current;
        if (run != null) {
            run.event(event);
        }
    }

    private void execute(WebRun run) {
        if (run.state() != WebRun.State.QUEUED) {
            return; // cancelled while waiting
        }
        LineSink sink = new LineSink(run);
        PrintStream console = new PrintStream(sink, true, StandardCharsets.UTF_8);
        CommandSession session = null;
        current = run;
        currentThread = Thread.currentThread();
        run.started();
        try {
            Files.createDirectories(run.output());
            session = processor.createSession(new ByteArrayInputStream(new byte[0]), console, console);
            currentSession = session;
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
            session.execute(commandLine(run));
            Object code = session.get(CommandExit.SESSION_VARIABLE);
            int exit = code instanceof Number n ? n.intValue() : CommandExit.OK;
            if (run.cancelRequested()) {
                run.finished(WebRun.State.CANCELLED, exit, "cancelled");
            } else if (exit == CommandExit.OK) {
                run.finished(WebRun.State.DONE, exit, "all courses ok or skipped");
            } else {
                run.finished(WebRun.State.FAILED, exit, exit == CommandExit.USAGE ? "usage or configuration error"
                        : "some course or stage failed");
            }
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            run.line("rt:run: " + why);
            run.finished(run.cancelRequested() ? WebRun.State.CANCELLED : WebRun.State.FAILED, CommandExit.SOME_FAILED,
                    run.cancelRequested() ? "cancelled" : why);
        } finally {
            current = null;
            currentSession = null;
            currentThread = null;
            Thread.interrupted(); // a late cancel must not hit the next run
            if (session != null) {
                session.close();
            }
            console.flush();
            sink.finish();
        }
    }

    /** The Gogo command line; every argument single-quoted (Gogo takes such text literally). */
    static String commandLine(WebRun run) {
        List<String> args = new ArrayList<>(List.of("--dicom-root", run.input().toString(), "--outdir",
                run.output().toString()));
        args.addAll(run.flags());
        StringBuilder b = new StringBuilder("rt:run");
        for (String a : args) {
            b.append(" '").append(a).append('\'');
        }
        return b.toString();
    }

    /** Splits the console into lines for the run. */
    private static final class LineSink extends OutputStream {
        private final WebRun run;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(WebRun run) {
            this.run = run;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                run.line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        /** Not on flush: PrintStream flushes after every printf fragment, which is not the end of a line. */
        synchronized void finish() {
            if (line.size() > 0) {
                run.line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
