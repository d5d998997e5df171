package rt.radiomics;

import java.util.Map;
import rt.api.image.Mask;
import rt.radiomics.internal.Pipeline;

/**
 * Extracts radiomic features like pyradiomics' {@code RadiomicsFeatureExtractor.execute}: one ordered map of
 * {@code diagnostics_*} entries (strings and numbers) followed by features named
 * {@code <image type>_<class>_<feature>} (Double values). Stateless and thread-safe.
 */
public final class RadiomicsExtractor {

    private final RadiomicsParams params;

    public RadiomicsExtractor(RadiomicsParams params) {
        this.params = params;
    }

    public RadiomicsParams params() {
        return params;
    }

    /**
     * @param image the image (Not modified)
     * @param mask  the region (Not modified); on another grid only with {@code correctMask: true}
     * @throws RadiomicsException when the mask fails pyradiomics' checks (too small, too few dimensions, …)
     */
    public Map<String, Object> execute(RadiomicsImage image, Mask mask) {
        return Pipeline.execute(image, mask, params);
    }
}
