package rt.organize.internal.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The run configuration {@code rt:demo} passes to {@code rt:run --config}: custom structures on the phantom's ROIs
 * for the {@code structures} stage, chosen so that their volumes and doses are known in closed form or bounded
 * simply (see {@code PHANTOM.md}). The definitions go to a file of their own in the upstream
 * {@code custom_structures} format ({@value #STRUCTURES_FILE_NAME}), named by {@code structures.file} in
 * {@value #FILE_NAME}: the runtime's LIST keys hold scalars only, so the list of maps cannot be inline. The section
 * is only written when the stage is installed: the runtime rejects sections of stages it does not know.
 */
public final class DemoConfig {

    /** File name of the run configuration under the demo's output folder. */
    public static final String FILE_NAME = "rt-demo.yaml";
    /** File name of the custom structure definitions, next to it. */
    public static final String STRUCTURES_FILE_NAME = "rt-demo-structures.yaml";

    /** The {@code structures.custom_structures} list, in evaluation order (later entries may use earlier ones). */
    static final String CUSTOM_STRUCTURES = """
            custom_structures:
              # PTV with directional margins (mm): extent x -30..33, y -35..30, z -31..34
              - name: PTV_EXP
                operation: union
                source_structures: [PTV]
                margin: {right_mm: 5, left_mm: 8, anterior_mm: 10, posterior_mm: 5, inferior_mm: 6, superior_mm: 9}
              # PTV + 10 mm everywhere: sphere r = 35 mm, 179.594 cc
              - name: PTV_10
                operation: union
                source_structures: [PTV]
                margin: 10
              # ring: shell 25..35 mm around the origin, 114.145 cc
              - name: RING_PTV
                operation: subtract
                source_structures: [PTV_10, PTV]
              # PTV + 20 mm: sphere r = 45 mm, 381.704 cc
              - name: PTV_20
                operation: union
                source_structures: [PTV]
                margin: 20
              # both lungs: 603.186 cc
              - name: LUNGS
                operation: union
                source_structures: [LUNG_L, LUNG_R]
              # lung within 20 mm of the PTV: two lenses of 18.610 cc (numerical integration)
              - name: LUNGS_NEAR_PTV
                operation: intersection
                source_structures: [LUNGS, PTV_20]
            """;

    private DemoConfig() {
    }

    private static final String HEADER = "# Written by rt:demo; the phantom's analytic truth is in PHANTOM.md of"
            + " rt.organize.\n";

    /** The run configuration; {@code structures}: whether the {@code structures} stage is installed. */
    public static String yaml(boolean structures) {
        return HEADER + (structures ? "structures:\n  file: " + STRUCTURES_FILE_NAME + "\n"
                : "# (no structures stage installed: no custom structures)\n");
    }

    /** The custom structure definitions (upstream format). */
    public static String structuresYaml() {
        return HEADER + CUSTOM_STRUCTURES;
    }

    /**
     * Writes {@link #yaml} to {@code outDir/}{@value #FILE_NAME} and, with {@code structures},
     * {@link #structuresYaml} next to it (both atomically); returns the run configuration file.
     */
    public static Path write(Path outDir, boolean structures) throws IOException {
        Files.createDirectories(outDir);
        if (structures) {
            writeAtomically(outDir.resolve(STRUCTURES_FILE_NAME), structuresYaml());
        }
        Path file = outDir.resolve(FILE_NAME);
        writeAtomically(file, yaml(structures));
        return file;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".rt-demo", ".yaml.tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
