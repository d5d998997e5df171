package rt.radiomics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.imaging.Masks;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsException;
import rt.radiomics.RadiomicsImage;
import rt.radiomics.RadiomicsParams;

/** pyradiomics' extraction flow: mask checks, normalisation, resampling, re-segmentation, shape, image types. */
public final class Pipeline {

    public static final String ENGINE_VERSION = "rt.radiomics 1.0 (pyradiomics 3 semantics)";

    private Pipeline() {
    }

    /** A working image with its mask on the same grid. */
    record Work(Grid grid, float[] v, boolean[] mask, PixelType type) {
        int[] size() {
            return new int[] {grid.nx(), grid.ny(), grid.nz()};
        }
    }

    public static Map<String, Object> execute(RadiomicsImage image, Mask mask, RadiomicsParams params) {
        Object r = executeAll(image, List.of(mask), params).get(0);
        if (r instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) r;
        return out;
    }

    /**
     * {@link #execute} for several masks on one image: each result is the map {@code execute} returns for that mask
     * or the RuntimeException it throws. Masks whose working image comes out the same (the same bounding box, so the
     * same resampled grid) share the resampled image and the filtered images of every image type, computed once: the
     * same arrays {@code execute} computes for each of them alone, so every value is the same.
     */
    public static List<Object> executeAll(RadiomicsImage image, List<Mask> masks, RadiomicsParams params) {
        Object[] results = new Object[masks.size()];
        Prepared[] prepared = new Prepared[masks.size()];
        ResampledImages resampled = new ResampledImages();
        for (int i = 0; i < masks.size(); i++) {
            try {
                prepared[i] = prepare(image, masks.get(i), params, resampled);
            } catch (RuntimeException e) {
                results[i] = e;
            }
        }
        boolean[] grouped = new boolean[masks.size()];
        for (int i = 0; i < masks.size(); i++) {
            if (prepared[i] == null || grouped[i]) {
                continue;
            }
            List<Integer> group = new ArrayList<>();
            for (int j = i; j < masks.size(); j++) {
                if (prepared[j] != null && !grouped[j] && prepared[j].w().v() == prepared[i].w().v()
                        && prepared[j].w().grid().equals(prepared[i].w().grid())) {
                    grouped[j] = true;
                    group.add(j);
                }
            }
            imageTypes(group, prepared, results, params);
        }
        for (int i = 0; i < masks.size(); i++) {
            if (results[i] == null) {
                results[i] = prepared[i].out();
            }
        }
        return java.util.Arrays.asList(results);
    }

    /** One mask after the checks, resampling, re-segmentation and shape: its image types come next. */
    private record Prepared(Map<String, Object> out, Work w, int[] bb) {
    }

