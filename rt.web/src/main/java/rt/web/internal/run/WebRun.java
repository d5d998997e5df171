package rt.web.internal.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rt.api.ProgressEvent;

/**
 * One run started from the web: its request, state, the course × stage grid and per-stage counts built from the
 * runtime's progress events, and the console lines of {@code rt:run}. Thread-safe; watchers wait for a change with
 * {@link #awaitChange}.
 */
public final class WebRun {

    public enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        public boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /** Console lines kept in memory; the whole log is in {@code OUT/cohort/run.log}. */
    static final int MAX_LINES = 5000;

    private final String id;
    private final String source;
    private final Path input;
    private final Path output;
    private final List<String> flags;
    private final List<String> plannedStages;
    private final Instant created = Instant.now();
    private final long createdNanos = System.nanoTime();

    private State state = State.QUEUED;
    private int exitCode = -1;
    private String message = "";
    private boolean cancelRequested;
    private long startedNanos;
    private long firstEventNanos;
    private long finishedNanos;
    private long version;
    private final List<String> lines = new ArrayList<>();
    private long linesDropped;
    /** stage → {done, total, eta ms}. */
    private final Map<String, long[]> stages = new LinkedHashMap<>();
    /** course → stage → "running" | outcome text. */
    private final Map<String, Map<String, String>> grid = new TreeMap<>();

    public WebRun(String id, String source, Path input, Path output, List<String> flags, List<String> plannedStages) {
        this.id = id;
        this.source = source;
        this.input = input;
        this.output = output;
        this.flags = List.copyOf(flags);
        this.plannedStages = List.copyOf(plannedStages);
    }

    public String id() {
        return id;
    }

    public Path input() {
        return input;
    }

    public Path output() {
        return output;
    }

    public List<String> flags() {
        return flags;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized void started() {
        state = State.RUNNING;
        startedNanos = System.nanoTime();
        changed();
    }

    synchronized void finished(State end, int code, String why) {
        state = end;
        exitCode = code;
        message = why == null ? "" : why;
        finishedNanos = System.nanoTime();
        changed();
    }

    /** Marks the run for cancellation; true when it was still queued (then it never starts). */
    synchronized boolean requestCancel() {
        cancelRequested = true;
        changed();
        if (state == State.QUEUED) {
            finished(State.CANCELLED, -1, "cancelled before it started");
            return true;
        }
        return false;
    }

    public synchronized void event(ProgressEvent e) {
        if (firstEventNanos == 0) {
            firstEventNanos = System.nanoTime();
        }
        if (e.stageId() != null) {
            long[] s = stages.computeIfAbsent(e.stageId(), k -> new long[] {0, 0, -1});
            if (e.kind() != ProgressEvent.Kind.STAGE_PROGRESS) {
                // course counts; STAGE_PROGRESS counts units inside one course and would mix scales
                s[0] = e.done();
                s[1] = Math.max(s[1], e.total());
                s[2] = e.etaMillis();
            }
            if (e.courseKey() != null || e.kind() != ProgressEvent.Kind.STAGE_PROGRESS) {
                String course = e.courseKey() == null ? "(cohort)" : e.courseKey();
                Map<String, String> row = grid.computeIfAbsent(course, k -> new LinkedHashMap<>());
                switch (e.kind()) {
                case STAGE_STARTED -> row.put(e.stageId(), "running");
                case STAGE_FINISHED -> row.put(e.stageId(), e.message() == null ? "done" : e.message());
                case STAGE_PROGRESS -> row.putIfAbsent(e.stageId(), "running");
                default -> {
                }
                }
            }
        }
        changed();
    }

    public synchronized void line(String text) {
        lines.add(text);
        if (lines.size() > MAX_LINES) {
            lines.remove(0);
            linesDropped++;
        }
        changed();
    }

    /** Lines from absolute index {@code from} on (indices count dropped lines too). */
    public synchronized List<String> linesFrom(long from) {
        int start = (int) Math.max(0, from - linesDropped);
        return start >= lines.size() ? List.of() : List.copyOf(lines.subList(start, lines.size()));
    }

    public synchronized long lineCount() {
        return linesDropped + lines.size();
    }

    /** Completion over the planned stages, in percent; 100 once the run ended well. */
    public synchronized double percent() {
        if (state == State.DONE) {
            return 100;
        }
        List<String> names = new ArrayList<>(plannedStages);
        stages.keySet().stream().filter(s -> !names.contains(s)).forEach(names::add);
        if (names.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (String n : names) {
            long[] s = stages.get(n);
            if (s != null && s[1] > 0) {
                sum += Math.min(1.0, (double) s[0] / s[1]);
            }
        }
        return Math.min(state.finished() ? 100 : 99.9, 100 * sum / names.size());
    }

    /** The largest ETA among stages still going, or -1 when none is known. */
    public synchronized long etaMillis() {
        long eta = -1;
        for (long[] s : stages.values()) {
            if (s[0] < s[1] && s[2] >= 0) {
                eta = Math.max(eta, s[2]);
            }
        }
        return eta;
    }

    /** Milliseconds from the request to the first progress event, or -1 before it. */
    public synchronized long firstEventMillis() {
        return firstEventNanos == 0 ? -1 : (firstEventNanos - createdNanos) / 1_000_000;
    }

    /** A JSON-ready view of the run. */
    public synchronized Map<String, Object> snapshot(boolean withGrid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("source", source);
        m.put("created", created.toString());
        m.put("state", state.name().toLowerCase());
        m.put("exitCode", exitCode);
        m.put("message", message);
        m.put("flags", flags);
        m.put("percent", Math.round(percent() * 10) / 10.0);
        m.put("etaMillis", etaMillis());
        m.put("elapsedMillis", startedNanos == 0 ? 0
                : ((finishedNanos == 0 ? System.nanoTime() : finishedNanos) - startedNanos) / 1_000_000);
        m.put("firstEventMillis", firstEventMillis());
        m.put("lines", lineCount());
        Map<String, Object> st = new LinkedHashMap<>();
        for (String n : plannedStages) {
            st.put(n, counts(stages.get(n)));
        }
        stages.forEach((n, s) -> st.putIfAbsent(n, counts(s)));
        m.put("stages", st);
        if (withGrid) {
            Map<String, Object> g = new LinkedHashMap<>();
            grid.forEach((course, row) -> g.put(course, new LinkedHashMap<>(row)));
            m.put("grid", g);
        }
        return m;
    }

    private static Map<String, Object> counts(long[] s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("done", s == null ? 0 : s[0]);
        c.put("total", s == null ? 0 : s[1]);
        c.put("etaMillis", s == null ? -1 : s[2]);
        return c;
    }

    public synchronized long version() {
        return version;
    }

    /** Waits until the version differs from {@code seen} or the time is up; returns the current version. */
    public synchronized long awaitChange(long seen, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (version == seen && !state.finished()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }

    private void changed() {
        version++;
        notifyAll();
    }
}
