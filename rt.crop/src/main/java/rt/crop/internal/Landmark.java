package rt.crop.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An anatomical structure that bounds a crop region, recognised by its name in any structure source: TotalSegmentator
 * class names ({@code vertebrae_L1}, {@code femur_left}, {@code lung_upper_lobe_left}, {@code skull}, {@code brain})
 * and common manual names ({@code L1}, {@code Femur_L}, {@code FemoralHead_R}, {@code Lung_L}, {@code Brain}). Names
 * are compared in lower case without separators.
 */
enum Landmark {
    C7("C7 vertebra", "(vertebrae?)?c7"),
    T12("T12 vertebra", "(vertebrae?)?t12"),
    L1("L1 vertebra", "(vertebrae?)?l1"),
    L5("L5 vertebra", "(vertebrae?)?l5"),
    FEMUR("femur", "(femur|femoralhead|femurhead|headoffemur)(left|right|l|r|lt|rt)?"),
    LUNG("lung", "lungs?(left|right|l|r|lt|rt)?|lung(upper|middle|lower)lobe(left|right)"),
    SKULL("skull", "skull"),
    BRAIN("brain", "brain");

    private final String label;
    private final Pattern name;

    Landmark(String label, String regex) {
        this.label = label;
        this.name = Pattern.compile(regex);
    }

    String label() {
        return label;
    }

    boolean matches(String structureName) {
        return structureName != null && name.matcher(normalise(structureName)).matches();
    }

    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
