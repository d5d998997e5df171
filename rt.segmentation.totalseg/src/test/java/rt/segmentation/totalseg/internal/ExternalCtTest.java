package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.imaging.Holes;
import rt.dicom.rt.ImageSeriesReader;
import rt.nifti.Nifti;
import rt.segmentation.engine.SegmentationResult;
import rt.testsupport.ExtData;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/**
 * The rule model's checks on TotalSegmentator's own test references that are not in shared/refdata (Apache-2.0,
 * {@code tests/reference_files} of wasserth/TotalSegmentator; layout in docs/external-test-data.md). Skipped where
 * that data is absent.
 */
@ExtendWith(SurefireStyleSummary.class)
class ExternalCtTest {

    static final Path WORK = Path.of("target", "external-ct");
    private static boolean decompressedThisRun;

    static final List<String> TISSUES = List.of("subcutaneous_fat", "torso_fat", "skeletal_muscle");

    /**
     * Body against a reference that is a body: the filled union of TotalSegmentator's {@code total} labels and its
     * {@code tissue_types} labels (subcutaneous fat, torso fat, skeletal muscle) for the same CT. Skin is still in
     * none of its classes, so ours is slightly larger.
     */
    @Test
    void bodyMatchesTotalSegmentatorTotalPlusTissueTypes() throws Exception {
        Path tissueDir = ExtData.resolve("totalseg/example_seg_tissue_types");
        Volume ct = Nifti.readVolume(RefData.resolve("totalseg-example/example_ct.nii.gz"), Quantity.HU);
        LabelMap total = Nifti.readLabels(RefData.resolve("totalseg-example/example_seg.nii.gz"), Map.of());
        boolean[] union = new boolean[total.labels().length];
        for (int i = 0; i < union.length; i++) {
            union[i] = total.labels()[i] != 0;
        }
        for (String t : TISSUES) {
            LabelMap m = Nifti.readLabels(tissueDir.resolve(t + ".nii.gz"), Map.of());
            assertTrue(m.grid().sameAs(total.grid(), 1e-3), t + ": grid " + m.grid());
            for (int i = 0; i < union.length; i++) {
                union[i] |= m.labels()[i] != 0;
            }
        }
        boolean[] refBody = Holes.fillPerSlice(new Mask(total.grid(), union)).inside();
        SegmentationResult r = Overlap.rules(ct);
        int offset = Overlap.sliceOffset(ct, total);
        assertTrue(offset >= 0, "reference lung voxels found no lung in the CT");
        int plane = ct.grid().nx() * ct.grid().ny();
        Overlap.Counts body = new Overlap.Counts();
        for (int i = 0; i < refBody.length; i++) {
            body.add(r.labels().labels()[offset * plane + i] != 0, refBody[i]);
        }
        System.out.printf(Locale.ROOT, "[rules/total+tissue_types] body Dice %.3f (reference covered %.3f, ours %d vs "
                + "reference %d voxels)%n", body.dice(), body.covered(), body.ours(), body.reference());
        assertTrue(body.dice() >= 0.95, "body Dice " + body.dice());
        assertTrue(body.covered() >= 0.99, "body covers " + body.covered() + " of the reference");
    }

    /**
     * A real DICOM series (20 slices, 512 x 512 x 2 mm, upper abdomen, JPEG 2000, every UID stripped by the
     * anonymiser) through {@code rt:segment} against TotalSegmentator's {@code total} output for it: the reference has
     * no lung on these slices, so the gas in stomach and colon must not become lung; the body covers the filled
     * organ union; bone Dice is bounded below.
     */
    @Test
    void anonymisedDicomSeriesAgainstTotalSegmentator() throws Exception {
        Path compressed = ExtData.resolve("totalseg/example_ct_dicom");
        LabelMap ref = Nifti.readLabels(ExtData.resolve("totalseg/example_seg_dicom.nii.gz"), Map.of());
        Path series = decompressed(compressed);
        Path out = WORK.resolve("out");
        deleteTree(out);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new SegmentCommands(SegmentCommandTest.serviceWithRulesModel(), new FixedBudgetBroker(2, 0))
                .execute(new String[] {"--input",
            series.toString(), "--out", out.toString(), "--model", "rules"}, Path.of("."),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("frame of reference only"), text);
        SegmentCommandTest.dciodvfy(out.resolve("RS_rules.dcm"));

        LabelMap ours = Nifti.readLabels(out.resolve("labels.nii.gz"), Map.of());
        short[] reference = Overlap.onGrid(ref, ours.grid());
        boolean[] union = new boolean[reference.length];
        long lungRef = 0;
        for (int i = 0; i < union.length; i++) {
            union[i] = reference[i] != 0;
            lungRef += Overlap.isLung(reference[i]) ? 1 : 0;
        }
        boolean[] refBody = Holes.fillPerSlice(new Mask(ours.grid(), union)).inside();
        Overlap.Counts body = new Overlap.Counts();
        Overlap.Counts bone = new Overlap.Counts();
        long lung = 0;
        for (int i = 0; i < union.length; i++) {
            short o = ours.labels()[i];
            body.add(o != 0, refBody[i]);
            bone.add(o == 3, Overlap.isBone(reference[i]));
            lung += o == 2 ? 1 : 0;
        }
        double lungCc = lung * ours.grid().voxelVolumeMm3() / 1000;
        System.out.printf(Locale.ROOT, "[rules/dicom] %s: lung %.1f cc (reference %d voxels), body Dice against the "
                + "filled `total` union %.3f (covered %.3f), bone Dice %.3f%n", ours.grid(), lungCc, lungRef,
                body.dice(), body.covered(), bone.dice());
        assertTrue(lungRef == 0 && lungCc < 1.0, "lung " + lungCc + " cc where the reference has " + lungRef);
        assertTrue(body.covered() >= 0.99, "body covers " + body.covered() + " of the reference union");
        assertTrue(bone.dice() >= 0.60, "bone Dice " + bone.dice());
    }

    /**
     * Parity of the sliding window with the PyTorch nnU-Net reference (ParityTest's network) on this real series at
     * its own resolution (0.98 x 0.98 x 2 mm resampled to the network's 3.5 x 3 x 2.8 mm and back).
     */
    @Test
    void parityWithPytorchNnUnetOnTheAnonymisedDicomSeries() throws Exception {
        Path series = decompressed(ExtData.resolve("totalseg/example_ct_dicom"));
        Volume ct = ImageSeriesReader.readFolder(series, null).volume();
        double fraction = ParityTest.agreement(ct, WORK.resolve("parity"), "parity/dicom");
        assertTrue(fraction >= 0.9999, "only " + fraction + " of voxels agree");
    }

    /** The JPEG 2000 series written uncompressed into target/ once per run (pydicom + Pillow). */
    private static synchronized Path decompressed(Path compressed) throws Exception {
        PythonTools.assumeModules("pydicom, PIL");
        Path series = WORK.resolve("CT");
        if (!decompressedThisRun) {
            deleteTree(series);
            PythonTools.run("decompress_dicom.py", compressed.toString(), series.toString());
            decompressedThisRun = true;
        }
        return series;
    }

    private static void deleteTree(Path p) throws Exception {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