    private static Prepared prepare(RadiomicsImage image, Mask mask, RadiomicsParams params,
            ResampledImages resampled) {
        Settings s = new Settings(params.settings());
        Map<String, Object> out = new LinkedHashMap<>();
        boolean info = s.getBoolean("additionalInfo", true);
        Mask m = mask;
        if (!mask.grid().sameAs(image.grid(), s.getDouble("geometryTolerance", 1e-3))) {
            if (!s.getBoolean("correctMask", false)) {
                throw new RadiomicsException("Image/Mask geometry mismatch (image " + image.grid() + ", mask "
                        + mask.grid() + "); enable correctMask to resample the mask onto the image");
            }
            m = correctMask(image.grid(), mask);
        }
        int count = countTrue(m.inside());
        if (count == 0) {
            throw new RadiomicsException("No labels found in this mask (i.e. nothing is segmented)");
        }
        if (info) {
            out.put("diagnostics_Versions_Engine", ENGINE_VERSION);
            out.put("diagnostics_Configuration_Settings", params.settings().toString());
            out.put("diagnostics_Configuration_EnabledImageTypes", params.imageTypes().toString());
            addImageDiagnostics(out, "original", image.grid(), image.voxels());
            addMaskDiagnostics(out, "original", image.grid(), m.inside(), null);
        }
        float[] v = image.voxels();
        PixelType type = image.type();
        if (s.getBoolean("normalize", false)) {
            v = normalize(v, s.getDouble("normalizeScale", 1), s.has("removeOutliers")
                    ? s.getDouble("removeOutliers", 0) : Double.NaN);
            type = PixelType.FLOAT32;
        }
        Work w = new Work(image.grid(), v, m.inside(), type);
        double[] newSpacing = s.getDoubles("resampledPixelSpacing");
        if (s.has("interpolator") && newSpacing != null) {
            w = resample(w, newSpacing, Resampler.Interpolator.of(s.getString("interpolator", "sitkBSpline")),
                    s.getInt("padDistance", 5), resampled);
            if (info) {
                addImageDiagnostics(out, "interpolated", w.grid(), w.v());
                addMaskDiagnostics(out, "interpolated", w.grid(), w.mask(), w.v());
            }
        } else if (s.getBoolean("preCrop", false)) {
            int[] bb = boundingBox(w.mask(), w.size());
            w = crop(w, bb, s.getInt("padDistance", 5));
        }
        int[] bb = checkMask(w.mask(), w.size(), s);
        boolean[] shapeMask = w.mask();
        if (s.has("resegmentRange")) {
            boolean[] re = resegment(w.v(), w.mask(), s);
            bb = checkMask(re, w.size(), s);
            if (info) {
                addMaskDiagnostics(out, "resegmented", w.grid(), re, w.v());
            }
            if (s.getBoolean("resegmentShape", false)) {
                shapeMask = re;
            }
            w = new Work(w.grid(), w.v(), re, w.type());
        }
        Map<String, List<String>> classes = params.featureClasses();
        if (classes.containsKey("shape")) {
            Roi r = cropRoi(w.grid(), w.v(), shapeMask, bb);
            putAll(out, "original_shape_", Shape3D.compute(r.mask(), r.nx(), r.ny(), r.nz(), r.spacing()),
                    classes.get("shape"));
        }
        if (classes.containsKey("shape2D") && s.getBoolean("force2D", false)) {
            int dim = s.getInt("force2Ddimension", 0);
            int axis = 2 - dim; // (z, y, x) → (x, y, z)
            if (bb[axis + 3] - bb[axis] + 1 == 1) {
                Roi r = cropRoi(w.grid(), w.v(), shapeMask, bb);
                putAll(out, "original_shape2D_", shape2D(r, axis), classes.get("shape2D"));
            }
        }
        return new Prepared(out, w, bb);
    }

    /**
     * The image types of masks that share one working image: each type's images are made once and serve every mask
     * of the group (a failure making them is every mask's failure, a failure of one mask's features its own).
     */
    private static void imageTypes(List<Integer> group, Prepared[] prepared, Object[] results,
            RadiomicsParams params) {
        Map<String, List<String>> classes = params.featureClasses();
        Work shared = prepared[group.get(0)].w();
        // where each mask's voxels lie depends on the mask alone: worked out once for all its images
        RegionLayout[] layouts = new RegionLayout[prepared.length];
        boolean[] columns = columns(group, prepared);
        for (Map.Entry<String, Map<String, Object>> it : params.imageTypes().entrySet()) {
            Map<String, Object> merged = new LinkedHashMap<>(params.settings());
            merged.putAll(it.getValue());
            Settings ts = new Settings(merged);
            int pad = padFor(ts);
            // one filtered image at a time, used by every mask of the group and dropped: a ROI's heap is one image
            // of its box, not thirteen (LoG sigmas, wavelet bands); ROIs, not images, share the lease's cores
            // the wavelet's approximation is made first and listed last (pyradiomics' order): its features wait
            List<Runnable> listedLast = new ArrayList<>();
            try {
                derivedImages(it.getKey(), shared, ts, columns, (name, img) -> {
                    for (int i : group) {
                        if (results[i] != null) {
                            continue;
                        }
                        Prepared p = prepared[i];
                        try {
                            if (layouts[i] == null || layouts[i].pad != pad) {
                                layouts[i] = new RegionLayout(p.w().size(), p.w().mask(), p.bb(), pad);
                            }
                            Map<String, Object> f = textureAndFirstOrder(name, img, layouts[i],
                                    p.w().grid().spacing(), ts, classes);
                            if (ImageFilters.isWaveletApproximation(name)) {
                                listedLast.add(() -> p.out().putAll(f));
                            } else {
                                p.out().putAll(f);
                            }
                        } catch (RuntimeException e) {
                            results[i] = e;
                        }
                    }
                });
                listedLast.forEach(Runnable::run);
            } catch (RuntimeException e) {
                // making the images failed: every mask of the group still waiting fails with it
                for (int i : group) {
                    if (results[i] == null) {
                        results[i] = e;
                    }
                }
                return;
            }
        }
    }

