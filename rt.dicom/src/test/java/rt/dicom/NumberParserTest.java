package rt.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

/** The DS fast path must give exactly what {@link Double#parseDouble} gives (NaN where it throws). */
@ExtendWith(SurefireStyleSummary.class)
class NumberParserTest {

    /** What the parser must return for one value: Double.parseDouble of the value without spaces/NULs, or NaN. */
    private static double reference(String value) {
        int a = 0;
        int b = value.length();
        while (a < b && (value.charAt(a) == ' ' || value.charAt(a) == 0)) {
            a++;
        }
        while (b > a && (value.charAt(b - 1) == ' ' || value.charAt(b - 1) == 0)) {
            b--;
        }
        String t = value.substring(a, b);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void assertSame(String value, double expected, double actual) {
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)
                && !(Double.isNaN(expected) && Double.isNaN(actual))) {
            fail("\"" + value + "\": expected " + expected + " (" + Long.toHexString(Double.doubleToRawLongBits(
                    expected)) + ") but got " + actual + " (" + Long.toHexString(Double.doubleToRawLongBits(actual))
                    + ")");
        }
    }

    private static void check(List<String> values) {
        String joined = String.join("\\", values);
        byte[] b = ("xx" + joined + "yy").getBytes(StandardCharsets.ISO_8859_1);
        double[] all = NumberParser.parseDoubles(b, 2, b.length - 4);
        boolean blank = values.size() == 1 && values.get(0).replace(" ", "").replace("\0", "").isEmpty();
        assertEquals(blank ? 0 : values.size(), all.length, joined);
        for (int n = 0; n < all.length; n++) {
            String v = values.get(n);
            double expected = reference(v);
            assertSame(v, expected, all[n]);
            byte[] one = v.getBytes(StandardCharsets.ISO_8859_1);
            assertSame(v, expected, NumberParser.parseDouble(one, 0, one.length));
        }
    }

    @Test
    void edge_cases_match_double_parse_double() {
        String[] cases = {"0", "-0", "+0", "0.0", "-0.0", ".5", "-.5", "5.", "-5.", ".", "-", "+", "", " ", "  1.5 ",
            "\0" + "2\0", "1e22", "1e23", "1e-22", "1e-23", "1.5E+3", "1.5e-3", "-2E5", "1e", "1e+", "e5", "1.2.3",
            "1-2", "--1", "9007199254740991", "9007199254740992", "9007199254740993", "123456789012345678",
            "1234567890123456789", "0.000000000000000000001", "00000000000000000000123", "1.7976931348623157e308",
            "1.8e308", "4.9e-324", "1e-400", "1e99999999", "0e99999999", "-336.73", "17.72", "0.1", "0.3",
            "2.675", "1.0000000000000002", "123.456789012345", "99999999999999.9", "1d", "1f", "NaN", "Infinity",
            "0x1p3", "1 2", "abc", "3.14159265358979"};
        for (String c : cases) {
            check(List.of(c));
        }
        check(List.of(cases).subList(0, 20));
        assertEquals(0, NumberParser.parseDoubles(new byte[0], 0, 0).length);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, NumberParser.parseDoubles(new byte[] {'\\'}, 0, 1));
    }

    /** Random DS-like strings (seeded): sign, digits, point, exponent, padding; some longer than DS allows. */
    @Test
    void random_ds_strings_match_double_parse_double() {
        SplittableRandom rnd = new SplittableRandom(20261121L);
        int checked = 0;
        for (int round = 0; round < 20_000; round++) {
            List<String> values = new ArrayList<>();
            int count = 1 + rnd.nextInt(12);
            for (int n = 0; n < count; n++) {
                values.add(randomValue(rnd));
            }
            check(values);
            checked += count;
        }
        assertEquals(true, checked > 100_000);
    }

    /** Doubles formatted the way writers format them (Java, Python repr, %g with 6..17 digits). */
    @Test
    void formatted_doubles_round_trip_bit_identically() {
        SplittableRandom rnd = new SplittableRandom(42L);
        for (int n = 0; n < 100_000; n++) {
            double d = switch (n % 4) {
                case 0 -> (rnd.nextDouble() - 0.5) * 1000;
                case 1 -> Math.round((rnd.nextDouble() - 0.5) * 100000) / 100.0;
                case 2 -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-30, 30));
                default -> Double.longBitsToDouble(rnd.nextLong());
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String s = n % 3 == 0 ? Double.toString(d)
                    : String.format(Locale.ROOT, "%." + (6 + rnd.nextInt(12)) + "g", d);
            check(List.of(s));
            if (n % 4 < 2) {
                check(List.of(NumberParser.formatDs(d)));
            }
        }
    }

    private static String randomValue(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        appendPadding(rnd, s);
        int sign = rnd.nextInt(4);
        if (sign == 1) {
            s.append('-');
        } else if (sign == 2) {
            s.append('+');
        }
        int maxDigits = rnd.nextInt(10) == 0 ? 25 : 9;
        int intDigits = rnd.nextInt(maxDigits + 1);
        appendDigits(rnd, s, intDigits);
        if (rnd.nextInt(4) != 0) {
            s.append('.');
            appendDigits(rnd, s, rnd.nextInt(maxDigits + 1));
        }
        if (rnd.nextInt(6) == 0) {
            s.append(rnd.nextBoolean() ? 'e' : 'E');
            int expSign = rnd.nextInt(3);
            if (expSign == 1) {
                s.append('-');
            } else if (expSign == 2) {
                s.append('+');
            }
            appendDigits(rnd, s, rnd.nextInt(4));
        }
        if (rnd.nextInt(200) == 0) {
            s.insert(rnd.nextInt(s.length() + 1), "x.-e+ ".charAt(rnd.nextInt(6)));
        }
        appendPadding(rnd, s);
        return s.toString();
    }

    private static void appendDigits(SplittableRandom rnd, StringBuilder s, int n) {
        for (int k = 0; k < n; k++) {
            // Bias towards zeros so that leading/trailing zero runs occur.
            s.append(rnd.nextInt(4) == 0 ? '0' : (char) ('0' + rnd.nextInt(10)));
        }
    }

    private static void appendPadding(SplittableRandom rnd, StringBuilder s) {
        if (rnd.nextInt(8) == 0) {
            s.append(rnd.nextInt(5) == 0 ? "\0" : " ".repeat(1 + rnd.nextInt(2)));
        }
    }
}
