package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.nifti.Nifti;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/** rt:segment end to end on the rule model: NIfTI and DICOM-series input, outputs, dciodvfy; rt:model-pack. */
@ExtendWith(SurefireStyleSummary.class)
class SegmentCommandTest {

    @TempDir
    Path tmp;

    static SegmentationServiceImpl serviceWithRulesModel() {
        SegmentationServiceImpl.Config config = (SegmentationServiceImpl.Config) Proxy.newProxyInstance(
                SegmentCommandTest.class.getClassLoader(), new Class<?>[] {SegmentationServiceImpl.Config.class},
                (p, m, a) -> m.getName().equals("model_dirs") ? new String[0] : null);
        SegmentationServiceImpl s = new SegmentationServiceImpl(config);
        s.scanFolders(List.of(RuleModelDiceTest.rulesModel()));
        return s;
    }

    @Test
    void segmentsADicomSeriesAndWritesLabelsRtstructAndManifest() throws Exception {
        Volume ct = Nifti.readVolume(RefData.resolve("totalseg-example/example_ct.nii.gz"), Quantity.HU);
        Path series = tmp.resolve("CT");
        new CtSeriesWriter(PatientStudy.newStudy("SEG01", "Seg^Test"), Uids.create(), ct).write(series);
        SegmentationServiceImpl service = serviceWithRulesModel();
        assertEquals(List.of("rules"), service.models().stream().map(m -> m.name()).toList());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = tmp.resolve("out");
        Path manifest = new SegmentCommands(service, new FixedBudgetBroker(8, 0))
                .execute(new String[] {"--input", series.toString(), "--out",
            out.toString(), "--threads", "2"}, tmp, new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("lung"), text);
        assertTrue(text.contains("on 2 threads (broker lease)"), text);

        JsonNode m = new ObjectMapper().readTree(manifest.toFile());
        assertEquals("rules", m.get("model").asText());
        assertEquals("cpu", m.get("device").asText());
        var labels = Nifti.readLabels(out.resolve("labels.nii.gz"), java.util.Map.of());
        assertTrue(labels.grid().sameAs(ct.grid(), 1e-3), labels.grid() + " vs " + ct.grid());

        RtStruct rs = RtStructReader.read(out.resolve("RS_rules.dcm"));
        assertEquals(List.of("body", "lung", "bone"), rs.rois().stream().map(r -> r.name()).toList());
        assertFalse(rs.rois().get(1).contours().isEmpty());
        dciodvfy(out.resolve("RS_rules.dcm"));
    }

