package com.llmea.data;

/**
 * Decimal parsing for price files without regular expressions or {@code Double.parseDouble}'s leniency
 * (it accepts "NaN", "Infinity", "0x1p3" and "1d", none of which belong in a price column).
 * Also counts the decimals a price was written with, which is how the symbol's digits are inferred.
 */
final class Numbers {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Returned by {@link #parse} for text that is not a plain decimal number. */
    static final double INVALID = Double.NaN;

    private Numbers() {
    }

    /**
     * Parses {@code [+-]digits[.digits][e[+-]digits]}; {@code ','} counts as the decimal point when
     * {@code decimalComma}. Returns {@link #INVALID} (NaN) for anything else. Plain decimals with at most
     * 15 significant digits take an exact fast path: m / 10^k with both exact doubles is correctly rounded.
     */
    static double parse(String s, boolean decimalComma) {
        int n = s.length();
        if (n == 0) {
            return INVALID;
        }
        int i = 0;
        boolean negative = false;
        char c0 = s.charAt(0);
        if (c0 == '-' || c0 == '+') {
            negative = c0 == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0, fraction = 0;
        boolean point = false, slow = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                } else {
                    slow = true;
                }
                if (point) {
                    fraction++;
                }
            } else if ((c == '.' || (c == ',' && decimalComma)) && !point) {
                point = true;
            } else if ((c == 'e' || c == 'E') && i > 0) {
                return parseExponent(s, i, decimalComma);
            } else {
                return INVALID;
            }
        }
        int intDigits = n - (point ? 1 : 0) - (c0 == '-' || c0 == '+' ? 1 : 0);
        if (intDigits == 0) {
            return INVALID; // "", "-", "."
        }
        if (!slow && digits <= 15 && fraction < POW10.length) {
            double v = mantissa / POW10[fraction];
            return negative ? -v : v;
        }
        return Double.parseDouble(decimalComma ? s.replace(',', '.') : s);
    }

    private static double parseExponent(String s, int e, boolean decimalComma) {
        // rare in price files (pandas writes 1e-05 for tiny values): validate the shape, then let the JDK parse
        double base = parse(s.substring(0, e), decimalComma);
        if (Double.isNaN(base) || e + 1 >= s.length()) {
            return INVALID;
        }
        int j = e + 1;
        if (s.charAt(j) == '+' || s.charAt(j) == '-') {
            j++;
        }
        if (j >= s.length()) {
            return INVALID;
        }
        for (int k = j; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return INVALID;
            }
        }
        return Double.parseDouble(decimalComma ? s.replace(',', '.') : s);
    }

    /** Decimals needed to write the number as the text does, ignoring trailing zeros ("1.17800" has 3). */
    static int decimals(String s) {
        int point = s.indexOf('.');
        if (point < 0) {
            point = s.indexOf(',');
        }
        if (point < 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return 0;
        }
        int end = s.length();
        while (end > point + 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        return end - point - 1;
    }

    /** True for a plain integer: optional sign and digits only. */
    static boolean isInteger(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (i >= s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses a plain integer (an optional ".0…" tail is allowed, as pandas writes floats); Long.MIN_VALUE if not. */
    static long parseLong(String s) {
        int n = s.length();
        int point = s.indexOf('.');
        if (point >= 0) {
            for (int k = point + 1; k < n; k++) {
                if (s.charAt(k) != '0') {
                    return Long.MIN_VALUE;
                }
            }
            n = point;
        }
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i >= n || n - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }
}
