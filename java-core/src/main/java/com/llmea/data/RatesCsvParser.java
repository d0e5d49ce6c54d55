package com.llmea.data;

/**
 * What a Python script writes with {@code pd.DataFrame(mt5.copy_rates_range(...)).to_csv(...)}:
 * {@code time,open,high,low,close,tick_volume,spread,real_volume}. {@code time} is epoch seconds as the
 * terminal returns it, or a date-time string once converted ({@code 2025.01.02 00:05:00} or ISO
 * {@code 2025-01-02 00:05:00}). A pandas index column in front is ignored. Columns are found by name, so
 * any CSV with named time/open/high/low/close columns reads too, with the date and time of day in one column
 * or in two ({@code Date,Time,Open,High,Low,Close,Volume}).
 */
final class RatesCsvParser extends BarRowsParser {
    private int time, date, open, high, low, close, tickVol, spread, realVol, count;
    private static final long MAX_EPOCH_SECONDS = 32_503_680_000L; // 3000-01-01
    private String timeField;

    @Override
    public boolean isHeader(Fields first) {
        return true;
    }

    @Override
    public void header(Fields h) throws BadDataException {
        h.names(Columns.names(h));
        // one date-time column, or (generic CSVs) a date column and a time-of-day column
        time = Columns.find(h, "time", "datetime", "timestamp");
        date = Columns.find(h, "date");
        if (time < 0) {
            time = Columns.require(h, "time", "date");
            date = -1;
        }
        open = Columns.require(h, "open", "open");
        high = Columns.require(h, "high", "high");
        low = Columns.require(h, "low", "low");
        close = Columns.require(h, "close", "close");
        tickVol = Columns.find(h, "tickvolume", "volume"); // a plain "Volume" in retail forex data is ticks
        spread = Columns.find(h, "spread");
        realVol = Columns.find(h, "realvolume");
        count = h.size();
        timeField = date < 0 ? h.text(time) : h.text(date) + "," + h.text(time);
    }

    @Override
    public void row(Fields f) throws BadDataException {
        f.requireCount(count);
        String t = f.text(time);
        long seconds;
        if (date >= 0) {
            String d = f.text(date);
            long day = ServerTime.dateYmd(d, 0, d.length());
            if (day == ServerTime.INVALID) {
                throw f.error(date, "'" + d + "' is not a date (expected yyyy.MM.dd)");
            }
            long tod = ServerTime.timeOfDay(t, 0, t.length());
            if (tod == ServerTime.INVALID) {
                throw f.error(time, "'" + t + "' is not a time of day (expected HH:mm:ss)");
            }
            seconds = day * 86400 + tod;
        } else {
            seconds = Numbers.parseLong(t); // epoch seconds, as copy_rates returns them
            if (seconds == Long.MIN_VALUE) {
                seconds = ServerTime.dateTimeYmd(t); // after pd.to_datetime(..., unit="s")
            }
            if (seconds == Long.MIN_VALUE || seconds < 0) {
                throw f.error(time, "'" + t + "' is not a time (expected epoch seconds or yyyy.MM.dd HH:mm:ss)");
            }
            if (seconds > MAX_EPOCH_SECONDS) {
                throw f.error(time, "'" + t + "' is after the year 3000 as epoch seconds (milliseconds?)");
            }
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
