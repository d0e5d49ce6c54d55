package com.llmea.data;

/**
 * MetaTrader 4 History Center export: no header, {@code 2007.07.19,03:00,1.38080,1.38090,1.37910,1.37930,174}
 * (date, time, open, high, low, close, tick volume). MetaTrader 4 has no spread per bar.
 */
final class Mt4HistoryParser extends BarRowsParser {
    private static final String[] NAMES = {"date", "time", "open", "high", "low", "close", "volume"};
    private int count;

    @Override
    public boolean isHeader(Fields first) {
        return false;
    }

    @Override
    public void header(Fields header) {
        throw new IllegalStateException("MT4 history exports have no header");
    }

    @Override
    public void row(Fields f) throws BadDataException {
        if (count == 0) {
            f.names(NAMES);
            count = f.size() == 6 ? 6 : 7; // volume is sometimes left out
        }
        f.requireCount(count);
        String d = f.text(0), t = f.text(1);
        long day = ServerTime.dateYmd(d, 0, d.length());
        if (day == ServerTime.INVALID) {
            throw f.error(0, "'" + d + "' is not a date (expected yyyy.MM.dd)");
        }
        long tod = ServerTime.timeOfDay(t, 0, t.length());
        if (tod == ServerTime.INVALID) {
            throw f.error(1, "'" + t + "' is not a time of day (expected HH:mm)");
        }
        readPrices(f, 2, 3, 4, 5);
        long volume = count == 7 ? f.count(6, "volume") : 0;
        table.add(f.line(), day * 86400 + tod, barOpen, barHigh, barLow, barClose, volume, 0, 0);
    }

    @Override
    String timeField() {
        return "date,time";
    }

    @Override
    boolean hasSpread() {
        return false;
    }
}
