package rt.bench.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One external command timed from start to exit (wall seconds, as a user waits for it), run {@code repeats} times;
 * its output goes to a log file, so that a failure can be reported with its last line.
 *
 * @param label   what the bench prints
 * @param command the command line
 */
public record TimedCommand(String label, List<String> command) {

    /** The outcome: the median of the runs' wall times, or the reason it could not run. */
    public record Result(String label, double medianSeconds, List<Double> seconds, String problem) {

        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Runs the command once untimed, then {@code repeats} times timed; stops at the first failure. The untimed run
     * puts every tool in the state a user's second command finds: its files in the page cache and, for {@code ./rt},
     * the class-data sharing archive that the first command after a build records (the bench's own process is that
     * first command, and records its archive only when it ends).
     */
    public Result time(int repeats, Path log, long timeoutS) throws InterruptedException {
        if (!onPath(command.get(0))) {
            return new Result(label, Double.NaN, List.of(), command.get(0) + " not found");
        }
        List<Double> seconds = new ArrayList<>();
        for (int r = -1; r < repeats; r++) {
            long t0 = System.nanoTime();
            int code;
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
                if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(label, Double.NaN, seconds, "no answer after " + timeoutS + " s");
                }
                code = p.exitValue();
            } catch (IOException e) {
                return new Result(label, Double.NaN, seconds, e.getMessage());
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                return new Result(label, Double.NaN, seconds, "exit " + code + ": " + lastLine(log));
            }
            if (r >= 0) {
                seconds.add(s);
            }
        }
        return new Result(label, median(seconds), List.copyOf(seconds), null);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "(no output)";
        }
        return "(no output)";
    }

    private static boolean onPath(String program) {
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
