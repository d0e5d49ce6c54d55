package com.llmea.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part every OHLC format shares: collects rows, puts them oldest-first, refuses duplicate or shuffled
 * times, and builds the series and its report.
 */
abstract class BarRowsParser implements FormatParser {
    final BarTable table = new BarTable();
    final Map<String, Integer> dropped = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private int digits;
    // the last row's prices, set by readPrices: reused so that reading a row allocates nothing
    double barOpen, barHigh, barLow, barClose;

    /** The column(s) that hold the bar time, as the file names them (for duplicate and order errors). */
    abstract String timeField();

    /** Whether the format records a spread (otherwise the report shows none rather than "0 everywhere"). */
    abstract boolean hasSpread();

    void drop(String reason) {
        dropped.merge(reason, 1, Integer::sum);
    }

    /** Called by parsers with {@link Fields#maxDecimals()} as rows come in. */
    void digits(int d) {
        digits = Math.max(digits, d);
    }

    /** Parses open, high, low and close and checks that high and low contain open and close. */
    void readPrices(Fields f, int o, int h, int l, int c) throws BadDataException {
        barOpen = f.price(o, "open");
        barHigh = f.price(h, "high");
        barLow = f.price(l, "low");
        barClose = f.price(c, "close");
        f.checkRange(h, l, barOpen, barHigh, barLow, barClose);
        digits(f.maxDecimals());
    }

    /** A column that may be absent (index -1): then 0. */
    static long optionalCount(Fields f, int col, String what) throws BadDataException {
        return col < 0 ? 0 : f.count(col, what);
    }

    @Override
    public LoadedBars finish(ReadContext ctx) throws BadDataException {
        int n = table.size();
        if (n == 0) {
            throw new BadDataException(ctx.fileName(), ctx.lastLine(), null,
                    ctx.rowsRead() == 0 ? "no bars in the file" : "no bars left after dropping " + ctx.rowsRead() + " rows");
        }
        // Some exports (and scripts that call copy_rates_from) write the newest bar first: accept that.
        if (n >= 2 && table.time(0) > table.time(n - 1)) {
            table.reverse();
            warnings.add("file was newest-first; reversed to oldest-first");
        }
        for (int i = 1; i < n; i++) {
            long prev = table.time(i - 1), cur = table.time(i);
            if (cur > prev) {
                continue;
            }
            // name the later of the two lines in the file: that is where the order breaks when reading down
            long a = table.line(i - 1), b = table.line(i);
            long at = Math.max(a, b), other = Math.min(a, b);
            long atTime = at == a ? prev : cur, otherTime = at == a ? cur : prev;
            if (cur == prev) {
                throw new BadDataException(ctx.fileName(), at, timeField(),
                        "duplicate time " + ServerTime.format(atTime) + " (also on line " + other + ")");
            }
            throw new BadDataException(ctx.fileName(), at, timeField(), "time " + ServerTime.format(atTime)
                    + " is out of order after " + ServerTime.format(otherTime) + " on line " + other
                    + "; bars must run oldest-first or newest-first");
        }
        BarSeries series = table.toSeries(ctx.symbol(), digits);
        DataReport report = new DataReport(ctx.fileName(), ctx.format(), ctx.encoding(), ctx.separator(), ctx.symbol(),
                ctx.rowsRead(), n, n, dropped, warnings, notes, series.timeframe(), series.digits(),
                Optional.of(series.time(0)), Optional.of(series.time(n - 1)), DataReport.Gaps.of(series),
                hasSpread() ? Optional.of(DataReport.SpreadStats.of(series)) : Optional.empty());
        return new LoadedBars(series, report, Optional.empty());
    }
}
