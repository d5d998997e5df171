package rt.runtime.internal.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds out how many cores and GPUs this machine has; the broker budget is derived from it. */
public final class BudgetProbe {

    private BudgetProbe() {
    }

    /** Cores for work: all cores minus the reserved ones, never below 1. */
    public static int cpuBudget(int reservedCores) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - Math.max(0, reservedCores));
    }

    /** GPU names from {@code nvidia-smi -L}; empty when it is absent or fails. */
    public static List<String> gpus() {
        Path smi = findOnPath("nvidia-smi");
        if (smi == null) {
            return List.of();
        }
        try {
            Process p = new ProcessBuilder(smi.toString(), "-L").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return List.of();
            }
            return out.lines().filter(l -> l.startsWith("GPU ")).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The CUDA version the driver reports in the {@code nvidia-smi} banner, or null. */
    public static String cudaVersion() {
        Path smi = findOnPath("nvidia-smi");
        if (smi == null) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(smi.toString()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("CUDA Version: *([0-9.]+)").matcher(out);
            return m.find() ? "CUDA " + m.group(1) + " (driver)" : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
