package com.llmea.strategy;

import com.llmea.signal.Direction;

import java.util.Locale;

/**
 * The built-in deterministic strategy ({@code strategy = ma-cross}): simple moving averages of the closes,
 * {@code fast} and {@code slow} bars. BUY when the fast average crosses above the slow one between shift 2
 * and shift 1 (fast ≤ slow at shift 2, fast &gt; slow at shift 1), SELL on the cross below, else HOLD;
 * the {@link PositionPolicy} turns the signal into an action. Lookback = slow + 1 closes.
 */
public final class MaCrossStrategy implements Strategy {
    private static final double[] NO_FORECAST = new double[0];
    private final int fast;
    private final int slow;
    private final PositionPolicy policy;

    public MaCrossStrategy(int fast, int slow, PositionPolicy policy) {
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException("ma-cross needs 1 <= ma_fast < ma_slow, got " + fast + " and " + slow);
        }
        this.fast = fast;
        this.slow = slow;
        this.policy = policy;
    }

    @Override
    public int lookback() {
        return slow + 1;
    }

    public PositionPolicy policy() {
        return policy;
    }

    /** Signal from closes (oldest first, at least slow + 1): the cross between shift 2 and shift 1. */
    public Direction signal(double[] closes) {
        int n = closes.length;
        double f1 = sma(closes, n, fast), s1 = sma(closes, n, slow);
        double f2 = sma(closes, n - 1, fast), s2 = sma(closes, n - 1, slow);
        if (f1 > s1 && f2 <= s2) {
            return Direction.BUY;
        }
        if (f1 < s1 && f2 >= s2) {
            return Direction.SELL;
        }
        return Direction.HOLD;
    }

    /** Mean of closes[end - period, end). */
    static double sma(double[] c, int end, int period) {
        double s = 0;
        for (int i = end - period; i < end; i++) {
            s += c[i];
        }
        return s / period;
    }

    @Override
    public Decision onBar(long barTime, double[] closes, Position position) {
        if (closes.length < lookback()) {
            throw new IllegalArgumentException("ma-cross needs " + lookback() + " closes, got " + closes.length);
        }
        Direction d = signal(closes);
        String reason = d == Direction.HOLD ? "HOLD: no cross"
                : String.format(Locale.ROOT, "%s: SMA(%d) crossed %s SMA(%d)", d, fast,
                        d == Direction.BUY ? "above" : "below", slow);
        return policy.decide(d, position, reason, NO_FORECAST);
    }
}
