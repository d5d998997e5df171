package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import rt.course.AtomicFiles;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentationModel;

/**
 * Packs a model folder ({@code model.yaml} + ONNX files) into a model bundle: the folder's files under
 * {@code model/}, and a manifest with {@code RT-Model: model/model.yaml}. No code: the custom-segmentation
 * extender registers the model while the bundle is active.
 */
public final class ModelPacker {

    static final String PREFIX = "model/";

    private ModelPacker() {
    }

    /** Validates the folder's model and writes the jar atomically; returns the descriptor. */
    public static ModelDescriptor pack(Path dir, Path jar, String version) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        refuseLinksLeaving(dir);
        ModelDescriptor d = ModelYaml.load(ModelSource.folder(dir));
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "rt.model." + d.name().replaceAll("[^A-Za-z0-9_.-]", "_"));
        a.putValue("Bundle-Version", version == null ? "1.0.0" : version);
        a.putValue("Bundle-Name", "RT segmentation model " + d.name());
        a.putValue("Bundle-Category", "rt-model");
        if (!d.description().isEmpty()) {
            a.putValue("Bundle-Description", d.description());
        }
        a.putValue(SegmentationModel.BUNDLE_HEADER, PREFIX + "model.yaml");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        AtomicFiles.write(jar, os -> {
            JarOutputStream out = new JarOutputStream(os, mf);
            for (Path f : files) {
                String rel = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                JarEntry e = new JarEntry(PREFIX + rel);
                e.setTime(Files.getLastModifiedTime(f).toMillis());
                if (rel.endsWith(".onnx")) {
                    // Weights barely compress (float noise); storing them makes packing a TotalSegmentator-sized
                    // model a copy instead of minutes of deflate, and lets the bundle read them without inflating.
                    stored(e, f);
                }
                out.putNextEntry(e);
                Files.copy(f, out);
                out.closeEntry();
            }
            out.finish();
        });
        return d;
    }

    /**
     * A symlink whose target lies outside the model folder would pack whatever it points to (a key, a home folder
     * file) into a jar meant to be shared; refuse it, naming the link and its target. Links inside the folder are fine.
     */
    static void refuseLinksLeaving(Path dir) throws IOException {
        Path root = dir.toRealPath();
        List<Path> links;
        try (Stream<Path> s = Files.walk(dir)) {
            links = s.filter(Files::isSymbolicLink).sorted().toList();
        }
        for (Path link : links) {
            Path target;
            try {
                target = link.toRealPath();
            } catch (IOException e) {
                throw new IOException(link + ": broken symlink (" + Files.readSymbolicLink(link) + ")");
            }
            if (!target.startsWith(root)) {
                throw new IOException(link + ": symlink to " + target + ", outside the model folder " + root
                        + "; copy the file into the folder instead");
            }
        }
    }

    private static void stored(JarEntry e, Path f) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] buf = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0;) {
                crc.update(buf, 0, n);
            }
        }
        e.setMethod(java.util.zip.ZipEntry.STORED);
        e.setSize(Files.size(f));
        e.setCompressedSize(Files.size(f));
        e.setCrc(crc.getValue());
    }
}