    /** The (x, y) columns of the group's working box that hold a voxel of one of its masks, x fastest. */
    private static boolean[] columns(List<Integer> group, Prepared[] prepared) {
        int[] size = prepared[group.get(0)].w().size();
        int plane = size[0] * size[1];
        boolean[] columns = new boolean[plane];
        for (int i : group) {
            boolean[] m = prepared[i].w().mask();
            for (int z = 0; z < size[2]; z++) {
                int off = z * plane;
                for (int k = 0; k < plane; k++) {
                    columns[k] |= m[off + k];
                }
            }
        }
        return columns;
    }

    private static Map<String, Double> shape2D(Roi r, int axis) {
        int nx = r.nx();
        int ny = r.ny();
        int nz = r.nz();
        boolean[] m = r.mask();
        double[] sp = r.spacing();
        // the 2D plane keeps the two remaining axes in (z, y, x) order: rows = slower axis, columns = faster axis
        if (axis == 2) {
            return Shape2D.compute(m, nx, ny, new double[] {sp[1], sp[0]});
        }
        boolean[] plane;
        if (axis == 1) {
            plane = new boolean[nx * nz];
            for (int z = 0; z < nz; z++) {
                for (int x = 0; x < nx; x++) {
                    plane[x + nx * z] = m[x + nx * nz * 0 + nx * ny * z];
                }
            }
            return Shape2D.compute(plane, nx, nz, new double[] {sp[2], sp[0]});
        }
        plane = new boolean[ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                plane[y + ny * z] = m[nx * (y + ny * z)];
            }
        }
        return Shape2D.compute(plane, ny, nz, new double[] {sp[2], sp[1]});
    }

    /** Features of one derived image: firstorder and the texture classes, names prefixed by the image name. */
    public static Map<String, Object> textureAndFirstOrder(String imageName, Roi roi, Settings s,
            Map<String, List<String>> classes) {
        RegionLayout layout = new RegionLayout(new int[] {roi.nx(), roi.ny(), roi.nz()}, roi.mask(),
                new int[] {0, 0, 0, roi.nx() - 1, roi.ny() - 1, roi.nz() - 1}, padFor(s));
        return textureAndFirstOrder(imageName, roi.values(), layout, roi.spacing(), s, classes);
    }

    /** The zero border the texture classes need: their widest offset, the largest distance. */
    static int padFor(Settings s) {
        return Neighbours.maxOffset(s.getInts("distances", new int[] {1}));
    }

    /**
     * The same for a derived image over the working grid: the ROI's voxels are read through its layout (made for
     * that grid, its mask and bounding box, with {@link #padFor} of these settings).
     */
    static Map<String, Object> textureAndFirstOrder(String imageName, float[] image, RegionLayout layout,
            double[] sp, Settings s, Map<String, List<String>> classes) {
        Map<String, Object> out = new LinkedHashMap<>();
        int binCount = s.getInt("binCount", 0);
        double binWidth = s.getDouble("binWidth", 25);
        // the masked values serve the bin edges and firstorder; the levels go straight into the padded copy that
        // every texture class reads
        DiscretisedImage d = DiscretisedImage.of(image, layout, binWidth, binCount, classes.containsKey("firstorder"));
        double[] vals = d.values;
        double[] spZyx = {sp[2], sp[1], sp[0]};
        Gray gray = d.gray;
        Neighbours nb = d.nb;
        int force2Ddim = s.getBoolean("force2D", false) ? s.getInt("force2Ddimension", 0) : -1;
        int[] distances = s.getInts("distances", new int[] {1});
        String weighting = s.getString("weightingNorm", null);
        Map<String, Double> ngtdm = null;
        // the runs' pass counts the pairs of its offsets too (Glrlm.count): the GLCM's at distance 1
        Glrlm.RunsAndPairs runs = null;
        for (String c : RadiomicsParams.ALL_CLASSES) {
            if (!classes.containsKey(c) || c.startsWith("shape")) {
                continue;
            }
            Map<String, Double> f;
            switch (c) {
                case "firstorder":
                    f = FirstOrder.compute(vals, d.levelCounts, s.getDouble("voxelArrayShift", 0),
                            sp[0] * sp[1] * sp[2]);
                    break;
                case "glcm":
                    if (classes.containsKey("glrlm")) {
                        runs = runs != null ? runs : Glrlm.count(gray, nb, force2Ddim);
                    }
                    f = Glcm.compute(gray, nb, distances, s.getBoolean("symmetricalGLCM", true), force2Ddim,
                            weighting, spZyx, runs);
                    break;
                case "glrlm":
                    runs = runs != null ? runs : Glrlm.count(gray, nb, force2Ddim);
                    f = Glrlm.features(gray, runs, weighting, spZyx);
                    break;
                case "glszm":
                    f = Glszm.compute(gray, nb, force2Ddim);
                    break;
                case "gldm": {
                    Map<String, Double>[] both = Gldm.computeBoth(gray, nb, distances, force2Ddim,
                            s.getDouble("gldm_a", 0), classes.containsKey("ngtdm"));
                    f = both[0];
                    ngtdm = both[1];
                    break;
                }
                case "ngtdm":
                    f = ngtdm != null ? ngtdm : Ngtdm.compute(gray, nb, distances, force2Ddim);
                    break;
                default:
                    continue;
            }
            putAll(out, imageName + "_" + c + "_", f, classes.get(c));
        }
        return out;
    }

    private static void putAll(Map<String, Object> out, String prefix, Map<String, Double> f, List<String> only) {
        for (Map.Entry<String, Double> e : f.entrySet()) {
            if (only == null || only.isEmpty() || only.contains(e.getKey())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
    }

    /** The images of one image type, by pyradiomics name. */
    static Map<String, float[]> derivedImages(String type, Work w, Settings s) {
        Map<String, float[]> out = new LinkedHashMap<>();
        derivedImages(type, w, s, null, out::put);
        return out;
    }

    /**
     * The same images, each handed to {@code out} as soon as it is made (in the order of the map above).
     *
     * @param columns the (x, y) columns of the working box that hold a voxel of some mask the images serve
     *                ({@link #columns}), or null: the filters may skip what only other columns need (the LoG
     *                and the wavelet do), so voxels outside them are undefined
     */
    static void derivedImages(String type, Work w, Settings s, boolean[] columns,
            java.util.function.BiConsumer<String, float[]> out) {
        int[] size = w.size();
        double[] sp = w.grid().spacing();
        switch (type) {
            case "Original":
                out.accept("original", w.v());
                break;
            case "LoG": {
                int minSize = Math.min(size[0], Math.min(size[1], size[2]));
                if (minSize < 4) {
                    break;
                }
                Object raw = s.raw("sigma");
                List<Object> sigmas = new ArrayList<>();
                if (raw instanceof List<?> l) {
                    sigmas.addAll(l);
                } else if (raw != null) {
                    sigmas.add(raw);
                }
                for (Object o : sigmas) {
                    double sigma = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
                    if (!(sigma > 0)) {
                        continue;
                    }
                    boolean fits = true;
                    for (int d = 0; d < 3; d++) {
                        fits &= size[d] >= Math.ceil(sigma / sp[d]) + 1;
                    }
                    if (!fits) {
                        continue;
                    }
                    out.accept("log-sigma-" + pyStr(o).replace('.', '-') + "-mm-3D",
                            ImageFilters.laplacianOfGaussian(w.v(), size, sp, sigma, columns));
                }
                break;
            }
            case "Wavelet": {
                List<Integer> axes = new ArrayList<>(List.of(0, 1, 2));
                if (s.getBoolean("force2D", false)) {
                    axes.remove(Integer.valueOf(2 - s.getInt("force2Ddimension", 0)));
                }
                int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
                ImageFilters.wavelet(w.v(), size, s.getString("wavelet", "coif1"), s.getInt("level", 1),
                        s.getInt("start_level", 0), ax, columns, out);
                break;
            }
            case "Square":
                out.accept("square", ImageFilters.square(w.v()));
                break;
            case "SquareRoot":
                out.accept("squareroot", ImageFilters.squareRoot(w.v()));
                break;
            case "Logarithm":
                out.accept("logarithm", ImageFilters.logarithm(w.v()));
                break;
            case "Exponential":
                out.accept("exponential", ImageFilters.exponential(w.v()));
                break;
            case "Gradient":
                out.accept("gradient", ImageFilters.gradientMagnitude(w.v(), size, sp,
                        s.getBoolean("gradientUseSpacing", true)));
                break;
            default:
                throw new IllegalArgumentException("unknown image type " + type);
        }
    }

    /** Python's str() of a YAML number (1 → "1", 1.0 → "1.0", 2.5 → "2.5"). */
    static String pyStr(Object o) {
        if (o instanceof Integer || o instanceof Long) {
            return o.toString();
        }
        double d = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
        return Double.toString(d);
    }

    // ---------------------------------------------------------------- preprocessing

    static float[] normalize(float[] v, double scale, double outliers) {
        int n = v.length;
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        double mean = sum / n;
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double z = sd > 0 ? (v[i] - mean) / sd : 0;
            if (!Double.isNaN(outliers)) {
                z = Math.max(-outliers, Math.min(outliers, z));
            }
            out[i] = (float) (z * scale);
        }
        return out;
    }

    static boolean[] resegment(float[] v, boolean[] mask, Settings s) {
        double[] range = s.getDoubles("resegmentRange");
        if (range.length == 0 || range.length > 2) {
            throw new RadiomicsException("Length " + range.length + " is not allowed for resegmentRange");
        }
        double[] th = range.clone();
        java.util.Arrays.sort(th);
        String mode = s.getString("resegmentMode", "absolute");
        if (!mode.equals("absolute")) {
            double mx = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (mask[i]) {
                    mx = Math.max(mx, v[i]);
                    sum += v[i];
                    n++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < v.length; i++) {
                if (mask[i]) {
                    ss += (v[i] - mean) * (v[i] - mean);
                }
            }
            double sd = Math.sqrt(ss / n);
            for (int k = 0; k < th.length; k++) {
                if (mode.equals("relative")) {
                    th[k] = mx * th[k];
                } else if (mode.equals("sigma")) {
                    th[k] = mean + sd * th[k];
                } else {
                    throw new RadiomicsException("Resegment mode " + mode + " not recognized");
                }
            }
        }
        boolean[] out = new boolean[mask.length];
        int kept = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] && v[i] >= th[0] && (th.length < 2 || v[i] <= th[1])) {
                out[i] = true;
                kept++;
            }
        }
        if (kept <= 1) {
            throw new RadiomicsException("Resegmentation excluded too many voxels (retained " + kept
                    + " voxel(s)); cannot extract features");
        }
        return out;
    }

    /** Bounding box {x0, y0, z0, x1, y1, z1} (inclusive). */
    static int[] boundingBox(boolean[] mask, int[] size) {
        int[] bb = Masks.boundingBox(mask, size[0], size[1], size[2]);
        if (bb == null) {
            throw new RadiomicsException("No labels found in this mask (i.e. nothing is segmented)");
        }
        return bb;
    }

    static int[] checkMask(boolean[] mask, int[] size, Settings s) {
        int[] bb = boundingBox(mask, size);
        int ndims = 0;
        for (int d = 0; d < 3; d++) {
            if (bb[d + 3] - bb[d] + 1 > 1) {
                ndims++;
            }
        }
        if (ndims == 0) {
            throw new RadiomicsException("mask only contains 1 segmented voxel! Cannot extract features for a single voxel");
        }
        int minDims = s.getInt("minimumROIDimensions", 2);
        if (ndims < minDims) {
            throw new RadiomicsException("mask has too few dimensions (number of dimensions " + ndims
                    + ", minimum required " + minDims + ")");
        }
        if (s.has("minimumROISize")) {
            int minSize = s.getInt("minimumROISize", 0);
            int n = countTrue(mask);
            if (n <= minSize) {
                throw new RadiomicsException("Size of the ROI is too small (minimum size: " + minSize + ", ROI size: "
                        + n + ")");
            }
        }
        return bb;
    }

    static int countTrue(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    static Roi cropRoi(Grid grid, float[] v, boolean[] mask, int[] bb) {
        int nx = grid.nx();
        int ny = grid.ny();
        int cx = bb[3] - bb[0] + 1;
        int cy = bb[4] - bb[1] + 1;
        int cz = bb[5] - bb[2] + 1;
        float[] cv = new float[cx * cy * cz];
        boolean[] cm = new boolean[cv.length];
        for (int z = 0; z < cz; z++) {
            for (int y = 0; y < cy; y++) {
                int src = bb[0] + nx * ((y + bb[1]) + ny * (z + bb[2]));
                int dst = cx * (y + cy * z);
                System.arraycopy(v, src, cv, dst, cx);
                System.arraycopy(mask, src, cm, dst, cx);
            }
        }
        return new Roi(cx, cy, cz, cv, cm, grid.spacing());
    }

    /** Crop to the bounding box grown by pad voxels (clamped to the image). */
    static Work crop(Work w, int[] bb, int pad) {
        int[] size = w.size();
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int d = 0; d < 3; d++) {
            lo[d] = Math.max(0, bb[d] - pad);
            hi[d] = Math.min(size[d] - 1, bb[d + 3] + pad);
        }
        Roi r = cropRoi(w.grid(), w.v(), w.mask(), new int[] {lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]});
        Grid g = w.grid().crop(lo[0], lo[1], lo[2], r.nx(), r.ny(), r.nz());
        return new Work(g, r.values(), r.mask(), w.type());
    }

    /** pyradiomics' resampleImage: a grid of the new spacing around the mask's bounding box ± padDistance. */
    static Work resample(Work w, double[] newSpacing, Resampler.Interpolator interp, int pad) {
        return resample(w, newSpacing, interp, pad, new ResampledImages());
    }

    /**
     * Images resampled from one source array, by output grid: masks with the same bounding box ask for the same
     * grid and get the same array (not modified by anyone).
     */
    static final class ResampledImages {
        private record Key(float[] source, List<Double> start, List<Double> step, List<Integer> size) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.source == source && k.start.equals(start) && k.step.equals(step)
                        && k.size.equals(size);
            }

            @Override
            public int hashCode() {
                return System.identityHashCode(source) + 31 * (start.hashCode() + 31 * size.hashCode());
            }
        }

        private final Map<Key, float[]> images = new java.util.HashMap<>();

        float[] get(float[] source, double[] start, double[] step, int[] size,
                java.util.function.Supplier<float[]> make) {
            Key k = new Key(source, java.util.Arrays.stream(start).boxed().toList(),
                    java.util.Arrays.stream(step).boxed().toList(), java.util.Arrays.stream(size).boxed().toList());
            return images.computeIfAbsent(k, x -> make.get());
        }
    }

    static Work resample(Work w, double[] newSpacing, Resampler.Interpolator interp, int pad,
            ResampledImages resampled) {
        if (newSpacing.length != 3) {
            throw new RadiomicsException("resampledPixelSpacing needs 3 values, got " + newSpacing.length);
        }
        double[] sp = w.grid().spacing();
        int[] size = w.size();
        int[] bb = boundingBox(w.mask(), size);
        double[] ns = new double[3];
        boolean same = true;
        for (int d = 0; d < 3; d++) {
            ns[d] = newSpacing[d] == 0 ? sp[d] : newSpacing[d];
            if (bb[d + 3] - bb[d] + 1 == 1) {
                ns[d] = sp[d];
            }
            same &= Math.abs(sp[d] - ns[d]) <= 1e-8 + 1e-5 * Math.abs(ns[d]);
        }
        if (same) {
            return crop(w, bb, pad);
        }
        int[] newSize = new int[3];
        double[] start = new double[3];
        double[] step = new double[3];
        for (int d = 0; d < 3; d++) {
            double ratio = sp[d] / ns[d];
            double lb = Math.floor((bb[d] - 0.5) * ratio - pad);
            double ub = Math.ceil((bb[d + 3] + 1 - 0.5) * ratio + pad);
            double maxUb = Math.ceil(size[d] * ratio) - 1;
            lb = Math.max(lb, 0);
            ub = Math.min(ub, maxUb);
            newSize[d] = (int) (ub - lb + 1);
            double originIndex = 0.5 * (ns[d] - sp[d]) / sp[d];
            start[d] = originIndex + lb / ratio;
            step[d] = ns[d] / sp[d];
        }
        float[] img = resampled.get(w.v(), start, step, newSize, () -> {
            float[] r = Resampler.resample(w.v(), size, start, step, newSize, interp);
            if (w.type().isInteger()) {
                for (int i = 0; i < r.length; i++) {
                    r[i] = (float) w.type().cast(r[i]);
                }
            }
            return r;
        });
        float[] mf = new float[w.mask().length];
        for (int i = 0; i < mf.length; i++) {
            mf[i] = w.mask()[i] ? 1 : 0;
        }
        float[] rm = Resampler.resample(mf, size, start, step, newSize, Resampler.Interpolator.NEAREST);
        boolean[] mask = new boolean[rm.length];
        for (int i = 0; i < rm.length; i++) {
            mask[i] = rm[i] > 0.5f;
        }
        double[] origin = w.grid().indexToWorld(start[0], start[1], start[2]);
        Grid g = new Grid(newSize[0], newSize[1], newSize[2], origin, ns, w.grid().direction());
        return new Work(g, img, mask, w.type());
    }

    /** Nearest-neighbour resampling of a mask onto the image grid (pyradiomics' correctMask). */
    static Mask correctMask(Grid image, Mask mask) {
        Grid mg = mask.grid();
        boolean[] out = new boolean[(int) image.voxelCount()];
        int nin = 0;
        for (int k = 0; k < image.nz(); k++) {
            for (int j = 0; j < image.ny(); j++) {
                for (int i = 0; i < image.nx(); i++) {
                    double[] w = image.indexToWorld(i, j, k);
                    double[] c = mg.worldToIndex(w[0], w[1], w[2]);
                    int x = (int) Math.floor(c[0] + 0.5);
                    int y = (int) Math.floor(c[1] + 0.5);
                    int z = (int) Math.floor(c[2] + 0.5);
                    if (x >= 0 && y >= 0 && z >= 0 && x < mg.nx() && y < mg.ny() && z < mg.nz()
                            && mask.inside()[mg.index(x, y, z)]) {
                        out[image.index(i, j, k)] = true;
                        nin++;
                    }
                }
            }
        }
        if (nin == 0) {
            throw new RadiomicsException("Bounding box of ROI is outside the image space");
        }
        return new Mask(image, out);
    }

    // ---------------------------------------------------------------- diagnostics

    static void addImageDiagnostics(Map<String, Object> out, String stage, Grid g, float[] v) {
        String p = "diagnostics_Image-" + stage + "_";
        double sum = 0;
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            sum += x;
            mn = Math.min(mn, x);
            mx = Math.max(mx, x);
        }
        out.put(p + "Dimensionality", "3D");
        out.put(p + "Spacing", tuple(g.spacing()));
        out.put(p + "Size", "(" + g.nx() + ", " + g.ny() + ", " + g.nz() + ")");
        out.put(p + "Mean", sum / v.length);
        out.put(p + "Minimum", mn);
        out.put(p + "Maximum", mx);
    }

    static void addMaskDiagnostics(Map<String, Object> out, String stage, Grid g, boolean[] mask, float[] image) {
        String p = "diagnostics_Mask-" + stage + "_";
        int[] size = {g.nx(), g.ny(), g.nz()};
        int[] bb = boundingBox(mask, size);
        int n = countTrue(mask);
        double[] com = new double[3];
        double sum = 0;
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        // the voxels in index order, their coordinates from the loops (three divisions a voxel cost more than the sums)
        for (int z = 0, i = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++, i++) {
                    if (mask[i]) {
                        com[0] += x;
                        com[1] += y;
                        com[2] += z;
                        if (image != null) {
                            sum += image[i];
                            mn = Math.min(mn, image[i]);
                            mx = Math.max(mx, image[i]);
                        }
                    }
                }
            }
        }
        for (int d = 0; d < 3; d++) {
            com[d] /= n;
        }
        out.put(p + "Spacing", tuple(g.spacing()));
        out.put(p + "Size", "(" + g.nx() + ", " + g.ny() + ", " + g.nz() + ")");
        out.put(p + "BoundingBox", String.format(Locale.ROOT, "(%d, %d, %d, %d, %d, %d)", bb[0], bb[1], bb[2],
                bb[3] - bb[0] + 1, bb[4] - bb[1] + 1, bb[5] - bb[2] + 1));
        out.put(p + "VoxelNum", n);
        out.put(p + "VolumeNum", components(mask, size));
        out.put(p + "CenterOfMassIndex", tuple(com));
        out.put(p + "CenterOfMass", tuple(g.indexToWorld(com[0], com[1], com[2])));
        if (image != null) {
            out.put(p + "Mean", sum / n);
            out.put(p + "Minimum", mn);
            out.put(p + "Maximum", mx);
        }
    }

    /** Number of face-connected components (SimpleITK ConnectedComponent default). */
    static int components(boolean[] mask, int[] size) {
        boolean[] seen = new boolean[mask.length];
        int[] stack = new int[64];
        int nx = size[0];
        int ny = size[1];
        int nz = size[2];
        int nxy = nx * ny;
        int comps = 0;
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i] || seen[i]) {
                continue;
            }
            comps++;
            int top = 0;
            stack[top++] = i;
            seen[i] = true;
            while (top > 0) {
                int k = stack[--top];
                int x = k % nx;
                int y = (k / nx) % ny;
                int z = k / nxy;
                if (top + 6 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                top = visit(mask, seen, stack, top, x > 0, k - 1);
                top = visit(mask, seen, stack, top, x < nx - 1, k + 1);
                top = visit(mask, seen, stack, top, y > 0, k - nx);
                top = visit(mask, seen, stack, top, y < ny - 1, k + nx);
                top = visit(mask, seen, stack, top, z > 0, k - nxy);
                top = visit(mask, seen, stack, top, z < nz - 1, k + nxy);
            }
        }
        return comps;
    }

    private static int visit(boolean[] mask, boolean[] seen, int[] stack, int top, boolean inBox, int j) {
        if (inBox && mask[j] && !seen[j]) {
            seen[j] = true;
            stack[top++] = j;
        }
        return top;
    }

    static String tuple(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(v[i]);
        }
        return sb.append(')').toString();
    }
}
