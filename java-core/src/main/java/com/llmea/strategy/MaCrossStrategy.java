package com.llmea.strategy;

import com.llmea.signal.Direction;

import java.util.Locale;

/**
 * The built-in deterministic strategy ({@code strategy = ma-cross}): simple moving averages of the closes over
 * {@code fast} and {@code slow} bars, at shift 1. BUY while the fast average is above the slow one, SELL while it
 * is below, HOLD when they are equal; the {@link PositionPolicy} turns the signal into an action, so a position
 * follows the averages: it is opened in their direction, and the bar after they cross it is closed (or, with
 * {@code reverse}, reversed at once). Lookback = slow closes.
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
        return slow;
    }

    public PositionPolicy policy() {
        return policy;
    }

    /** Signal from closes (oldest first, at least {@code slow}): the fast average against the slow one at shift 1. */
    public Direction signal(double[] closes) {
        int n = closes.length;
        double f = sma(closes, n, fast), s = sma(closes, n, slow);
        return f > s ? Direction.BUY : f < s ? Direction.SELL : Direction.HOLD;
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
        int n = closes.length;
        double f = sma(closes, n, fast), s = sma(closes, n, slow);
        Direction d = f > s ? Direction.BUY : f < s ? Direction.SELL : Direction.HOLD;
        String reason = String.format(Locale.ROOT, "%s: SMA(%d) %.6f %s SMA(%d) %.6f", d, fast, f,
                d == Direction.BUY ? ">" : d == Direction.SELL ? "<" : "=", slow, s);
        return policy.decide(d, position, reason, NO_FORECAST);
    }
}
