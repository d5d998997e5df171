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
 * @param cudaDevice CUDA device ordinal for {@code cuda}/{@code auto} (the broker maps GPU slots to devices)
 * @param roiSubset  ROI names to segment (TotalSegmentator's {@code roi_subset}): only the parts holding one of them
 *                   run, the image is cropped first when the model declares {@code roi_subset_crop}, and the output
 *                   holds only these labels; empty = every label
 */
public record SegmentOptions(String device, int threads, double stepSize, Boolean mirroring, Boolean forceSplit,
        int cudaDevice, java.util.Set<String> roiSubset) {

    public SegmentOptions {
        device = device == null || device.isBlank() ? "auto" : device.trim().toLowerCase(java.util.Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("device must be auto, cpu or cuda, not '" + device + "'");
        }
        threads = Math.max(1, threads);
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("CUDA device must be >= 0, not " + cudaDevice);
        }
        roiSubset = roiSubset == null ? java.util.Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(roiSubset));
    }

    /** Every label, CUDA device 0 (the 1.1 signature). */
    public SegmentOptions(String device, int threads, double stepSize, Boolean mirroring, Boolean forceSplit) {
        this(device, threads, stepSize, mirroring, forceSplit, 0, java.util.Set.of());
    }

    public static SegmentOptions cpu(int threads) {
        return new SegmentOptions("cpu", threads, Double.NaN, null, null);
    }

    public SegmentOptions withDevice(String newDevice) {
        return new SegmentOptions(newDevice, threads, stepSize, mirroring, forceSplit, cudaDevice, roiSubset);
    }

    public SegmentOptions withCudaDevice(int ordinal) {
        return new SegmentOptions(device, threads, stepSize, mirroring, forceSplit, ordinal, roiSubset);
    }

    public SegmentOptions withRoiSubset(java.util.Collection<String> rois) {
        return new SegmentOptions(device, threads, stepSize, mirroring, forceSplit, cudaDevice,
                rois == null ? null : new java.util.TreeSet<>(rois));
    }
}
