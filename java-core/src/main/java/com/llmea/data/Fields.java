package com.llmea.data;

import org.apache.commons.csv.CSVRecord;

/**
 * The current line of a price file, with typed getters that fail with a {@link BadDataException} naming the
 * file, line and column (as the header spells it). One instance is reused for every line of a file.
 */
final class Fields {
    private final String file;
    private final boolean decimalComma;
    private CSVRecord record;
    private String[] names = new String[0];
    private int maxDecimals;

    Fields(String file, boolean decimalComma) {
        this.file = file;
        this.decimalComma = decimalComma;
    }

    void set(CSVRecord record) {
        this.record = record;
    }

    /** Column names for error messages: the header's spelling, or descriptive names for header-less formats. */
    void names(String... names) {
        this.names = names;
    }

    String file() {
        return file;
    }

    long line() {
        return record.getRecordNumber(); // blank lines are records too, so this is the file's line number
    }

    int size() {
        return record.size();
    }

    String text(int col) {
        return record.get(col);
    }

    String name(int col) {
        return col < names.length ? names[col] : "column " + (col + 1);
    }

    /** Largest number of decimals seen in any price so far: the symbol's digits. */
    int maxDecimals() {
        return maxDecimals;
    }

    BadDataException error(int col, String problem) {
        return new BadDataException(file, line(), col < 0 ? null : name(col), problem);
    }

    BadDataException error(String field, String problem) {
        return new BadDataException(file, line(), field, problem);
    }

    /** Rejects a line whose field count differs from the header's, naming the first missing or extra field. */
    void requireCount(int expected) throws BadDataException {
        int n = size();
        if (n < expected) {
            throw error(n, "missing: the line has " + n + " fields, expected " + expected);
        }
        if (n > expected) {
            throw error("column " + (expected + 1), "unexpected extra field '" + text(expected)
                    + "': the line has " + n + " fields, expected " + expected);
        }
    }

    /** A finite number; {@code what} is how the message calls it ("high", "close 17"). */
    double number(int col, String what) throws BadDataException {
        String s = text(col);
        double v = Numbers.parse(s, decimalComma);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("nan") || lower.contains("inf")) {
                throw error(col, what + " '" + s + "' is not a finite number");
            }
            throw error(col, what + " '" + s + "' is not a number");
        }
        return v;
    }

    /** A price: a finite number above zero. Its written decimals feed the digits inference. */
    double price(int col, String what) throws BadDataException {
        double v = number(col, what);
        if (v <= 0) {
            throw error(col, what + " " + text(col) + " is not a positive price");
        }
        int d = Numbers.decimals(text(col));
        if (d > maxDecimals) {
            maxDecimals = d;
        }
        return v;
    }

    /** A whole number ≥ 0 (volumes, spreads). */
    long count(int col, String what) throws BadDataException {
        String s = text(col);
        long v = Numbers.parseLong(s);
        if (v == Long.MIN_VALUE) {
            throw error(col, what + " '" + s + "' is not a whole number");
        }
        if (v < 0) {
            throw error(col, what + " " + s + " is negative");
        }
        return v;
    }

    /** Checks the bar's shape: the high and low must contain the open and close. */
    void checkRange(int highCol, int lowCol, double open, double high, double low, double close)
            throws BadDataException {
        if (high < Math.max(open, close)) {
            throw error(highCol, "high " + text(highCol) + " is below max(open, close) " + Math.max(open, close));
        }
        if (low > Math.min(open, close)) {
            throw error(lowCol, "low " + text(lowCol) + " is above min(open, close) " + Math.min(open, close));
        }
    }
}
