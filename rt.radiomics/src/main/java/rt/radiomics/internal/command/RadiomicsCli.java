package rt.radiomics.internal.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
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
 */
public final class RadiomicsCli {

    public static final String USAGE = "--image IMG --mask MASK [--params P.yaml] [--label N] [--roi NAME] "
            + "[--out f.csv]";

    private RadiomicsCli() {
    }

    public static Map<String, Object> run(String[] args, PrintStream out) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + k + "'; usage: radiomics " + USAGE);
            }
            a.put(k.substring(2), args[++i]);
        }
        for (String k : a.keySet()) {
            if (!List.of("image", "mask", "params", "label", "roi", "out").contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k + "; usage: radiomics " + USAGE);
            }
        }
        if (!a.containsKey("image") || !a.containsKey("mask")) {
            throw new IllegalArgumentException("--image and --mask are required; usage: radiomics " + USAGE);
        }
        Path img = Path.of(a.get("image"));
        Path msk = Path.of(a.get("mask"));
        RadiomicsParams params = a.containsKey("params") ? RadiomicsParams.load(Path.of(a.get("params")))
                : RadiomicsParams.defaults();
        int label = a.containsKey("label") ? Integer.parseInt(a.get("label"))
                : ((Number) params.settings().getOrDefault("label", 1)).intValue();
        RadiomicsImage image;
        Mask mask;
        if (Files.isDirectory(img)) {
            Volume v = ImageSeriesReader.readFolder(img, null).volume();
            image = new RadiomicsImage(v.grid(), v.voxels(), PixelType.FLOAT32);
            if (!a.containsKey("roi")) {
                throw new IllegalArgumentException("a DICOM series needs --roi NAME of the RTSTRUCT " + msk);
            }
            RtStruct rs = RtStructReader.read(msk);
            rt.dicom.rt.Roi roi = rs.roi(a.get("roi")).orElseThrow(
                    () -> new IllegalArgumentException(msk + ": no ROI named '" + a.get("roi") + "'"));
            List<double[]> polys = new ArrayList<>();
            for (Contour c : roi.contours()) {
                if (c.type() == ContourType.CLOSED_PLANAR || c.type() == ContourType.CLOSEDPLANAR_XOR) {
                    polys.add(c.points());
                }
            }
            mask = Masks.embed(Rasterizer.mask(v.grid(), polys), v.grid());
        } else {
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
            image = new RadiomicsImage(v.grid(), v.voxels(), t);
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
        row.putAll(new RadiomicsExtractor(params).execute(image, mask));
        if (a.containsKey("out")) {
            FeatureTable.write(Path.of(a.get("out")), List.of(row));
            out.println("wrote " + (row.size() - 2) + " values to " + a.get("out"));
        } else {
            Path tmp = Files.createTempFile("radiomics", ".csv");
            try {
                FeatureTable.write(tmp, List.of(row));
                out.print(Files.readString(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return row;
    }
}
