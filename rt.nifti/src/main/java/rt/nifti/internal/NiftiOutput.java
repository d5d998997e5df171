package rt.nifti.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import rt.course.AtomicFiles;

/** A NIfTI file's bytes, gzipped when the name says so, written atomically through {@link AtomicFiles}. */
final class NiftiOutput {

    private NiftiOutput() {
    }

    static void write(Path file, boolean gzip, NiftiCodec.StreamBody body) throws IOException {
        AtomicFiles.write(file, os -> {
            if (gzip) {
                FastGzip out = new FastGzip(os);
                body.write(out);
                out.finish();
            } else {
                body.write(os);
            }
        });
    }

    /** gzip at level 1: CT volumes compress nearly as well and several times faster than at level 6. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream os) throws IOException {
            super(os, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
