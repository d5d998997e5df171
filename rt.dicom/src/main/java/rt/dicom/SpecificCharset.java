package rt.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Maps Specific Character Set (0008,0005) defined terms to Java charsets. */
final class SpecificCharset {

    private SpecificCharset() {
    }

    /** The charset for the (first) defined term; default repertoire and unknown terms decode as ISO-8859-1
     * (a superset of ASCII that never fails). */
    static Charset of(String[] terms) {
        if (terms == null) {
            return StandardCharsets.ISO_8859_1;
        }
        for (String t : terms) {
            Charset c = ofTerm(t == null ? "" : t.trim());
            if (c != null) {
                return c;
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    private static Charset ofTerm(String term) {
        String name = switch (term.replace("ISO 2022 ", "ISO_").replace("ISO_IR ", "ISO_IR_")) {
            case "ISO_IR_192" -> "UTF-8";
            case "ISO_IR_100", "ISO_IR 100" -> "ISO-8859-1";
            case "ISO_IR_101" -> "ISO-8859-2";
            case "ISO_IR_109" -> "ISO-8859-3";
            case "ISO_IR_110" -> "ISO-8859-4";
            case "ISO_IR_144" -> "ISO-8859-5";
            case "ISO_IR_127" -> "ISO-8859-6";
            case "ISO_IR_126" -> "ISO-8859-7";
            case "ISO_IR_138" -> "ISO-8859-8";
            case "ISO_IR_148" -> "ISO-8859-9";
            case "ISO_IR_203" -> "ISO-8859-15";
            case "ISO_IR_166" -> "TIS-620";
            case "ISO_IR_13" -> "Shift_JIS";
            case "GB18030" -> "GB18030";
            case "GBK" -> "GBK";
            default -> null;
        };
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
