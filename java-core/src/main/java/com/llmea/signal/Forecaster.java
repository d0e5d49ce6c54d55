package com.llmea.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Predicts the closes after a window of closes. The GPT-2 forecaster (model/infer) implements this;
 * the strategy only ever sees this interface, so tests and the benchmark can plug in anything.
 */
public interface Forecaster extends AutoCloseable {

    /**
     * @param closes  closes of the finished bars, oldest first (the strategy's lookback window)
     * @param barTime the time of the bar about to open (seconds, server clock); part of cache keys
     */
    Forecast forecast(double[] closes, long barTime);

    /**
     * Forecasts many windows at once. The default calls {@link #forecast} one by one; a model overrides it
     * to run a batch through the network in one pass (a backtest computes all its forecasts this way).
     */
    default List<Forecast> forecastBatch(List<double[]> windows, long[] barTimes) {
        if (windows.size() != barTimes.length) {
            throw new IllegalArgumentException(windows.size() + " windows but " + barTimes.length + " bar times");
        }
        List<Forecast> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            out.add(forecast(windows.get(i), barTimes[i]));
        }
        return out;
    }

    @Override
    default void close() {
    }
}
