package com.llmea.eval;

import com.llmea.signal.Direction;
import com.llmea.signal.Signal;

/**
 * Accumulates one forecaster's errors and signal hits over windows; {@link #metrics} gives the summary. All errors
 * pool every forecast value of every window (as the original method's arrays did).
 */
final class Scores {
    private final String name;
    private int windows;
    private long values;
    private double sumSq;
    private double sumAbs;
    private double maxTrue = Double.NEGATIVE_INFINITY;
    private double minTrue = Double.POSITIVE_INFINITY;
    private double minPred = Double.POSITIVE_INFINITY;
    private int signals;
    private int hits;

    Scores(String name) {
        this.name = name;
    }

    /**
     * @param truth    the realised closes
     * @param forecast the forecast, as long as the truth
     * @param signal   the rule's signal on this forecast
     */
    void add(double[] truth, double[] forecast, Signal signal) {
        if (forecast.length != truth.length) {
            throw new IllegalArgumentException(name + ": forecast of " + forecast.length + " for " + truth.length + " closes");
        }
        windows++;
        double realisedMean = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = forecast[i] - truth[i];
            sumSq += e * e;
            sumAbs += Math.abs(e);
            maxTrue = Math.max(maxTrue, truth[i]);
            minTrue = Math.min(minTrue, truth[i]);
            minPred = Math.min(minPred, forecast[i]);
            realisedMean += truth[i];
        }
        values += truth.length;
        realisedMean /= truth.length;
        // a "signal" from floating-point noise (the mean-of-prompt baseline under the mean rule) is no view: HOLD
        boolean noise = Math.abs(signal.forecastValue() - signal.referenceValue())
                <= 1e-12 * Math.max(1, Math.abs(signal.referenceValue()));
        if (signal.direction() != Direction.HOLD && !noise) {
            signals++;
            double ref = signal.referenceValue();
            boolean up = realisedMean > ref;
            boolean down = realisedMean < ref;
            if (signal.direction() == Direction.BUY ? up : down) {
                hits++;
            }
        }
    }

    Metrics metrics() {
        double mse = values == 0 ? Double.NaN : sumSq / values;
        double rmse = Math.sqrt(mse);
        return new Metrics(name, windows, values, mse, rmse, values == 0 ? Double.NaN : sumAbs / values,
                rmse / (maxTrue - minPred), rmse / (maxTrue - minTrue), signals,
                signals == 0 ? Double.NaN : (double) hits / signals, hits);
    }
}
