package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import rt.course.ModelFolder;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.api.CommandExit;
import rt.api.Lease;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.ImageSeriesReader;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.SeriesVolume;
import rt.nifti.ImageFiles;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;
import rt.segmentation.engine.SegmentationService;

/** {@code rt:segment} and {@code rt:models}. */
@Component(service = SegmentCommands.class, property = {"osgi.command.scope=rt", "osgi.command.function=segment",
        "osgi.command.function=models"})
public final class SegmentCommands {

    static final String SEGMENT_USAGE = "rt:segment --input CT --out DIR [--model NAME] [--device auto|cpu|cuda] "
            + "[--threads N] [--roi-subset ROI,ROI...]   (CT = NIfTI/NRRD file or DICOM series folder)";

    private final SegmentationService service;
    private final ResourceBroker broker;

    /** The broker is the platform's one arbiter: rt:segment takes its cores (and GPU slot) from it like a run does. */
    @Activate
    public SegmentCommands(@Reference SegmentationService service, @Reference ResourceBroker broker) {
        this.service = service;
        this.broker = broker;
    }

    @Descriptor("list the installed segmentation models, best first")
    public void models(CommandSession session) {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        System.out.print(modelsTable(service.models(),
                service instanceof SegmentationServiceImpl impl ? impl.problems() : List.of()));
    }

