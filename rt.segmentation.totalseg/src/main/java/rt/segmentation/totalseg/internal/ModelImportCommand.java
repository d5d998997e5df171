package rt.segmentation.totalseg.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;
import rt.api.CommandExit;
import rt.segmentation.engine.ModelDescriptor;

/**
 * {@code rt:model-import PATH [--name N] [--out OUT.jar|DIR] [--preset total|total_fast|total_mr|total_mr_fast]}:
 * an nnU-Net v2 trained-model folder or zip → model folder or bundle, without Python; with a preset, PATH holds
 * TotalSegmentator's trained models and they become one model ({@link TotalSegPresets}). A Gogo {@link Function} because a Java method cannot be called
 * {@code model-import}.
 */
@Component(service = Function.class, property = {"osgi.command.scope=rt", "osgi.command.function=model-import"})
public final class ModelImportCommand implements Function {

    static final String USAGE = "rt:model-import PATH [--name NAME] [--out OUT.jar|DIR] [--preset "
            + String.join("|", TotalSegPresets.PRESETS.keySet()) + "]   (PATH = nnU-Net v2 trained-model folder or "
            + "zip; with --preset the folder holding TotalSegmentator's DatasetNNN_* folders or zips; default --out "
            + "models/<name>)";

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        Options o = Options.parse(arguments.stream().map(String::valueOf).toList());
        Path cwd = Path.of(System.getProperty("user.dir"));
        long t0 = System.nanoTime();
        ModelDescriptor d = run(o, cwd, System.out::println);
        System.out.printf(Locale.ROOT, "imported model %s (%d labels, %d ONNX files) into %s in %.1f s%n", d.name(),
                d.labels().size(), d.parts().stream().mapToInt(p -> p.folds().size()).sum(), o.out(cwd, d.name()),
                (System.nanoTime() - t0) / 1e9);
        return null;
    }

    /** Runs an import; {@code log} gets one line per converted fold. */
    static ModelDescriptor run(Options o, Path cwd, java.util.function.Consumer<String> log) throws Exception {
        if (o.preset() != null) {
            return TotalSegPresets.importPreset(TotalSegPresets.preset(o.preset()), cwd.resolve(o.path()), o.name(),
                    n -> o.out(cwd, n), log);
        }
        return NnUnetImport.importModel(cwd.resolve(o.path()), o.name(), n -> o.out(cwd, n), log);
    }

    /** Parsed arguments. */
    record Options(String path, String name, String out, String preset) {

        static Options parse(List<String> args) {
            String path = null;
            String name = null;
            String out = null;
            String preset = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--name" -> name = value(args, ++i, a);
                    case "--out" -> out = value(args, ++i, a);
                    case "--preset" -> preset = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("-") || path != null) {
                            throw new IllegalArgumentException("unknown argument '" + a + "'; usage: " + USAGE);
                        }
                        path = a;
                    }
                }
            }
            if (path == null) {
                throw new IllegalArgumentException("usage: " + USAGE);
            }
            if (name != null && !name.matches("[a-z0-9][a-z0-9_.-]*")) {
                throw new IllegalArgumentException("--name '" + name + "' must match [a-z0-9][a-z0-9_.-]*");
            }
            if (preset != null) {
                TotalSegPresets.preset(preset); // unknown presets fail here, before any work
            }
            return new Options(path, name, out, preset);
        }

        private static String value(List<String> args, int i, String flag) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value; usage: " + USAGE);
            }
            return args.get(i);
        }

        Path out(Path cwd, String modelName) {
            return out != null ? cwd.resolve(out) : cwd.resolve("models").resolve(modelName);
        }
    }
}