    @Test
    void seriesStrippedOfItsSeriesUidIsSegmentedAndTheRtstructNamesItsFrameOfReference() throws Exception {
        Volume ct = Nifti.readVolume(RefData.resolve("totalseg-example/example_ct.nii.gz"), Quantity.HU);
        Path series = tmp.resolve("CT");
        String frame = Uids.create();
        for (Path f : new CtSeriesWriter(PatientStudy.newStudy("SEG02", "Seg^Test"), frame, ct).write(series)) {
            DicomObject ds = DicomReader.read(f).dataset();
            ds.remove(Tag.SeriesInstanceUID);
            DicomWriter.write(ds, f);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = tmp.resolve("out");
        new SegmentCommands(serviceWithRulesModel(), new FixedBudgetBroker(2, 0))
                .execute(new String[] {"--input", series.toString(), "--out",
            out.toString()}, tmp, new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("no Series Instance UID") && text.contains("frame of reference only"), text);
        DicomObject rs = DicomReader.read(out.resolve("RS_rules.dcm")).dataset();
        assertEquals(frame, rs.getSequence(Tag.ReferencedFrameOfReferenceSequence).get(0)
                .getString(Tag.FrameOfReferenceUID));
        assertEquals(3, RtStructReader.read(out.resolve("RS_rules.dcm")).rois().size());
        dciodvfy(out.resolve("RS_rules.dcm"));
    }

    @Test
    void segmentsANiftiFileWithTheDefaultModelAndRejectsBadUsage() throws Exception {
        SegmentationServiceImpl service = serviceWithRulesModel();
        FixedBudgetBroker broker = new FixedBudgetBroker(3, 0);
        SegmentCommands cmd = new SegmentCommands(service, broker);
        Path in = RefData.resolve("totalseg-example/example_ct.nii.gz");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path manifest = cmd.execute(new String[] {"--input", in.toString(), "--out", "o"}, tmp, quiet);
        assertTrue(Files.isRegularFile(manifest));
        assertTrue(Files.isRegularFile(tmp.resolve("o").resolve("RS_rules.dcm")));
        assertEquals(List.of(new rt.api.ResourceNeeds(3, 0, 0, true)), broker.granted,
                "without --threads, rt:segment asks the broker for its whole budget");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cmd.execute(new String[] {"--input", in.toString(), "--out", "o", "--model", "nope"}, tmp,
                        quiet));
        assertTrue(e.getMessage().contains("no installed model named 'nope'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cmd.execute(new String[] {"--out", "o"}, tmp, quiet));
    }

    @Test
    void roiSubsetKeepsOnlyTheNamedRoisInEveryOutput() throws Exception {
        SegmentCommands cmd = new SegmentCommands(serviceWithRulesModel(), new FixedBudgetBroker(2, 0));
        Path in = RefData.resolve("totalseg-example/example_ct.nii.gz");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path manifest = cmd.execute(new String[] {"--input", in.toString(), "--out", "sub", "--roi-subset",
            "lung"}, tmp, quiet);
        JsonNode m = new ObjectMapper().readTree(manifest.toFile());
        assertEquals(1, m.get("rois").size());
        assertEquals("lung", m.get("rois").get(0).get("name").asText());
        var labels = Nifti.readLabels(tmp.resolve("sub/labels.nii.gz"), java.util.Map.of());
        long lung = 0;
        for (short l : labels.labels()) {
            assertTrue(l == 0 || l == 2, "label " + l);
            lung += l;
        }
        assertTrue(lung > 0, "lung voxels");
        assertEquals(List.of("lung"), RtStructReader.read(tmp.resolve("sub/RS_rules.dcm")).rois().stream()
                .map(r -> r.name()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cmd.execute(new String[] {
            "--input", in.toString(), "--out", "bad", "--roi-subset", "lung,liver"}, tmp, quiet));
        assertTrue(e.getMessage().startsWith("roi_subset: model rules has no ROI named [liver]"), e.getMessage());
    }

    @Test
    void modelPackWritesABundleWithTheRtModelHeader() throws Exception {
        Path jar = tmp.resolve("rules.jar");
        ModelPacker.pack(RuleModelDiceTest.rulesModel(), jar, "2.0.0");
        try (JarFile j = new JarFile(jar.toFile())) {
            var a = j.getManifest().getMainAttributes();
            assertEquals("model/model.yaml", a.getValue("RT-Model"));
            assertEquals("rt.model.rules", a.getValue("Bundle-SymbolicName"));
            assertEquals("2.0.0", a.getValue("Bundle-Version"));
            assertTrue(j.getEntry("model/rules.onnx") != null);
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> ModelPacker.pack(empty, tmp.resolve("x.jar"), null));
        assertTrue(e.getMessage().contains("model.yaml"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x.jar")));
    }

    @Test
    void modelPackRefusesSymlinksThatLeaveTheModelFolder() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("linked"));
        try (var files = Files.list(RuleModelDiceTest.rulesModel())) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for the jar");
        Files.createSymbolicLink(model.resolve("notes.txt"), secret);
        Path jar = tmp.resolve("linked.jar");
        IOException e = assertThrows(IOException.class, () -> ModelPacker.pack(model, jar, null));
        assertTrue(e.getMessage().contains("notes.txt: symlink to " + secret.toRealPath()), e.getMessage());
        assertFalse(Files.exists(jar));
        // a link inside the folder is packed as the file it names
        Files.delete(model.resolve("notes.txt"));
        Files.createSymbolicLink(model.resolve("copy.yaml"), model.resolve("model.yaml"));
        ModelPacker.pack(model, jar, null);
        try (JarFile j = new JarFile(jar.toFile())) {
            assertTrue(j.getEntry("model/copy.yaml") != null);
        }
    }

    /** Runs dciodvfy (dicom3tools) when installed: no line may say Error. */
    static void dciodvfy(Path file) throws Exception {
        Path tool = Path.of("/usr/bin/dciodvfy");
        if (!Files.isExecutable(tool)) {
            System.out.println("[SKIP] dciodvfy not installed; RTSTRUCT not validated");
            Assumptions.abort("dciodvfy not installed");
        }
        Process p = new ProcessBuilder(tool.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> errors = out.lines().filter(l -> l.startsWith("Error")).toList();
        assertTrue(errors.isEmpty(), "dciodvfy: " + String.join("\n", errors));
    }
}
