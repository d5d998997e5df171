package rt.segmentation.totalseg.internal;

import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;
import rt.api.CommandExit;
import rt.segmentation.engine.ModelDescriptor;

/**
 * {@code rt:model-pack DIR OUT.jar [VERSION]}: packs a model folder into a model bundle. A Gogo {@link Function}
 * because a Java method cannot be called {@code model-pack}.
 */
@Component(service = Function.class, property = {"osgi.command.scope=rt", "osgi.command.function=model-pack"})
public final class ModelPackCommand implements Function {

    static final String USAGE = "rt:model-pack DIR OUT.jar [BUNDLE-VERSION]";

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        if (arguments.size() < 2 || arguments.size() > 3 || String.valueOf(arguments.get(0)).startsWith("-")) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path dir = cwd.resolve(String.valueOf(arguments.get(0)));
        Path jar = cwd.resolve(String.valueOf(arguments.get(1)));
        ModelDescriptor d = ModelPacker.pack(dir, jar, arguments.size() > 2 ? String.valueOf(arguments.get(2)) : null);
        System.out.println("packed model " + d.name() + " (" + d.labels().size() + " labels, "
                + d.parts().stream().mapToInt(p -> p.folds().size()).sum() + " ONNX files) into " + jar
                + "; copy it into deploy/ to install it");
        return null;
    }
}
