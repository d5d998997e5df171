package rt.runtime.internal.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags of {@code rt:run}, parsed by hand because {@code --stage} and {@code --course} may repeat, and so that
 * Gogo and the headless CLI report usage errors identically (an {@link IllegalArgumentException}: exit 2).
 */
public final class RunArgs {

    public static final String USAGE = "rt:run [--dicom-root IN] --outdir OUT [--stage ID[,ID]]... [--site SITE] "
            + "[--workers N] [--gpu-slots N] [--config rt.yaml] [--force] [--course PATIENT[/COURSE]]... [--set KEY=VALUE]... [--cluster]";

    /** Config values from flags, as dotted config keys. */
    public final Map<String, Object> overrides = new LinkedHashMap<>();
    public Path configFile;

    public static RunArgs parse(String[] args, Path cwd) {
        RunArgs r = new RunArgs();
        List<String> stages = new ArrayList<>();
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
            case "--force" -> r.overrides.put("force", true);
            case "--cluster" -> r.overrides.put("use_cluster", true);
            case "--dicom-root" -> r.overrides.put("dicom_root", cwd.resolve(value(args, ++i, a)).toString());
            case "--outdir" -> r.overrides.put("outdir", cwd.resolve(value(args, ++i, a)).toString());
            case "--stage" -> stages.addAll(split(value(args, ++i, a)));
            case "--course" -> courses.addAll(split(value(args, ++i, a)));
            case "--site" -> r.overrides.put("site", value(args, ++i, a));
            case "--workers" -> r.overrides.put("workers", value(args, ++i, a));
            case "--gpu-slots" -> r.overrides.put("gpu_slots", value(args, ++i, a));
            case "--config" -> r.configFile = cwd.resolve(value(args, ++i, a));
            case "--set" -> {
                String kv = value(args, ++i, a);
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + kv + "'");
                }
                r.overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            default -> throw new IllegalArgumentException("unknown option '" + a + "'; usage: " + USAGE);
            }
        }
        if (!stages.isEmpty()) {
            r.overrides.put("stages", stages);
        }
        if (!courses.isEmpty()) {
            r.overrides.put("courses", courses);
        }
        if (r.configFile == null && Files.isRegularFile(cwd.resolve("rt.yaml"))) {
            r.configFile = cwd.resolve("rt.yaml");
        } else if (r.configFile != null && !Files.isRegularFile(r.configFile)) {
            throw new IllegalArgumentException("--config " + r.configFile + ": no such file");
        }
        return r;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value; usage: " + USAGE);
        }
        return args[i];
    }

    private static List<String> split(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Where relative paths on the command line are resolved: the user's directory, which ./rt passes as rt.cwd. */
    public static Path userDir() {
        return Path.of(System.getProperty("rt.cwd", System.getProperty("user.dir"))).toAbsolutePath();
    }
}
