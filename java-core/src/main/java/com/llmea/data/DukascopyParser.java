package com.llmea.data;

/**
 * Dukascopy historical data export: {@code Gmt time,Open,High,Low,Close,Volume}, times
 * {@code 01.10.2018 00:00:00.000} (day first). Dukascopy pads hours when the market is shut (weekends,
 * holidays) with flat bars of zero volume; those are not prices anyone could trade, so they are dropped and
 * counted. Volume is Dukascopy's traded volume (a decimal), rounded into the tick-volume column.
 */
final class DukascopyParser extends BarRowsParser {
    static final String FILLER = "flat zero-volume filler bars (Dukascopy pads closed-market hours)";
    private int time, open, high, low, close, volume, count;
    private String timeField;

    @Override
    public boolean isHeader(Fields first) {
        return true;
    }

    @Override
    public void header(Fields h) throws BadDataException {
        h.names(Columns.names(h));
        time = 0; // "Gmt time", "Local time" or "Time (EET)": always first
        open = Columns.require(h, "Open", "open");
        high = Columns.require(h, "High", "high");
        low = Columns.require(h, "Low", "low");
        close = Columns.require(h, "Close", "close");
        volume = Columns.find(h, "volume");
        count = h.size();
        timeField = h.text(0);
        notes.add("volume is Dukascopy's traded volume, rounded into tick volume");
    }

    @Override
    public void row(Fields f) throws BadDataException {
        f.requireCount(count);
        String t = f.text(time);
        long seconds = ServerTime.dateTimeDmy(t);
        if (seconds == ServerTime.INVALID) {
            throw f.error(time, "'" + t + "' is not a time (expected dd.MM.yyyy HH:mm:ss.SSS)");
        }
        readPrices(f, open, high, low, close);
        double vol = 0;
        if (volume >= 0) {
            vol = f.number(volume, "volume");
            if (vol < 0) {
                throw f.error(volume, "volume " + f.text(volume) + " is negative");
            }
        }
        if (vol == 0 && barOpen == barHigh && barHigh == barLow && barLow == barClose) {
            drop(FILLER);
            return;
        }
        table.add(f.line(), seconds, barOpen, barHigh, barLow, barClose, Math.round(vol), 0, 0);
    }

    @Override
    String timeField() {
        return timeField;
    }

    @Override
    boolean hasSpread() {
        return false;
    }
}
