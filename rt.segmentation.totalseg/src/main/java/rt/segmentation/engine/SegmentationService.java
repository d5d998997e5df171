package rt.segmentation.engine;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import rt.api.ResourceNeeds;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.image.Volume;

/**
 * The nnU-Net inference engine on ONNX Runtime, as a service of {@code rt.segmentation.totalseg}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SegmentationService {

    /** Parses and checks a model's {@code model.yaml} (ONNX files must exist); errors name the file and problem. */
    SegmentationModel load(ModelSource source) throws IOException;

    /** Every installed model (model bundles and configured model folders), best first. */
    List<SegmentationModel> models();

    Optional<SegmentationModel> model(String name);

    /** The best installed model (highest rank), if any. */
    default Optional<SegmentationModel> best() {
        return models().stream().findFirst();
    }

    /** Segments a CT/MR volume (HU for CT) with one model; the labels come back on the volume's own grid. */
    SegmentationResult segment(Volume image, SegmentationModel model, SegmentOptions options) throws Exception;

    /** What running a model for one course asks of the broker: a GPU slot when CUDA is usable, else CPU cores. */
    ResourceNeeds needs(SegmentationModel model);

    /**
     * Runs one model for a course, as a stage does: reads the course's {@code ct.nii.gz}, writes
     * {@code segmentation/<model>/labels.nii.gz}, {@code RS_<model>.dcm} and {@code manifest.json} atomically.
     */
    StageResult runForCourse(StageContext context, SegmentationModel model) throws Exception;
}
