package com.llmea.text;

/**
 * Prices as the text GPT-2 reads and writes: closes joined by single spaces, each printed as the
 * shortest decimal at the symbol's digits with trailing zeros dropped ({@code 0.6119 0.61197 0.61201}).
 * This is what Python's {@code ' '.join(map(str, closes))} gives for prices read from a CSV, which is
 * how the original method wrote its training text, so a price that is a whole number keeps one
 * decimal ({@code 150.0}) as Python prints it.
 */
public final class PriceText {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L};

    private PriceText() {
    }

    /** One price at {@code digits} decimals (0..10), shortest form. */
    public static String format(double price, int digits) {
        StringBuilder sb = new StringBuilder(12);
        append(sb, price, digits);
        return sb.toString();
    }

    /** closes[from, from+count) as one line (no newline). */
    public static String line(double[] closes, int from, int count, int digits) {
        StringBuilder sb = new StringBuilder(count * 8);
        appendLine(sb, closes, from, count, digits);
        return sb.toString();
    }

    public static String line(double[] closes, int digits) {
        return line(closes, 0, closes.length, digits);
    }

    /** Appends closes[from, from+count) joined by single spaces; no garbage per price. */
    public static void appendLine(StringBuilder sb, double[] closes, int from, int count, int digits) {
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            append(sb, closes[from + i], digits);
        }
    }

    /** Appends one price, rounded half-up to {@code digits} decimals, trailing zeros dropped. */
    public static void append(StringBuilder sb, double price, int digits) {
        if (digits < 0 || digits >= POW10.length) {
            throw new IllegalArgumentException("digits must be 0.." + (POW10.length - 1) + ", got " + digits);
        }
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException("price is not a finite number: " + price);
        }
        if (price < 0) {
            sb.append('-');
            price = -price;
        }
        long scale = POW10[digits];
        // Prices come from a decimal file, so price*scale is within 1e-9 of an integer: rounding is exact.
        long scaled = Math.round(price * scale);
        long whole = scaled / scale;
        long frac = scaled % scale;
        sb.append(whole).append('.');
        if (frac == 0) {
            sb.append('0');
            return;
        }
        int d = digits;
        while (frac % 10 == 0) { // drop trailing zeros
            frac /= 10;
            d--;
        }
        for (long p = POW10[d - 1]; p > frac && p > 1; p /= 10) { // leading zeros of the fraction
            sb.append('0');
        }
        sb.append(frac);
    }

    /**
     * Parses generated text back into prices, leniently: any run of spaces, tabs or newlines separates
     * prices; parsing stops cleanly at the first token that is not a plain decimal number, or after
     * {@code max} prices. Never throws for bad text: the result says how many it got and why it stopped.
     */
    public static ParsedPrices parse(CharSequence text, int max) {
        double[] out = new double[Math.max(0, max)];
        int n = 0;
        int i = 0;
        int len = text.length();
        String stop = null;
        while (n < max) {
            while (i < len && isSpace(text.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && !isSpace(text.charAt(i))) {
                i++;
            }
            if (!isNumber(text, start, i)) {
                stop = "token '" + abbreviate(text.subSequence(start, i)) + "' at character " + start + " is not a price";
                break;
            }
            out[n++] = Double.parseDouble(text.subSequence(start, i).toString());
        }
        if (stop == null && n < max) {
            stop = "text ended after " + n + " of " + max + " prices";
        }
        double[] values = n == out.length ? out : java.util.Arrays.copyOf(out, n);
        return new ParsedPrices(values, max, stop);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** digits, optionally one '.' with digits after it (also ".5" and "5."): what a price looks like. */
    private static boolean isNumber(CharSequence s, int from, int to) {
        int digits = 0;
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && dots == 0) {
                dots++;
            } else {
                return false;
            }
        }
        return digits > 0 && digits <= 18;
    }

    private static String abbreviate(CharSequence s) {
        return s.length() <= 20 ? s.toString() : s.subSequence(0, 20) + "...";
    }
}
