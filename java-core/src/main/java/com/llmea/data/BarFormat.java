package com.llmea.data;

import java.util.Locale;

/** The price-history file layouts {@link BarReader} understands. */
public enum BarFormat {
    /** MetaTrader 5 "Export bars": tab-separated, {@code <DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> <TICKVOL> <VOL> <SPREAD>}. */
    MT5_EXPORT("MetaTrader 5 \"Export bars\""),
    /** MetaTrader 5 Python {@code copy_rates_*} saved as CSV: {@code time,open,high,low,close,tick_volume,spread,real_volume}. */
    MT5_RATES("MetaTrader 5 Python copy_rates CSV"),
    /** MetaTrader 4 History Center export: no header, {@code 2007.07.19,03:00,open,high,low,close,volume}. */
    MT4_HISTORY("MetaTrader 4 History Center export"),
    /** Dukascopy export: {@code Gmt time,Open,High,Low,Close,Volume}, dates {@code dd.MM.yyyy HH:mm:ss.SSS}. */
    DUKASCOPY("Dukascopy export"),
    /** The original method's data set: {@code index,c1..c60}, one window of closes a row. */
    WINDOWS("one window of closes a row: index,c1..cN");

    private final String description;

    BarFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * Parses a format name as a trader would type it: case and {@code -}/{@code _} don't matter, and the
     * short names {@code mt5}, {@code rates}, {@code copy_rates}, {@code mt4} are accepted.
     */
    public static BarFormat parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "MT5":
            case "EXPORT":
                return MT5_EXPORT;
            case "RATES":
            case "COPY_RATES":
                return MT5_RATES;
            case "MT4":
                return MT4_HISTORY;
            default:
                for (BarFormat f : values()) {
                    if (f.name().equals(n)) {
                        return f;
                    }
                }
                throw new IllegalArgumentException("unknown format '" + name + "'; expected one of "
                        + "mt5_export, mt5_rates, mt4_history, dukascopy, windows");
        }
    }
}
