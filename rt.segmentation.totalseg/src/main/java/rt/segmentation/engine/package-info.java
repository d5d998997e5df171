/**
 * The segmentation engine API exported by {@code rt.segmentation.totalseg}, the only bundle that embeds ONNX Runtime:
 * model descriptors ({@code model.yaml}), where a model's files come from, and the {@link
 * rt.segmentation.engine.SegmentationService} that runs nnU-Net-style inference and writes a course's
 * {@code segmentation/<model>/} outputs. Model bundles contain no code; the custom-segmentation extender turns them
 * into {@link rt.segmentation.engine.SegmentationModel} services through {@link
 * rt.segmentation.engine.SegmentationService#load(ModelSource)}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package rt.segmentation.engine;