    static String modelsTable(List<SegmentationModel> models, List<String> problems) {
        StringBuilder sb = new StringBuilder();
        if (models.isEmpty()) {
            sb.append("no segmentation models installed (drop a model bundle into deploy/ or a model folder into "
                    + "models/)\n");
        } else {
            sb.append(String.format(Locale.ROOT, "%-24s %4s %-4s %-16s %-14s %6s %5s %-7s %s%n", "model", "rank",
                    "mod", "spacing mm", "patch", "labels", "nets", "origin", "location"));
        }
        for (SegmentationModel m : models) {
            ModelDescriptor d = m.descriptor();
            int nets = d.parts().stream().mapToInt(p -> p.folds().size()).sum();
            sb.append(String.format(Locale.ROOT, "%-24s %4d %-4s %-16s %-14s %6d %5d %-7s %s%n", m.name(), d.rank(),
                    d.modality(), fmt(d.spacing()), d.patchSize()[0] + "x" + d.patchSize()[1] + "x"
                            + d.patchSize()[2], d.labels().size(), nets, m.origin(), m.source().location()));
            if (d.requires() != null) {
                sb.append("    runs only when the course's total result shows ").append(String.join(" + ",
                        d.requires().regions())).append(d.requires().rois().isEmpty() ? "" : (d.requires().regions()
                                .isEmpty() ? "" : " and ") + "one of " + d.requires().rois())
                        .append(d.requires().cropMargin() == null ? "" : ", on their crop").append('\n');
            }
            if (d.roiSubsetCrop() != null) {
                sb.append("    roi_subset: crops to what ").append(d.roiSubsetCrop().locator()).append(" finds\n");
            }
        }
        for (String p : problems) {
            sb.append("problem: ").append(p).append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double[] s) {
        return String.format(Locale.ROOT, "%.4gx%.4gx%.4g", s[0], s[1], s[2]);
    }

    @Descriptor("segment one CT with an installed model: " + SEGMENT_USAGE)
    public void segment(CommandSession session, @Descriptor("flags") String... args) throws Exception {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        execute(args, Path.of(System.getProperty("user.dir")), System.out);
    }

    /** Runs rt:segment; returns the manifest path. Bad usage → IllegalArgumentException. */
    Path execute(String[] args, Path cwd, PrintStream out) throws Exception {
        String input = null;
        String outDir = null;
        String modelName = null;
        String device = "auto";
        int threads = 0; // 0 = as many cores as the broker grants
        List<String> roiSubset = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println("usage: " + SEGMENT_USAGE);
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a + "; usage: " + SEGMENT_USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--input" -> input = v;
                case "--out" -> outDir = v;
                case "--model" -> modelName = v;
                case "--device" -> device = v;
                case "--roi-subset" -> {
                    for (String r : v.split(",")) {
                        if (!r.isBlank()) {
                            roiSubset.add(r.trim());
                        }
                    }
                }
                case "--threads" -> {
                    try {
                        threads = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--threads needs a number, not '" + v + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown flag " + a + "; usage: " + SEGMENT_USAGE);
            }
        }
        if (input == null || outDir == null) {
            throw new IllegalArgumentException("--input and --out are required; usage: " + SEGMENT_USAGE);
        }
        SegmentationModel model;
        if (modelName != null) {
            String n = modelName;
            model = service.model(n).orElseThrow(() -> new IllegalArgumentException("no installed model named '"
                    + n + "'; installed: " + service.models().stream().map(SegmentationModel::name).toList()));
        } else {
            model = service.best().orElseThrow(() -> new IllegalArgumentException(
                    "no segmentation model installed (rt:models)"));
        }
        Path in = cwd.resolve(input);
        Path dir = cwd.resolve(outDir);
        Volume image;
        Outputs.Reference ref;
        if (Files.isDirectory(in)) {
            SeriesVolume s = ImageSeriesReader.readFolder(in, null);
            image = s.volume();
            s.warnings().forEach(w -> out.println("warning: " + w));
            if (s.seriesInstanceUid().isEmpty() || s.sopInstanceUids().stream().anyMatch(u -> u == null
                    || u.isBlank())) {
                // stripped by an anonymiser: nothing to reference slice by slice, so the RTSTRUCT gets its own
                // study and names only the frame of reference, as for NIfTI input
                out.println("warning: " + in + ": the images lack Series/SOP Instance UIDs; RS file references "
                        + "their frame of reference only");
                ref = Outputs.Reference.newStudy(in.getFileName().toString(), s.frameOfReferenceUid());
            } else {
                ref = new Outputs.Reference(PatientStudy.of(firstHeader(in, s.seriesInstanceUid())),
                        ReferencedSeries.of(s));
            }
        } else if (Files.isRegularFile(in)) {
            image = ImageFiles.readVolume(in, Quantity.HU);
            String patient = in.getFileName().toString().replaceAll("\\.nii(\\.gz)?$|\\.nrrd$|\\.nhdr$", "");
            ref = Outputs.Reference.newStudy(patient, null);
        } else {
            throw new IllegalArgumentException(in + ": no such file or folder");
        }
        SegmentationResult r;
        boolean wantsGpu = !device.equals("cpu") && broker.gpuSlots() > 0;
        try (Lease lease = broker.acquire(new ResourceNeeds(threads > 0 ? threads : broker.cpuBudget(),
                wantsGpu ? 1 : 0, 0, true))) {
            String onDevice = device.equals("auto") && lease.gpuSlots() == 0 ? "cpu" : device;
            out.println("segmenting " + in + " (" + image.grid() + ") with " + model.name() + " on " + lease.cpuCores()
                    + " threads (broker lease) ...");
            r = service.segment(image, model, new SegmentOptions(onDevice, lease.cpuCores(), Double.NaN, null, null,
                    Math.max(0, lease.gpuDevice()), java.util.Set.copyOf(roiSubset)));
        }
        ModelFolder folder = new ModelFolder(model.name(), dir);
        Outputs.write(folder, model, r, ref, in.toString());
        out.printf(Locale.ROOT, "%s: %d forward passes on %s, parts %s; %s%n", model.name(), r.tiles(), r.device(),
                r.partsRun(),
                r.timings().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(),
                        e.getValue())).toList());
        for (var e : new java.util.TreeMap<>(r.labels().names()).entrySet()) {
            long n = 0;
            short l = e.getKey().shortValue();
            for (short s : r.labels().labels()) {
                if (s == l) {
                    n++;
                }
            }
            out.printf(Locale.ROOT, "  %3d %-32s %10.1f cc%n", e.getKey(), e.getValue(),
                    n * image.grid().voxelVolumeMm3() / 1000);
        }
        out.println("wrote " + folder.labels() + ", " + folder.rtStruct() + ", " + folder.manifest());
        return folder.manifest();
    }

    private static DicomObject firstHeader(Path folder, String seriesUid) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            try {
                DicomObject h = DicomReader.readHeader(f).dataset();
                if (seriesUid.equals(h.getString(Tag.SeriesInstanceUID))) {
                    return h;
                }
            } catch (IOException e) {
                // not DICOM: skip
            }
        }
        throw new IOException(folder + ": no DICOM file of series " + seriesUid);
    }
}
