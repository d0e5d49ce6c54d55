package com.llmea.signal;

import java.util.Locale;

/**
 * Turns a forecast into a signal. Two rules (docs/strategy.md):
 * <ul>
 *   <li>{@link #meanVsMean}: BUY when mean(forecast) &gt; mean(last N closes) + threshold, SELL when
 *       below mean(last N) − threshold, else HOLD;</li>
 *   <li>{@link #lastVsFirstK}: the method's EA variant: BUY when mean(first K forecast values) &gt;
 *       last close + threshold, SELL when below last close − threshold, else HOLD.</li>
 * </ul>
 * The threshold is given in points and compared strictly; an empty forecast always HOLDs.
 */
public interface SignalRule {

    /**
     * @param closes   closes of the finished bars, oldest first (last element = shift 1)
     * @param forecast predicted closes (may be empty)
     */
    Signal evaluate(double[] closes, double[] forecast);

    /** mean(forecast) vs mean(last {@code n} closes) ± threshold; n ≤ 0 means all closes given. */
    static SignalRule meanVsMean(int n, double thresholdPoints, double point) {
        return new MeanVsMean(n, thresholdPoints, point);
    }

    /** last close vs mean(first {@code k} forecast values) ± threshold. */
    static SignalRule lastVsFirstK(int k, double thresholdPoints, double point) {
        return new LastVsFirstK(k, thresholdPoints, point);
    }

    /** Compares {@code f} (forecast side) with {@code r} (history side) and words the verdict. */
    private static Signal compare(double f, String fName, double r, String rName, double thresholdPoints,
                                  double point) {
        double th = thresholdPoints * point;
        int digits = Math.max(0, (int) Math.round(-Math.log10(point)));
        String fmt = "%s %." + digits + "f %s %s %." + digits + "f %s %s points";
        String th2 = trim(thresholdPoints);
        if (f > r + th) {
            return new Signal(Direction.BUY, f, r, String.format(Locale.ROOT, "BUY: " + fmt, fName, f, ">", rName, r, "+", th2));
        }
        if (f < r - th) {
            return new Signal(Direction.SELL, f, r, String.format(Locale.ROOT, "SELL: " + fmt, fName, f, "<", rName, r, "-", th2));
        }
        return new Signal(Direction.HOLD, f, r, String.format(Locale.ROOT, "HOLD: " + fmt, fName, f, "within", rName, r, "+/-", th2));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }

    private static void checkThreshold(double thresholdPoints, double point) {
        if (!(thresholdPoints >= 0) || !(point > 0)) {
            throw new IllegalArgumentException("threshold must be >= 0 points and point > 0, got "
                    + thresholdPoints + " and " + point);
        }
    }

    /** See {@link SignalRule#meanVsMean}. */
    record MeanVsMean(int n, double thresholdPoints, double point) implements SignalRule {
        public MeanVsMean {
            checkThreshold(thresholdPoints, point);
        }

        @Override
        public Signal evaluate(double[] closes, double[] forecast) {
            if (forecast.length == 0) {
                return Signal.hold("HOLD: no forecast");
            }
            int m = n <= 0 ? closes.length : Math.min(n, closes.length);
            if (m == 0) {
                return Signal.hold("HOLD: no closes");
            }
            return compare(mean(forecast, 0, forecast.length), "mean(forecast " + forecast.length + ")",
                    mean(closes, closes.length - m, closes.length), "mean(last " + m + ")", thresholdPoints, point);
        }
    }

    /** See {@link SignalRule#lastVsFirstK}. */
    record LastVsFirstK(int k, double thresholdPoints, double point) implements SignalRule {
        public LastVsFirstK {
            checkThreshold(thresholdPoints, point);
            if (k < 1) {
                throw new IllegalArgumentException("first_k must be at least 1, got " + k);
            }
        }

        @Override
        public Signal evaluate(double[] closes, double[] forecast) {
            if (forecast.length == 0) {
                return Signal.hold("HOLD: no forecast");
            }
            if (closes.length == 0) {
                return Signal.hold("HOLD: no closes");
            }
            int m = Math.min(k, forecast.length);
            return compare(mean(forecast, 0, m), "mean(first " + m + " forecast)", closes[closes.length - 1],
                    "last close", thresholdPoints, point);
        }
    }
}
