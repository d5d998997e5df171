package rt.radiomics.internal.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.BatchFile;
import rt.dicom.rt.Contour;
import rt.dicom.rt.ContourType;
import rt.dicom.rt.ImageSeriesReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.imaging.Masks;
import rt.imaging.Rasterizer;
import rt.nifti.ImageFiles;
import rt.nifti.ImageHeader;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsExtractor;
import rt.radiomics.RadiomicsImage;
import rt.radiomics.RadiomicsParams;
import rt.radiomics.internal.stage.FeatureTable;

/**
 * {@code radiomics --image IMG --mask MASK [--params P.yaml] [--label N] [--roi NAME] [--out f.csv]}, like
 * pyradiomics' CLI: IMG/MASK as NIfTI or NRRD, or IMG a DICOM series folder and MASK an RTSTRUCT with --roi.
 * {@code --batch LIST} takes many (image, mask) pairs in one call, one per line of LIST, so that a cohort pays the
 * command's start-up once; their rows go into one table. {@code --image-types} and {@code --feature-classes} keep
 * only some of the parameters' image types and classes (for timing them apart, or a quicker look).
 */
public final class RadiomicsCli {

    public static final String USAGE = "--image IMG --mask MASK [--roi NAME | --label N] | --batch LIST, "
            + "[--params P.yaml | --modality CT|MR] [--image-types Original,LoG,...] [--feature-classes shape,glcm,...]"
            + " [--out f.csv]   (LIST: one '--image IMG --mask MASK [--roi NAME | --label N]' per line, # comments;"
            + " relative paths are relative to LIST's folder)";

    private static final Set<String> INPUT_KEYS = Set.of("image", "mask", "roi", "label");
    private static final Set<String> SHARED_KEYS = Set.of("params", "modality", "image-types", "feature-classes",
            "out", "batch");

    private RadiomicsCli() {
    }

    /** One image and mask, or a batch; returns the (first) row. */
    public static Map<String, Object> run(String[] args, PrintStream out) throws IOException {
        Map<String, String> a = options(args, true);
        if (a.containsKey("batch")) {
            List<Map<String, Object>> rows = runBatch(a, out);
            return rows.isEmpty() ? Map.of() : rows.get(0);
        }
        if (!a.containsKey("image") || !a.containsKey("mask")) {
            throw new IllegalArgumentException("--image and --mask are required; usage: radiomics " + USAGE);
        }
        Map<String, Object> row = extract(a, params(a), null, new ImageCache());
        write(a, List.of(row), out);
        return row;
    }

