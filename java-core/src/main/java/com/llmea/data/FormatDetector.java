package com.llmea.data;

/**
 * Tells the format and separator from a file's first non-blank line (its header, or its first bar for the
 * header-less MetaTrader 4 export). The rules are in docs/data.md.
 */
final class FormatDetector {
    private FormatDetector() {
    }

    /**
     * Tab if the line has any (MetaTrader 5), else semicolon if it has any (European Excel, where the comma
     * is the decimal point), else comma.
     */
    static char separator(String line) {
        if (line.indexOf('\t') >= 0) {
            return '\t';
        }
        if (line.indexOf(';') >= 0) {
            return ';';
        }
        return ',';
    }

    static BarFormat detect(String file, long lineNo, String line, char sep) throws BadDataException {
        String[] raw = line.split(sep == '\t' ? "\t" : String.valueOf(sep), -1);
        String[] t = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            t[i] = Columns.normal(raw[i].trim());
        }
        String first = raw[0].trim().replace("\"", "");
        if (first.startsWith("<")) {
            return BarFormat.MT5_EXPORT;
        }
        if (t[0].startsWith("gmttime") || t[0].startsWith("localtime") || t[0].startsWith("time(")) {
            return BarFormat.DUKASCOPY;
        }
        if (has(t, "open") && has(t, "high") && has(t, "low") && has(t, "close")
                && (has(t, "time") || has(t, "datetime") || has(t, "date"))) {
            return BarFormat.MT5_RATES;
        }
        if (t.length >= 3 && (t[0].isEmpty() || t[0].equals("index") || t[0].equals("unnamed:0"))
                && windowNames(t, 1)) {
            return BarFormat.WINDOWS;
        }
        if (t.length >= 3 && windowNames(t, 0)) {
            return BarFormat.WINDOWS; // header without an index column: c1,c2,... or 0,1,...
        }
        String f0 = raw[0].trim(), f1 = raw.length > 1 ? raw[1].trim() : "";
        if ((t.length == 6 || t.length == 7) && ServerTime.dateYmd(f0, 0, f0.length()) != ServerTime.INVALID
                && ServerTime.timeOfDay(f1, 0, f1.length()) != ServerTime.INVALID) {
            return BarFormat.MT4_HISTORY;
        }
        if (t.length >= 3 && allNumbers(raw)) {
            return BarFormat.WINDOWS; // header-less windows
        }
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        throw new BadDataException(file, lineNo, null, "cannot tell the format from '" + shown
                + "'; expected an MT5 export, copy_rates CSV, MT4 history, Dukascopy or windows file"
                + " (use --format to force one)");
    }

    private static boolean has(String[] t, String name) {
        for (String s : t) {
            if (s.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 0,1,2,...} or {@code c1,c2,...}: pandas column names of a window table. */
    private static boolean windowNames(String[] t, int from) {
        for (int i = from; i < t.length; i++) {
            String s = t[i].startsWith("c") ? t[i].substring(1) : t[i];
            if (s.isEmpty() || !Numbers.isInteger(s)) {
                return false;
            }
        }
        return t.length - from >= 2;
    }

    private static boolean allNumbers(String[] raw) {
        for (String s : raw) {
            if (Double.isNaN(Numbers.parse(s.trim(), false))) {
                return false;
            }
        }
        return true;
    }
}
