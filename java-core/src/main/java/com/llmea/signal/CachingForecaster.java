package com.llmea.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * A forecaster in front of a {@link ForecastCache}: hits come from the cache; misses go to the model,
 * in batches of {@code batchSize} windows, and are stored. A backtest first calls {@link #prefetch}
 * with every window of the run, so the bar-by-bar replay afterwards only reads the cache.
 */
public final class CachingForecaster implements Forecaster {
    private final Forecaster model;
    private final ForecastCache cache;
    private final int batchSize;
    private long modelCalls;

    public CachingForecaster(Forecaster model, ForecastCache cache, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        this.cache = cache;
        this.batchSize = batchSize;
    }

    @Override
    public Forecast forecast(double[] closes, long barTime) {
        Forecast f = cache.get(barTime, closes);
        if (f == null) {
            f = model.forecast(closes, barTime);
            modelCalls++;
            cache.put(barTime, closes, f);
        }
        return f;
    }

    @Override
    public List<Forecast> forecastBatch(List<double[]> windows, long[] barTimes) {
        prefetch(windows, barTimes);
        List<Forecast> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            out.add(cache.get(barTimes[i], windows.get(i)));
        }
        return out;
    }

    /** Told how many of the windows to compute are done, after each batch. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /** Computes and caches every window not cached yet, {@code batchSize} windows per model call. */
    public void prefetch(List<double[]> windows, long[] barTimes) {
        prefetch(windows, barTimes, null);
    }

    /** As {@link #prefetch(List, long[])}, reporting progress (windows computed so far, windows to compute). */
    public void prefetch(List<double[]> windows, long[] barTimes, Progress progress) {
        List<double[]> miss = new ArrayList<>();
        List<Long> missTimes = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            if (cache.get(barTimes[i], windows.get(i)) == null) {
                miss.add(windows.get(i));
                missTimes.add(barTimes[i]);
            }
        }
        for (int from = 0; from < miss.size(); from += batchSize) {
            int to = Math.min(miss.size(), from + batchSize);
            long[] times = new long[to - from];
            for (int i = from; i < to; i++) {
                times[i - from] = missTimes.get(i);
            }
            List<Forecast> got = model.forecastBatch(miss.subList(from, to), times);
            modelCalls++;
            if (got.size() != to - from) {
                throw new IllegalStateException("the forecaster returned " + got.size() + " forecasts for " + (to - from)
                        + " windows");
            }
            for (int i = from; i < to; i++) {
                cache.put(times[i - from], miss.get(i), got.get(i - from));
            }
            if (progress != null) {
                progress.update(to, miss.size());
            }
        }
        cache.flush();
    }

    /** How many times the model was called (single forecasts and batches); tests check cache reuse with it. */
    public long modelCalls() {
        return modelCalls;
    }

    @Override
    public void close() {
        cache.flush();
        model.close();
    }
}