    /**
     * Every line of {@code --batch LIST} with the shared options; a line that fails is reported (file, line, reason)
     * and the others go on. The table holds the rows that succeeded; then, if any failed, an exception says how many.
     */
    static List<Map<String, Object>> runBatch(Map<String, String> a, PrintStream out) throws IOException {
        for (String k : INPUT_KEYS) {
            if (a.containsKey(k)) {
                throw new IllegalArgumentException("--" + k + " belongs in the lines of --batch " + a.get("batch"));
            }
        }
        BatchFile list = BatchFile.read(Path.of(a.get("batch")));
        RadiomicsParams params = params(a);
        List<Map<String, Object>> rows = new ArrayList<>();
        int failed = 0;
        ImageCache cache = new ImageCache();
        for (BatchFile.Entry e : list.entries()) {
            try {
                Map<String, String> one = options(e.args().toArray(String[]::new), false);
                if (!one.containsKey("image") || !one.containsKey("mask")) {
                    throw new IllegalArgumentException("--image and --mask are required");
                }
                rows.add(extract(one, params, list, cache));
            } catch (IllegalArgumentException | IOException | IllegalStateException ex) {
                failed++;
                out.println("rt:radiomics: " + list.file() + " line " + e.line() + ": " + ex.getMessage());
            }
        }
        if (!rows.isEmpty()) {
            write(a, rows, out);
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + list.entries().size() + " inputs of " + list.file()
                    + " failed (listed above)");
        }
        return rows;
    }

    /** Parses {@code --key value} pairs; {@code shared} allows the command-level options too. */
    static Map<String, String> options(String[] args, boolean shared) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + k + "'; usage: radiomics " + USAGE);
            }
            String key = k.substring(2);
            if (!INPUT_KEYS.contains(key) && !(shared && SHARED_KEYS.contains(key))) {
                throw new IllegalArgumentException("unknown option --" + key + "; usage: radiomics " + USAGE);
            }
            a.put(key, args[++i]);
        }
        return a;
    }

    /** The parameters: a file, or the bundled set of a modality, or the defaults; then the selections. */
    static RadiomicsParams params(Map<String, String> a) throws IOException {
        if (a.containsKey("params") && a.containsKey("modality")) {
            throw new IllegalArgumentException("--params and --modality exclude each other");
        }
        RadiomicsParams p;
        if (a.containsKey("params")) {
            p = RadiomicsParams.load(Path.of(a.get("params")));
        } else if (a.containsKey("modality")) {
            String m = a.get("modality");
            if (!m.equalsIgnoreCase("CT") && !m.equalsIgnoreCase("MR")) {
                throw new IllegalArgumentException("--modality must be CT or MR, not '" + m + "'");
            }
            p = RadiomicsParams.bundled(m);
        } else {
            p = RadiomicsParams.defaults();
        }
        Map<String, Map<String, Object>> types = null;
        if (a.containsKey("image-types")) {
            types = new LinkedHashMap<>();
            for (String t : a.get("image-types").split(",")) {
                if (!p.imageTypes().containsKey(t.strip())) {
                    throw new IllegalArgumentException("--image-types: '" + t.strip() + "' is not among the parameters'"
                            + " image types " + p.imageTypes().keySet());
                }
                types.put(t.strip(), p.imageTypes().get(t.strip()));
            }
        }
        Map<String, List<String>> classes = null;
        if (a.containsKey("feature-classes")) {
            classes = new LinkedHashMap<>();
            for (String c : a.get("feature-classes").split(",")) {
                if (!p.featureClasses().containsKey(c.strip())) {
                    throw new IllegalArgumentException("--feature-classes: '" + c.strip() + "' is not among the"
                            + " parameters' classes " + p.featureClasses().keySet());
                }
                classes.put(c.strip(), p.featureClasses().get(c.strip()));
            }
        }
        return types == null && classes == null ? p : p.with(types, classes);
    }

    /** The last image read, kept for the next line of a batch (many ROIs of one CT read it once). */
    static final class ImageCache {
        private Path path;
        private RadiomicsImage image;

        RadiomicsImage get(Path p, Callable<RadiomicsImage> read) throws IOException {
            if (!p.equals(path)) {
                image = null;
                path = null;
                try {
                    image = read.call();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e.getMessage(), e);
                }
                path = p;
            }
            return image;
        }
    }

    /** One row; paths of a batch line are resolved against the list ({@code list} null: as given). */
    private static Map<String, Object> extract(Map<String, String> a, RadiomicsParams params, BatchFile list,
            ImageCache cache) throws IOException {
        Path img = list == null ? Path.of(a.get("image")) : list.resolve(a.get("image"));
        Path msk = list == null ? Path.of(a.get("mask")) : list.resolve(a.get("mask"));
        int label = a.containsKey("label") ? Integer.parseInt(a.get("label"))
                : ((Number) params.settings().getOrDefault("label", 1)).intValue();
        RadiomicsImage image;
        Mask mask;
        if (Files.isDirectory(img)) {
            if (!a.containsKey("roi")) {
                throw new IllegalArgumentException("a DICOM series needs --roi NAME of the RTSTRUCT " + msk);
            }
            image = cache.get(img.toAbsolutePath().normalize(), () -> {
                Volume v = ImageSeriesReader.readFolder(img, null).volume();
                return new RadiomicsImage(v.grid(), v.voxels(), PixelType.FLOAT32);
            });
            RtStruct rs = RtStructReader.read(msk);
            rt.dicom.rt.Roi roi = rs.roi(a.get("roi")).orElseThrow(
                    () -> new IllegalArgumentException(msk + ": no ROI named '" + a.get("roi") + "'"));
            List<double[]> polys = new ArrayList<>();
            for (Contour c : roi.contours()) {
                if (c.type() == ContourType.CLOSED_PLANAR || c.type() == ContourType.CLOSEDPLANAR_XOR) {
                    polys.add(c.points());
                }
            }
            mask = Masks.embed(Rasterizer.mask(image.grid(), polys), image.grid());
        } else {
            image = cache.get(img.toAbsolutePath().normalize(), () -> {
                ImageHeader h = ImageFiles.readHeader(img);
                Volume v = ImageFiles.readVolume(img, Quantity.INTENSITY);
                PixelType t = h.slope() == 1 && h.intercept() == 0 ? switch (h.type()) {
                    case INT16 -> PixelType.INT16;
                    case UINT8 -> PixelType.UINT8;
                    case INT8 -> PixelType.INT8;
                    case UINT16 -> PixelType.UINT16;
                    case INT32 -> PixelType.INT32;
                    case FLOAT64 -> PixelType.FLOAT64;
                    default -> PixelType.FLOAT32;
                } : PixelType.FLOAT32;
                return new RadiomicsImage(v.grid(), v.voxels(), t);
            });
            Volume m = ImageFiles.readVolume(msk, Quantity.OTHER);
            boolean[] in = new boolean[m.voxels().length];
            for (int i = 0; i < in.length; i++) {
                in[i] = Math.round(m.voxels()[i]) == label;
            }
            mask = new Mask(m.grid(), in);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Image", img.toString());
        row.put("Mask", msk.toString());
        if (a.containsKey("roi")) {
            row.put("ROI", a.get("roi"));
        }
        row.putAll(new RadiomicsExtractor(params).execute(image, mask));
        return row;
    }

    private static void write(Map<String, String> a, List<Map<String, Object>> rows, PrintStream out)
            throws IOException {
        if (a.containsKey("out")) {
            FeatureTable.write(Path.of(a.get("out")), rows);
            int values = rows.stream().mapToInt(r -> r.size() - 2).sum();
            out.println("wrote " + values + " values" + (rows.size() > 1 ? " (" + rows.size() + " rows)" : "")
                    + " to " + a.get("out"));
        } else {
            Path tmp = Files.createTempFile("radiomics", ".csv");
            try {
                FeatureTable.write(tmp, rows);
                out.print(Files.readString(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
