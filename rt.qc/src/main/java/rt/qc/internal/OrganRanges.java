package rt.qc.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Plausible adult organ volumes (cc) for automatic segmentation labels. These are <em>plausibility</em> bounds, not
 * normal ranges: about a third of the lower and two to three times the upper normal adult value, so that only a
 * failed segmentation (wrong organ, leak into neighbours, fragment) leaves them, not ordinary pathology. Normal values
 * from:
 * <ul>
 * <li>liver 1000–2000 cc: Heinemann A, Wischhusen F, Püschel K, Rogiers X. Standard liver volume in the Caucasian
 * population. Liver Transpl Surg 1999;5:366–368;</li>
 * <li>spleen ~100–300 cc: Prassopoulos P, Daskalogiannaki M, Raissaki M, Hatjidakis A, Gourtsoyiannis N.
 * Determination of normal splenic volume on computed tomography in relation to age, gender and body habitus.
 * Eur Radiol 1997;7:246–248;</li>
 * <li>kidney ~130–280 cc each: Cheong B, Muthupillai R, Rubin MF, Flamm SD. Normal values for renal length and
 * volume as measured by magnetic resonance imaging. Clin J Am Soc Nephrol 2007;2:38–45;</li>
 * <li>pancreas ~50–100 cc: Saisho Y, Butler AE, Meier JJ, et al. Pancreas volumes in humans from birth to age one
 * hundred taking into account sex, obesity, and presence of type-2 diabetes. Clin Anat 2007;20:933–942;</li>
 * <li>thyroid ~10–25 cc: Hegedüs L, Perrild H, Poulsen LR, et al. The determination of thyroid volume by
 * ultrasound and its relationship to body weight, age, and sex in normal subjects. J Clin Endocrinol Metab
 * 1983;56:260–263;</li>
 * <li>brain ~1100–1400 cc: Allen JS, Damasio H, Grabowski TJ. Normal neuroanatomical variation in the human brain:
 * an MRI-volumetric study. Am J Phys Anthropol 2002;118:341–358;</li>
 * <li>lungs (total) ~4–7 L at total lung capacity: Stocks J, Quanjer PH. Reference values for residual volume,
 * functional residual capacity and total lung capacity. Eur Respir J 1995;8:492–506 (planning CTs in free breathing
 * are nearer FRC, ~2.5–3.5 L, hence the low bound);</li>
 * <li>heart, bladder, prostate, gallbladder: standard anatomy/physiology textbook values (heart incl. chambers
 * ~500–1000 cc; bladder capacity 400–600 cc but any filling; prostate 20–25 cc, to ~100 cc with benign
 * hyperplasia; gallbladder 20–50 cc).</li>
 * </ul>
 */
final class OrganRanges {

    record Range(double minCc, double maxCc) {
    }

    /** Canonical organ → bounds. Lungs are judged on the sum of all lung labels. */
    static final Map<String, Range> RANGES = Map.ofEntries(
            Map.entry("liver", new Range(400, 5000)),
            Map.entry("spleen", new Range(30, 1500)),
            Map.entry("kidney", new Range(40, 600)),
            Map.entry("pancreas", new Range(15, 250)),
            Map.entry("thyroid_gland", new Range(3, 150)),
            Map.entry("brain", new Range(700, 2000)),
            Map.entry("lungs", new Range(1000, 10000)),
            Map.entry("heart", new Range(250, 2000)),
            Map.entry("urinary_bladder", new Range(5, 1500)),
            Map.entry("prostate", new Range(5, 250)),
            Map.entry("gallbladder", new Range(2, 300)));

    private OrganRanges() {
    }

    /** The canonical organ of a label name (TotalSegmentator and common variants), or {@code null}. */
    static String canonical(String label) {
        String n = label.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (n.startsWith("lung")) {
            return "lungs";
        }
        if (n.equals("kidney_left") || n.equals("kidney_right") || n.equals("kidney_l") || n.equals("kidney_r")) {
            return "kidney";
        }
        if (n.equals("thyroid") || n.equals("thyroid_gland")) {
            return "thyroid_gland";
        }
        if (n.equals("bladder") || n.equals("urinary_bladder")) {
            return "urinary_bladder";
        }
        return RANGES.containsKey(n) ? n : null;
    }
}
