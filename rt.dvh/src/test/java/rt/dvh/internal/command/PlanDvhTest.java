package rt.dvh.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.RefData;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class PlanDvhTest {

    @Test
    void one_plan_table_with_requested_metrics(@TempDir Path tmp) throws Exception {
        Path nelms = RefData.resolve("nelms-dvh");
        Path out = tmp.resolve("t.csv");
        DvhArgs a = DvhArgs.parse("--rtstruct", nelms.resolve("STRUCTURES/Sphere_20_0.dcm").toString(), "--rtdose",
                nelms.resolve("DOSE GRIDS/Linear_SupInf_2mm_Aligned.dcm").toString(), "--metrics",
                "D99,D95,D5,D1,D0.03cc,V20Gy", "--out", out.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PlanDvh.execute(a, 2, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(out);
        assertEquals("patient_id,course_id,source,roi_name,volume_cc,dmin_gy,dmean_gy,dmax_gy,d99_gy,d95_gy,d5_gy,"
                + "d1_gy,d0_03cc_gy,v20gy_pct,roi_number,structure_file,dose_file,rx_gy,rtstruct_sop_instance_uid,"
                + "dose_sop_instance_uid,source_dose_sop_instance_uids,dose_decision,rx_source,outside_dose_fraction,"
                + "outside_dose,ct_border,structure_cropped", lines.get(0));
        String[] sphere = lines.stream().skip(1).map(l -> l.split(",", -1)).filter(c -> !c[4].isEmpty()
                && Double.parseDouble(c[4]) > 1).findFirst().orElseThrow();
        // analytical (Nelms): volume 7.2383 cc, D95 7.245 Gy, Dmean 16 Gy
        assertEquals(7.2383, Double.parseDouble(sphere[4]), 7.2383 * 0.03);
        assertEquals(16.0, Double.parseDouble(sphere[6]), 0.05);
        assertEquals(7.245, Double.parseDouble(sphere[9]), 7.245 * 0.03);
        assertEquals("0", sphere[23], "the sphere lies inside the Nelms dose grid");
        assertEquals("clamp", sphere[24]);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("ROI(s)"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bad_usage_explains_itself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DvhArgs.parse("--rtdose",
                "RD.dcm"));
        assertTrue(e.getMessage().contains("--rtstruct"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DvhArgs.parse("--rtstruct", "a", "--rtdose", "b",
                "--bogus", "1"));
        assertTrue(e.getMessage().contains("--bogus"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DvhArgs.parse("--rtstruct", "a", "--rtdose"));
        assertTrue(e.getMessage().contains("needs a value"), e.getMessage());
    }

    @Test
    void unknown_roi_is_named(@TempDir Path tmp) {
        Path nelms = RefData.resolve("nelms-dvh");
        DvhArgs a = DvhArgs.parse("--rtstruct", nelms.resolve("STRUCTURES/Sphere_20_0.dcm").toString(), "--rtdose",
                nelms.resolve("DOSE GRIDS/Linear_SupInf_2mm_Aligned.dcm").toString(), "--roi", "Heart");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanDvh.run(a, 1));
        assertTrue(e.getMessage().contains("'Heart'"), e.getMessage());
    }

    /**
     * {@code --batch}: two plans of one list give one table whose rows are those of one call per plan; a line whose
     * file is missing is reported with its line number, the others are still written, and the call then fails.
     */
    @Test
    void batch_list_gives_one_table_of_every_plan_and_names_a_bad_line(@TempDir Path tmp) throws Exception {
        Path nelms = RefData.resolve("nelms-dvh");
        String rs = nelms.resolve("STRUCTURES/Sphere_20_0.dcm").toString();
        String rd1 = nelms.resolve("DOSE GRIDS/Linear_SupInf_2mm_Aligned.dcm").toString();
        String rd2 = nelms.resolve("DOSE GRIDS/Linear_AntPost_1mm_Aligned.dcm").toString();
        Path list = tmp.resolve("plans.txt");
        Files.writeString(list, "# two plans\n--rtstruct '" + rs + "' --rtdose '" + rd1 + "'\n--rtstruct missing.dcm"
                + " --rtdose '" + rd1 + "'\n--rtstruct '" + rs + "' --rtdose '" + rd2 + "' --rx 30\n");
        Path out = tmp.resolve("all.csv");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PlanDvh.execute(
                DvhArgs.parse("--batch", list.toString(), "--metrics", "D95,V20Gy", "--out", out.toString()), 2,
                new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("1 plan(s)"), e.getMessage());
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("plans.txt line 3: ") && text.contains("missing.dcm"), text);
        List<String> batch = Files.readAllLines(out);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PlanDvh.execute(DvhArgs.parse("--rtstruct", rs, "--rtdose", rd1, "--metrics", "D95,V20Gy", "--out",
                tmp.resolve("one.csv").toString()), 1, quiet);
        PlanDvh.execute(DvhArgs.parse("--rtstruct", rs, "--rtdose", rd2, "--metrics", "D95,V20Gy", "--rx", "30",
                "--out", tmp.resolve("two.csv").toString()), 1, quiet);
        List<String> one = Files.readAllLines(tmp.resolve("one.csv"));
        List<String> two = Files.readAllLines(tmp.resolve("two.csv"));
        assertEquals(one.get(0), batch.get(0));
        one = one.subList(1, one.size());
        two = two.subList(1, two.size());
        assertEquals(1 + one.size() + two.size(), batch.size());
        assertEquals(one, batch.subList(1, 1 + one.size()));
        assertEquals(two, batch.subList(1 + one.size(), batch.size()));
        assertTrue(two.get(0).contains(",30,") || two.get(0).contains(",30.0,"), "the line's --rx: " + two.get(0));
    }

    @Test
    void batch_excludes_single_plan_flags() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DvhArgs.parse("--batch", "l.txt", "--rtstruct", "RS.dcm"));
        assertTrue(e.getMessage().contains("lines of --batch"), e.getMessage());
    }
}
