package com.llmea.data;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic, clearly synthetic EURUSD M5 series for the demo and for tests that need many bars.
 * The process (documented in docs/quickstart.md):
 * <ul>
 *   <li>log-returns are Gaussian with intraday volatility seasonality: quiet Asian session, a London peak
 *       (07:00-11:00) and a London/New York overlap peak (13:00-16:00), in server time;</li>
 *   <li>no bars from Friday 23:55 to Monday 00:00 (the weekend gap), and Monday opens with a gap;</li>
 *   <li>high/low extend beyond open/close by half-normal wicks; prices rounded to 5 digits;</li>
 *   <li>tick volume follows volatility; spread is 6-12 points, widening to 15-30 around the 23:00 rollover.</li>
 * </ul>
 * The same seed always gives the same series.
 */
public final class SyntheticSeries {
    public static final String SYMBOL = "EURUSD.SYNTHETIC"; // a broker-style suffix keeps the label in every file name
    private static final int DIGITS = 5;
    private static final double SCALE = 100_000.0;

    private SyntheticSeries() {
    }

    /** {@code bars} M5 bars from Monday 2024-01-01 00:00, starting at 1.10000. */
    public static BarSeries eurusdM5(long seed, int bars) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Bar> out = new ArrayList<>(bars);
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        double price = 1.10000;
        double baseVol = 0.00011; // per-bar log-return std at the quietest hour (~1.2 pips)
        boolean weekendGap = false;
        while (out.size() < bars) {
            if (t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY) {
                t = t.plusMinutes(5);
                weekendGap = true;
                continue;
            }
            double vol = baseVol * seasonality(t.getHour() + t.getMinute() / 60.0);
            double open = round(weekendGap ? price * Math.exp(rnd.nextGaussian() * vol * 6) : price);
            weekendGap = false;
            double close = round(open * Math.exp(rnd.nextGaussian() * vol));
            double high = round(Math.max(open, close) + Math.abs(rnd.nextGaussian()) * vol * open * 0.6);
            double low = round(Math.min(open, close) - Math.abs(rnd.nextGaussian()) * vol * open * 0.6);
            long ticks = Math.max(1, Math.round(vol / baseVol * 60 * (0.7 + 0.6 * rnd.nextDouble())));
            boolean rollover = t.getHour() == 23 || (t.getHour() == 0 && t.getMinute() < 15);
            int spread = rollover ? 15 + rnd.nextInt(16) : 6 + rnd.nextInt(7);
            out.add(new Bar(t, open, high, low, close, ticks, 0, spread));
            price = close;
            t = t.plusMinutes(5);
        }
        return BarSeries.of(SYMBOL, out);
    }

    /** Relative volatility by hour of day: 1 in the Asian session, up to ~2.6 in the overlap. */
    static double seasonality(double hour) {
        return 1.0 + 1.0 * bump(hour, 9.0, 1.5) + 1.6 * bump(hour, 14.5, 1.2);
    }

    private static double bump(double x, double centre, double width) {
        double z = (x - centre) / width;
        return Math.exp(-0.5 * z * z);
    }

    private static double round(double v) {
        return Math.round(v * SCALE) / SCALE;
    }

    static int digits() {
        return DIGITS;
    }
}
