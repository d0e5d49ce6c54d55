package com.llmea.strategy;

import com.llmea.data.BarSeries;

/**
 * The trading decision, one object used by both executors: the backtest harness (Strategy Tester
 * emulation) and the Expert Advisor through the native bridge. Neither re-implements it.
 *
 * <p>Called once per new bar, at its open, with the closes of the last {@link #lookback()} finished
 * bars (MetaTrader shift N..1, oldest first) and the current position on the symbol.
 */
public interface Strategy extends AutoCloseable {

    /** How many finished bars' closes {@link #onBar} needs (the N of shift 1..N). */
    int lookback();

    /**
     * @param barTime the opening bar's time, seconds since 1970 on the broker's server clock (MQL5 datetime)
     * @param closes  closes of bars shift N..1, oldest first, {@code closes.length == lookback()}; the caller may
     *                reuse the array after the call, so a strategy copies what it keeps
     * @param position the position now held on this symbol (and magic number)
     */
    Decision onBar(long barTime, double[] closes, Position position);

    /**
     * Called once by the backtest harness before it replays bars {@code [from, to)} of {@code bars}, so a strategy
     * can compute expensive inputs in batches (the LLM strategy forecasts every window in batches and caches them).
     * The window of bar {@code i} is closes {@code [i - lookback(), i)}. The EA never calls it: live, each
     * {@link #onBar} computes what it needs. The default does nothing.
     */
    default void prepare(BarSeries bars, int from, int to) {
    }

    @Override
    default void close() {
    }
}
