package rt.segmentation.engine;

/**
 * How one inference runs.
 *
 * @param device     {@code cpu}, {@code cuda} or {@code auto} (CUDA when the CUDA provider is present, else CPU
 *                   with a warning)
 * @param threads    ONNX Runtime intra-op threads and Java accumulation threads (the stage lease's cores)
 * @param stepSize   sliding-window step as a fraction of the patch, or {@code NaN} for the model's own
 * @param mirroring  {@code null} for the model's own setting, else force test-time mirroring on or off
 * @param forceSplit {@code null} = automatic (TotalSegmentator's rule), else force the three-way z split on or off
 */
public record SegmentOptions(String device, int threads, double stepSize, Boolean mirroring, Boolean forceSplit) {

    public SegmentOptions {
        device = device == null || device.isBlank() ? "auto" : device.trim().toLowerCase(java.util.Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("device must be auto, cpu or cuda, not '" + device + "'");
        }
        threads = Math.max(1, threads);
    }

    public static SegmentOptions cpu(int threads) {
        return new SegmentOptions("cpu", threads, Double.NaN, null, null);
    }

    public SegmentOptions withDevice(String newDevice) {
        return new SegmentOptions(newDevice, threads, stepSize, mirroring, forceSplit);
    }
}
