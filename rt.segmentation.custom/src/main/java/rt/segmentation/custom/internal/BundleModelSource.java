package rt.segmentation.custom.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.osgi.framework.Bundle;
import rt.segmentation.engine.ModelSource;

/** A model folder inside a bundle: the folder of the {@code RT-Model} header's {@code model.yaml}. */
final class BundleModelSource implements ModelSource {

    private final Bundle bundle;
    private final String folder;
    private final String descriptor;

    /** @param header the {@code RT-Model} value, e.g. {@code model/model.yaml} */
    BundleModelSource(Bundle bundle, String header) {
        this.bundle = bundle;
        String h = header.trim();
        while (h.startsWith("/")) {
            h = h.substring(1);
        }
        int slash = h.lastIndexOf('/');
        this.folder = slash < 0 ? "" : h.substring(0, slash + 1);
        this.descriptor = slash < 0 ? h : h.substring(slash + 1);
    }

    @Override
    public InputStream open(String relativePath) throws IOException {
        if (relativePath.startsWith("/") || relativePath.contains("..")) {
            throw new IOException(location() + ": " + relativePath + " is outside the model folder");
        }
        URL url = bundle.getEntry(folder + relativePath);
        if (url == null) {
            throw new FileNotFoundException(location() + "/" + relativePath + " not found");
        }
        return url.openStream();
    }

    @Override
    public String descriptorPath() {
        return descriptor;
    }

    @Override
    public String location() {
        return "bundle " + bundle.getBundleId() + " " + bundle.getSymbolicName() + " " + bundle.getVersion() + ":/"
                + folder.replaceAll("/$", "");
    }
}
