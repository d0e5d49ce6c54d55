package com.llmea.data;

/** The trading symbol a price file is about, from its name as MetaTrader and most tools write it. */
public final class Symbols {
    private Symbols() {
    }

    /**
     * {@code EURUSD_M5.csv}, {@code EURUSD_M5_202109010000_202112301520.csv}, {@code EURUSD.csv} and
     * Dukascopy's {@code EURUSD_Candlestick_5_M_BID_...csv} all give {@code EURUSD}: the name up to the first
     * underscore, without the extension. Broker suffixes after a dot ({@code EURUSD.a.csv}) are kept.
     */
    public static String fromFileName(String fileName) {
        String name = fileName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int underscore = name.indexOf('_');
        if (underscore > 0) {
            name = name.substring(0, underscore);
        } else {
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                name = name.substring(0, dot);
            }
        }
        return name.isBlank() ? "UNKNOWN" : name.trim();
    }
}
