package rt.runtime.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rt.runtime.internal.config.ConfigException;

/**
 * Refuses a run whose output folder and input folder overlap, before anything is written. Organize hard-links
 * inputs into OUT and deletes what it rebuilds, so OUT inside the input makes every run rescan (and the second run
 * with OUT = input destroy) its own outputs. The input may lie inside OUT (the demo's OUT/input) but not inside
 * OUT/cohort, which the run rewrites. Paths are compared after resolving symlinks, so a link cannot hide the overlap.
 */
public final class PathGuard {

    private PathGuard() {
    }

    /** @throws ConfigException (exit 2) with the reason; {@code dicomRoot} may be null (a run without organize). */
    public static void check(Path dicomRoot, Path outdir) {
        if (dicomRoot == null) {
            return;
        }
        if (!Files.exists(dicomRoot)) {
            throw new ConfigException("--dicom-root " + dicomRoot + ": no such folder");
        }
        if (!Files.isDirectory(dicomRoot)) {
            throw new ConfigException("--dicom-root " + dicomRoot + ": not a folder");
        }
        if (outdir == null) {
            return;
        }
        Path in = real(dicomRoot);
        Path out = real(outdir);
        if (in.equals(out)) {
            throw new ConfigException("--outdir " + outdir + " is the --dicom-root folder: organize would read and "
                    + "then replace its own outputs; choose an output folder outside the input");
        }
        if (out.startsWith(in)) {
            throw new ConfigException("--outdir " + outdir + " is inside --dicom-root " + dicomRoot
                    + ": every run would rescan its own outputs as input; choose an output folder outside the input");
        }
        // The input inside OUT is allowed (rt:demo writes OUT/input) except where stages write: OUT/cohort.
        if (in.startsWith(out.resolve("cohort"))) {
            throw new ConfigException("--dicom-root " + dicomRoot + " is inside " + outdir.resolve("cohort")
                    + ", where the run writes its cohort tables; choose an input folder outside it");
        }
    }

    /** The real path of the deepest existing ancestor, plus the part that does not exist yet. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
