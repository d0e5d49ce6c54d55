package com.llmea.data;

/**
 * MetaTrader 5 "Export bars" (Symbols → Bars → Export): {@code <DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE>
 * <TICKVOL> <VOL> <SPREAD>}, dates {@code 2021.09.01}, times {@code 00:05:00}. D1 and above have no
 * {@code <TIME>} column. Columns are found by name, so reordered or missing optional columns still read.
 */
final class Mt5ExportParser extends BarRowsParser {
    private int date, time, open, high, low, close, tickVol, vol, spread, count;
    private String timeField;

    @Override
    public boolean isHeader(Fields first) {
        return true; // the header is how this format is recognised; header() rejects a line that is not one
    }

    @Override
    public void header(Fields h) throws BadDataException {
        h.names(Columns.names(h));
        if (!h.text(0).startsWith("<")) {
            throw h.error("<DATE>", "expected the header <DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> <TICKVOL> <VOL> "
                    + "<SPREAD>, found '" + h.text(0) + "'");
        }
        date = Columns.require(h, "<DATE>", "date");
        time = Columns.find(h, "time");
        open = Columns.require(h, "<OPEN>", "open");
        high = Columns.require(h, "<HIGH>", "high");
        low = Columns.require(h, "<LOW>", "low");
        close = Columns.require(h, "<CLOSE>", "close");
        tickVol = Columns.find(h, "tickvol");
        vol = Columns.find(h, "vol");
        spread = Columns.find(h, "spread");
        count = h.size();
        timeField = time < 0 ? h.text(date) : h.text(date) + " " + h.text(time);
    }

    @Override
    public void row(Fields f) throws BadDataException {
        f.requireCount(count);
        String d = f.text(date);
        long day = ServerTime.dateYmd(d, 0, d.length());
        if (day == ServerTime.INVALID) {
            throw f.error(date, "'" + d + "' is not a date (expected yyyy.MM.dd)");
        }
        long tod = 0;
        if (time >= 0) {
            String t = f.text(time);
            tod = ServerTime.timeOfDay(t, 0, t.length());
            if (tod == ServerTime.INVALID) {
                throw f.error(time, "'" + t + "' is not a time of day (expected HH:mm:ss)");
            }
        }
        readPrices(f, open, high, low, close);
        table.add(f.line(), day * 86400 + tod, barOpen, barHigh, barLow, barClose,
                optionalCount(f, tickVol, "tick volume"), optionalCount(f, vol, "volume"), (int) Math.min(Integer.MAX_VALUE, optionalCount(f, spread, "spread")));
    }

    @Override
    String timeField() {
        return timeField;
    }

    @Override
    boolean hasSpread() {
        return spread >= 0;
    }
}
