package com.llmea.strategy;

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
     * @param closes  closes of bars shift N..1, oldest first, {@code closes.length == lookback()}
     * @param position the position now held on this symbol (and magic number)
     */
    Decision onBar(long barTime, double[] closes, Position position);

    @Override
    default void close() {
    }
}
