package rt.segmentation.engine;

/**
 * An installed model: its parsed descriptor and where its files are. Model bundles are turned into these by the
 * custom-segmentation extender and registered as services, so that the engine lists and runs them.
 *
 * @param descriptor the parsed {@code model.yaml}
 * @param source     where its ONNX files are read from
 * @param origin     {@code bundle} for model bundles, {@code folder} for configured model folders
 */
public record SegmentationModel(ModelDescriptor descriptor, ModelSource source, String origin) {

    /** Service property carrying the model name on registered {@link SegmentationModel} services. */
    public static final String NAME_PROPERTY = "rt.model.name";

    /**
     * Manifest header that marks a model bundle (written by {@code rt:model-pack}, read by the custom-segmentation
     * extender); its value is the path of {@code model.yaml} inside the bundle.
     */
    public static final String BUNDLE_HEADER = "RT-Model";

    public SegmentationModel {
        if (descriptor == null || source == null) {
            throw new IllegalArgumentException("descriptor and source are required");
        }
        origin = origin == null ? "folder" : origin;
    }

    public String name() {
        return descriptor.name();
    }
}
