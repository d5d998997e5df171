package rt.dicom;

import java.nio.charset.StandardCharsets;

/**
 * Parses DS and IS values straight from the encoded bytes, without building Strings: RT contour data are
 * backslash-separated DS arrays of hundreds of thousands of values.
 */
final class NumberParser {

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private NumberParser() {
    }

    /** 2^53: mantissas below it are exact doubles. */
    private static final long EXACT_MANTISSA = 1L << 53;

    /** Number of backslash-separated values in {@code b[off, off+len)} (0 for an empty or all-blank value). */
    static int countValues(byte[] b, int off, int len) {
        int end = off + len;
        int n = 1;
        for (int i = off; i < end; i++) {
            if (b[i] == '\\') {
                n++;
            }
        }
        if (n == 1) {
            for (int i = off; i < end; i++) {
                if (b[i] != ' ' && b[i] != 0) {
                    return 1;
                }
            }
            return 0;
        }
        return n;
    }

    /**
     * Parses all DS/IS values; an empty or unparsable value gives NaN. One pass over the bytes after counting the
     * backslashes: each value is parsed where it stands, without allocation; results are bit-identical to
     * {@link Double#parseDouble} (exact fast path for at most 18 digits with a mantissa below 2^53 and a decimal
     * exponent within ±22, {@code Double.parseDouble} otherwise).
     */
    static double[] parseDoubles(byte[] b, int off, int len) {
        int count = countValues(b, off, len);
        double[] out = new double[count];
        int end = off + len;
        int i = off;
        for (int k = 0; k < count; k++) {
            int start = i;
            while (i < end && (b[i] == ' ' || b[i] == 0)) {
                i++;
            }
            boolean negative = false;
            if (i < end) {
                byte c = b[i];
                if (c == '-') {
                    negative = true;
                    i++;
                } else if (c == '+') {
                    i++;
                }
            }
            long mantissa = 0;
            int digitStart = i;
            int dot = -1;
            int d;
            for (; i < end; i++) {
                byte c = b[i];
                d = c - '0';
                if (d >= 0 && d <= 9) {
                    mantissa = mantissa * 10 + d;
                } else if (c == '.' && dot < 0) {
                    dot = i;
                } else {
                    break;
                }
            }
            int scale = dot < 0 ? 0 : dot + 1 - i;
            int digits = i - digitStart - (dot < 0 ? 0 : 1);
            boolean ok = digits > 0 && digits <= 18;
            if (ok && i < end && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                boolean expNegative = false;
                if (i < end && (b[i] == '-' || b[i] == '+')) {
                    expNegative = b[i] == '-';
                    i++;
                }
                int exp = 0;
                int expStart = i;
                while (i < end && (d = b[i] - '0') >= 0 && d <= 9) {
                    if (exp < 100000) {
                        exp = exp * 10 + d;
                    }
                    i++;
                }
                ok = i > expStart;
                scale += expNegative ? -exp : exp;
            }
            while (i < end && (b[i] == ' ' || b[i] == 0)) {
                i++;
            }
            double v;
            if (ok && (i == end || b[i] == '\\') && mantissa < EXACT_MANTISSA && scale >= -22 && scale <= 22) {
                // Exactly rounded: both operands are exact doubles and IEEE division/multiplication rounds once.
                v = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
                out[k] = negative ? -v : v;
            } else {
                while (i < end && b[i] != '\\') {
                    i++;
                }
                out[k] = parseDouble(b, start, i);
            }
            i++; // the backslash
        }
        return out;
    }

    /** Parses one decimal number in {@code b[from, to)}, surrounding spaces and NULs ignored; NaN if invalid. */
    static double parseDouble(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == 0)) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == 0)) {
            to--;
        }
        if (from >= to) {
            return Double.NaN;
        }
        int i = from;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        int d;
        while (i < to && (d = b[i] - '0') >= 0 && d <= 9) {
            if (digits < 18) {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                scale++;
            }
            i++;
        }
        boolean anyDigit = i > from + (negative || b[from] == '+' ? 1 : 0);
        if (i < to && b[i] == '.') {
            i++;
            int fracStart = i;
            while (i < to && (d = b[i] - '0') >= 0 && d <= 9) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + d;
                    if (mantissa != 0) {
                        digits++;
                    }
                    scale--;
                }
                i++;
            }
            anyDigit |= i > fracStart;
        }
        if (!anyDigit) {
            return slow(b, from, to);
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            int exp = 0;
            int expStart = i;
            while (i < to && (d = b[i] - '0') >= 0 && d <= 9) {
                if (exp < 100000) {
                    exp = exp * 10 + d;
                }
                i++;
            }
            if (i == expStart) {
                return slow(b, from, to);
            }
            scale += expNegative ? -exp : exp;
        }
        if (i != to) {
            return slow(b, from, to);
        }
        double v;
        if (mantissa == 0) {
            v = 0.0;
        } else if (mantissa < EXACT_MANTISSA && scale >= -22 && scale <= 22) {
            v = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
        } else {
            return slow(b, from, to);
        }
        return negative ? -v : v;
    }

    private static double slow(byte[] b, int from, int to) {
        try {
            return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Parses all IS values as ints (DS values are rounded); empty or invalid values give 0. */
    static int[] parseInts(byte[] b, int off, int len) {
        double[] d = parseDoubles(b, off, len);
        int[] out = new int[d.length];
        for (int n = 0; n < d.length; n++) {
            out[n] = Double.isNaN(d[n]) ? 0 : (int) Math.round(d[n]);
        }
        return out;
    }

    /** Formats a double as a DS value of at most 16 characters. */
    static String formatDs(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("DS cannot encode " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        if (s.length() <= 16 && !s.contains("E")) {
            return s;
        }
        for (int digits = 15; digits > 0; digits--) {
            String t = trimZeros(String.format(java.util.Locale.ROOT, "%." + digits + "g", v));
            if (t.length() <= 16) {
                return t;
            }
        }
        throw new IllegalArgumentException("DS cannot encode " + v);
    }

    private static String trimZeros(String s) {
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e);
        String exp = e < 0 ? "" : s.substring(e);
        if (mant.indexOf('.') >= 0) {
            mant = mant.replaceAll("0+$", "");
            if (mant.endsWith(".")) {
                mant = mant.substring(0, mant.length() - 1);
            }
        }
        if (!exp.isEmpty()) {
            exp = exp.replace("e+", "e").replaceAll("e(-?)0+(\\d)", "e$1$2");
        }
        return mant + exp;
    }
}
