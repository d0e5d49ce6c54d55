package com.llmea.strategy;

import com.llmea.signal.Direction;

/**
 * Replays signals computed beforehand, one per bar time, through the {@link PositionPolicy}: what a backtest
 * runs when the signals are already known (the replay benchmark; LLM signals read from a cache). Bars must
 * be asked for in ascending time order; a bar time with no signal is HOLD.
 */
public final class PrecomputedSignalStrategy implements Strategy {
    private static final double[] NO_FORECAST = new double[0];
    private final long[] times;
    private final Direction[] signals;
    private final PositionPolicy policy;
    private final int lookback;
    private int cursor;

    /** @param times ascending bar times; {@code signals[i]} is the signal at the open of bar {@code times[i]} */
    public PrecomputedSignalStrategy(long[] times, Direction[] signals, PositionPolicy policy, int lookback) {
        if (times.length != signals.length) {
            throw new IllegalArgumentException(times.length + " times but " + signals.length + " signals");
        }
        this.times = times;
        this.signals = signals;
        this.policy = policy;
        this.lookback = lookback;
    }

    @Override
    public int lookback() {
        return lookback;
    }

    @Override
    public Decision onBar(long barTime, double[] closes, Position position) {
        if (cursor > 0 && times[cursor - 1] >= barTime) {
            cursor = 0; // a new replay from the start
        }
        while (cursor < times.length && times[cursor] < barTime) {
            cursor++;
        }
        Direction d = cursor < times.length && times[cursor] == barTime ? signals[cursor++] : Direction.HOLD;
        return policy.decide(d, position, d.name(), NO_FORECAST);
    }
}
