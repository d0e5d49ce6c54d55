package com.llmea.strategy;

import com.llmea.data.BarSeries;
import com.llmea.signal.CachingForecaster;
import com.llmea.signal.Forecast;
import com.llmea.signal.Forecaster;
import com.llmea.signal.Signal;
import com.llmea.signal.SignalRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LLM strategy ({@code strategy = llm}): forecast the next closes from the last {@code lookback} closes,
 * turn the forecast into BUY/SELL/HOLD with a {@link SignalRule}, then apply the {@link PositionPolicy}.
 * A failed or empty forecast is HOLD (the policy may still close on max_bars). The decision carries the
 * forecast so the EA can show it.
 */
public final class LlmStrategy implements Strategy {
    private final Forecaster forecaster;
    private final SignalRule rule;
    private final PositionPolicy policy;
    private final int lookback;

    public LlmStrategy(Forecaster forecaster, SignalRule rule, PositionPolicy policy, int lookback) {
        if (lookback < 1) {
            throw new IllegalArgumentException("lookback must be at least 1, got " + lookback);
        }
        this.forecaster = forecaster;
        this.rule = rule;
        this.policy = policy;
        this.lookback = lookback;
    }

    @Override
    public int lookback() {
        return lookback;
    }

    public PositionPolicy policy() {
        return policy;
    }

    @Override
    public Decision onBar(long barTime, double[] closes, Position position) {
        double[] window = closes.length == lookback ? closes : Arrays.copyOfRange(closes, closes.length - lookback, closes.length);
        Forecast f;
        try {
            f = forecaster.forecast(window, barTime);
        } catch (RuntimeException e) {
            f = Forecast.empty("forecast failed: " + e.getMessage());
        }
        Signal s = rule.evaluate(window, f.closes());
        String reason = f.isEmpty() && !f.reason().isEmpty() ? s.reason() + " (" + f.reason() + ")" : s.reason();
        return policy.decide(s.direction(), position, reason, f.closes());
    }

    /** With a {@link CachingForecaster}, computes every window of the run in batches before the replay. */
    @Override
    public void prepare(BarSeries bars, int from, int to) {
        prepare(bars, from, to, null);
    }

    /** As {@link #prepare(BarSeries, int, int)}, reporting progress (the command line's progress bar). */
    public void prepare(BarSeries bars, int from, int to, CachingForecaster.Progress progress) {
        if (!(forecaster instanceof CachingForecaster cf)) {
            return;
        }
        int start = Math.max(from, lookback);
        int count = Math.max(0, to - start);
        List<double[]> windows = new ArrayList<>(count);
        long[] t = new long[count];
        for (int i = start; i < to; i++) {
            double[] w = new double[lookback];
            bars.copyCloses(i - lookback, w, 0, lookback);
            windows.add(w);
            t[i - start] = bars.timeSeconds(i);
        }
        cf.prefetch(windows, t, progress);
    }

    @Override
    public void close() {
        forecaster.close();
    }
}
