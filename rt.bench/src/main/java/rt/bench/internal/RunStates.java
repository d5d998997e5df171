package rt.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the runtime recorded per stage in a run's {@code .state/<stage>.json} files (course and cohort folders):
 * per stage, how many ended ok, the sum of their wall times and the highest {@code peakHeapMb}.
 */
public final class RunStates {

    /** One stage over all courses of a run: how many ended ok, skipped or otherwise (failed, cancelled). */
    public record StageSummary(String stage, int ok, int skipped, int failed, long wallMs, long peakHeapMb) {
    }

    private RunStates() {
    }

    /** Reads every {@code .state/*.json} below {@code outdir}; stages sorted by name. */
    public static Map<String, StageSummary> read(Path outdir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, StageSummary> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(outdir, 4)) {
            files = s.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals(".state")
                    && p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).toList();
        }
        for (Path f : files) {
            JsonNode n = json.readTree(f.toFile());
            if (n == null || !n.hasNonNull("stage")) {
                continue; // not a stage state (e.g. the cohort's own bookkeeping)
            }
            String stage = n.get("stage").asText();
            String status = n.path("status").asText();
            boolean ok = "OK".equals(status);
            boolean skipped = "SKIPPED".equals(status);
            StageSummary prev = out.getOrDefault(stage, new StageSummary(stage, 0, 0, 0, 0, 0));
            out.put(stage, new StageSummary(stage, prev.ok() + (ok ? 1 : 0), prev.skipped() + (skipped ? 1 : 0),
                    prev.failed() + (ok || skipped ? 0 : 1),
                    prev.wallMs() + n.path("durationMs").asLong(0),
                    Math.max(prev.peakHeapMb(), n.path("peakHeapMb").asLong(0))));
        }
        return out;
    }
}
