package com.llmea.data;

/**
 * What a Python script writes with {@code pd.DataFrame(mt5.copy_rates_range(...)).to_csv(...)}:
 * {@code time,open,high,low,close,tick_volume,spread,real_volume}. {@code time} is epoch seconds as the
 * terminal returns it, or a date-time string once converted ({@code 2025.01.02 00:05:00} or ISO
 * {@code 2025-01-02 00:05:00}). A pandas index column in front is ignored.
 */
final class RatesCsvParser extends BarRowsParser {
    private int time, open, high, low, close, tickVol, spread, realVol, count;
    private String timeField;

    @Override
    public boolean isHeader(Fields first) {
        return true;
    }

    @Override
    public void header(Fields h) throws BadDataException {
        h.names(Columns.names(h));
        time = Columns.require(h, "time", "time", "datetime", "date");
        open = Columns.require(h, "open", "open");
        high = Columns.require(h, "high", "high");
        low = Columns.require(h, "low", "low");
        close = Columns.require(h, "close", "close");
        tickVol = Columns.find(h, "tickvolume");
        spread = Columns.find(h, "spread");
        realVol = Columns.find(h, "realvolume", "volume");
        count = h.size();
        timeField = h.text(time);
    }

    @Override
    public void row(Fields f) throws BadDataException {
        f.requireCount(count);
        String t = f.text(time);
        long seconds = Numbers.parseLong(t); // epoch seconds, as copy_rates returns them
        if (seconds == Long.MIN_VALUE) {
            seconds = ServerTime.dateTimeYmd(t); // after pd.to_datetime(..., unit="s")
        }
        if (seconds == Long.MIN_VALUE || seconds < 0) {
            throw f.error(time, "'" + t + "' is not a time (expected epoch seconds or yyyy.MM.dd HH:mm:ss)");
        }
        readPrices(f, open, high, low, close);
        table.add(f.line(), seconds, barOpen, barHigh, barLow, barClose, optionalCount(f, tickVol, "tick volume"),
                optionalCount(f, realVol, "real volume"),
                (int) Math.min(Integer.MAX_VALUE, optionalCount(f, spread, "spread")));
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
