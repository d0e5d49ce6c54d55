package com.llmea.bridge;

import com.llmea.signal.Forecast;
import com.llmea.signal.Forecaster;
import com.llmea.signal.ForecasterProvider;
import com.llmea.strategy.StrategyConfig;

/**
 * Test stand-in for the GPT-2 forecaster (registered for native-bridge's tests only), so {@code strategy = llm}
 * runs end to end through the bridge: a deterministic forecast that extends the window's trend for
 * {@code trend.bars} bars, rounded to 5 digits like parsed model output.
 */
public final class TrendForecasterProvider implements ForecasterProvider {
    @Override
    public Forecaster open(StrategyConfig config) {
        int bars = config.integer("trend.bars", 5);
        return (closes, barTime) -> {
            double first = closes[0], last = closes[closes.length - 1];
            double step = (last - first) / Math.max(1, closes.length - 1);
            double[] out = new double[bars];
            for (int i = 0; i < bars; i++) {
                out[i] = Math.round((last + step * (i + 1) * 1.5) * 1e5) / 1e5;
            }
            return Forecast.of(out);
        };
    }
}
