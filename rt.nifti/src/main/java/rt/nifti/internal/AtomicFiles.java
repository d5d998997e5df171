package rt.nifti.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes a file through a temporary sibling and an atomic rename. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void write(Path file, boolean gzip, NiftiCodec.StreamBody body) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        boolean done = false;
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                OutputStream out = gzip ? new FastGzip(os) : new BufferedOutputStream(os, 1 << 16);
                body.write(out);
                out.flush();
                if (out instanceof GZIPOutputStream g) {
                    g.finish();
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** gzip at level 1: CT volumes compress nearly as well and several times faster than at level 6. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream os) throws IOException {
            super(os, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
