package rt.api;

/**
 * Kinds of course output that several stages produce and several consume. A stage declares them with
 * {@link Stage#produces()} and {@link Stage#consumes()}; the runtime runs every consumer of a kind after every
 * installed producer of it for the same course (model bundles dropped in at run time included), without either
 * naming the other, and a consumer's input fingerprint covers what its producers wrote.
 */
public final class Artifact {

    /**
     * ROIs of a course: manual RTSTRUCTs (organize), segmentation models' label maps and RTSTRUCTs, custom structures.
     */
    public static final String STRUCTURES = "structures";

    /**
     * The planning CT cropped to an anatomical region and the crop box ({@code crop_ct}); DVH and radiomics consume it
     * so that they can use the cropped CT when configured to.
     */
    public static final String CT_CROP = "ct_crop";

    /** DVH metrics and curves of a course's ROIs. */
    public static final String DVH = "dvh";

    /** Radiomics features (and their robustness) of a course's ROIs. */
    public static final String RADIOMICS = "radiomics";

    /** QC verdicts of a course. */
    public static final String QC = "qc";

    private Artifact() {
    }
}
