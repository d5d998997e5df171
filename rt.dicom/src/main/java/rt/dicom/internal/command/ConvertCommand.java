package rt.dicom.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** Gogo {@code rt:convert IN OUT.nii.gz}: an image series in any supported transfer syntax to NIfTI. */
@Component(service = ConvertCommand.class,
        property = {"osgi.command.scope=rt", "osgi.command.function=convert"})
public class ConvertCommand {

    /** Converts and prints what was written. */
    public void convert(String in, String out) {
        try {
            Converter.convert(Path.of(in), Path.of(out)).forEach(System.out::println);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Wrong number of arguments: usage. */
    public void convert(String... args) {
        throw new IllegalArgumentException("usage: " + Converter.USAGE);
    }
}
