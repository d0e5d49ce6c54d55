package com.llmea.data;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chronological series of bars for one symbol, stored column by column in primitive arrays
 * (25k bars is 2 MB, not 25k objects). Times are broker server time, kept as seconds since
 * 1970-01-01T00:00 of that clock (no zone conversion: MetaTrader has none either).
 */
public final class BarSeries {
    private final String symbol;
    private final Timeframe timeframe; // null when the step matches no MetaTrader timeframe
    private final int digits;
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final long[] tickVolume;
    private final long[] realVolume;
    private final int[] spread;

    private BarSeries(String symbol, Timeframe timeframe, int digits, long[] time, double[] open, double[] high,
                      double[] low, double[] close, long[] tickVolume, long[] realVolume, int[] spread) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.digits = digits;
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.tickVolume = tickVolume;
        this.realVolume = realVolume;
        this.spread = spread;
    }

    /** Builds a series from bars already in ascending time order; infers timeframe and digits. */
    public static BarSeries of(String symbol, List<Bar> bars) {
        int n = bars.size();
        long[] t = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n];
        long[] tv = new long[n], rv = new long[n];
        int[] sp = new int[n];
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            t[i] = toSeconds(b.time());
            o[i] = b.open();
            h[i] = b.high();
            l[i] = b.low();
            c[i] = b.close();
            tv[i] = b.tickVolume();
            rv[i] = b.realVolume();
            sp[i] = b.spread();
        }
        for (int i = 1; i < n; i++) {
            if (t[i] <= t[i - 1]) {
                throw new IllegalArgumentException("bars are not in strictly ascending time order at index " + i
                        + " (" + bars.get(i - 1).time() + " then " + bars.get(i).time() + ")");
            }
        }
        return new BarSeries(symbol, inferTimeframe(t).orElse(null), inferDigits(o, h, l, c), t, o, h, l, c, tv, rv, sp);
    }

    /**
     * Builds a series from columns a reader already owns (no copy, no {@link Bar} per row), with digits the
     * reader counted from the text. Times must be strictly ascending.
     */
    static BarSeries ofColumns(String symbol, int digits, long[] t, double[] o, double[] h, double[] l, double[] c,
                               long[] tv, long[] rv, int[] sp) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] <= t[i - 1]) {
                throw new IllegalArgumentException("bars are not in strictly ascending time order at index " + i);
            }
        }
        return new BarSeries(symbol, inferTimeframe(t).orElse(null), Math.min(digits, 8), t, o, h, l, c, tv, rv, sp);
    }

    /** A close-only series (e.g. from the window format), with the given nominal timeframe and times. */
    public static BarSeries ofCloses(String symbol, Timeframe timeframe, long[] times, double[] closes) {
        int n = closes.length;
        return new BarSeries(symbol, timeframe, inferDigits(closes), times.clone(), closes.clone(), closes.clone(),
                closes.clone(), closes.clone(), new long[n], new long[n], new int[n]);
    }

    public static long toSeconds(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC);
    }

    public static LocalDateTime toTime(long seconds) {
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    }

    /** The most common positive step between consecutive bars, as a MetaTrader timeframe. */
    static Optional<Timeframe> inferTimeframe(long[] t) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < t.length; i++) {
            counts.merge(t[i] - t[i - 1], 1, Integer::sum);
        }
        long best = 0;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            // ties go to the shorter step (a gap is never shorter than the timeframe)
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return bestCount == 0 ? Optional.empty() : Timeframe.ofStep(best);
    }

    /** The fewest decimals that print every price exactly (shortest round-trip form), capped at 8. */
    static int inferDigits(double[]... columns) {
        int digits = 0;
        for (double[] col : columns) {
            for (double v : col) {
                digits = Math.max(digits, decimals(v));
                if (digits >= 8) {
                    return 8;
                }
            }
        }
        return digits;
    }

    private static int decimals(double v) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        return Math.max(0, new BigDecimal(Double.toString(v)).stripTrailingZeros().scale());
    }

    public String symbol() {
        return symbol;
    }

    public Optional<Timeframe> timeframe() {
        return Optional.ofNullable(timeframe);
    }

    public int digits() {
        return digits;
    }

    /** Size of one point, 10^-digits (MetaTrader's {@code _Point}). */
    public double point() {
        return Math.pow(10, -digits);
    }

    public int size() {
        return close.length;
    }

    public long timeSeconds(int i) {
        return time[i];
    }

    public LocalDateTime time(int i) {
        return toTime(time[i]);
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public long tickVolume(int i) {
        return tickVolume[i];
    }

    public long realVolume(int i) {
        return realVolume[i];
    }

    public int spread(int i) {
        return spread[i];
    }

    public Bar bar(int i) {
        return new Bar(time(i), open[i], high[i], low[i], close[i], tickVolume[i], realVolume[i], spread[i]);
    }

    /** A copy of the close column. */
    public double[] closes() {
        return close.clone();
    }

    /** A copy of the time column (seconds, server clock). */
    public long[] times() {
        return time.clone();
    }

    /** Copies closes[from, from+len) into {@code dst} without allocating (hot path of the data-set builder). */
    public void copyCloses(int from, double[] dst, int dstOffset, int len) {
        System.arraycopy(close, from, dst, dstOffset, len);
    }

    public int[] spreads() {
        return spread.clone();
    }

    /** Bars [from, to) as a new series (same symbol, timeframe and digits). */
    public BarSeries slice(int from, int to) {
        return new BarSeries(symbol, timeframe, digits, Arrays.copyOfRange(time, from, to),
                Arrays.copyOfRange(open, from, to), Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(tickVolume, from, to),
                Arrays.copyOfRange(realVolume, from, to), Arrays.copyOfRange(spread, from, to));
    }

    @Override
    public String toString() {
        return "BarSeries[" + symbol + " " + (timeframe == null ? "?" : timeframe) + ", " + size() + " bars, digits="
                + digits + (size() > 0 ? ", " + time(0) + " .. " + time(size() - 1) : "") + "]";
    }
}
