package com.llmea.signal;

/**
 * Remembers forecasts so that a re-run of a backtest with another threshold or position policy does not
 * run the model again. Keyed by the bar time and the exact window of closes (so another series or another
 * lookback never hits a stale entry). The forecaster issue adds a file-backed implementation (config key
 * {@code forecast_cache}); {@link MemoryForecastCache} lives for one process.
 */
public interface ForecastCache {

    /** The cached forecast for this bar and window, or null. */
    Forecast get(long barTime, double[] closes);

    void put(long barTime, double[] closes, Forecast forecast);

    /** Writes pending entries to durable storage, if the cache has any. */
    default void flush() {
    }
}
