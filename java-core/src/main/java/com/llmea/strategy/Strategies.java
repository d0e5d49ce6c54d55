package com.llmea.strategy;

import com.llmea.signal.CachingForecaster;
import com.llmea.signal.Forecaster;
import com.llmea.signal.ForecasterProvider;
import com.llmea.signal.MemoryForecastCache;
import com.llmea.signal.SignalRule;

import java.util.Iterator;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Opens the strategy a config describes: the one factory both executors use (the backtest harness and the
 * bridge's {@code llmea_open}), so neither re-implements a strategy. Every key is in docs/strategy.md.
 */
public final class Strategies {
    public static final String MA_CROSS = "ma-cross";
    public static final String LLM = "llm";

    private Strategies() {
    }

    /** The strategy named by {@code strategy} (default ma-cross); for llm, the forecaster comes from a {@link ForecasterProvider}. */
    public static Strategy open(StrategyConfig config) {
        String name = name(config);
        if (name.equals(LLM)) {
            Iterator<ForecasterProvider> it = ServiceLoader.load(ForecasterProvider.class).iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException("strategy = llm needs the GPT-2 forecaster, which this build does not"
                        + " include yet; use strategy = ma-cross");
            }
            Forecaster f;
            try {
                f = it.next().open(config);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot open the forecaster: " + e.getMessage(), e);
            }
            return open(config, f);
        }
        return open(config, null);
    }

    /** As {@link #open(StrategyConfig)}, with the LLM strategy's forecaster given (tests, the benchmark). */
    public static Strategy open(StrategyConfig config, Forecaster forecaster) {
        PositionPolicy policy = PositionPolicy.from(config);
        String name = name(config);
        switch (name) {
            case MA_CROSS:
                return new MaCrossStrategy(config.integer("ma_fast", 10), config.integer("ma_slow", 30), policy);
            case LLM: {
                if (forecaster == null) {
                    throw new IllegalArgumentException("strategy = llm needs a forecaster");
                }
                int lookback = config.integer("lookback", 20);
                Forecaster cached = forecaster instanceof CachingForecaster // e.g. over forecast_cache = DIR
                        ? forecaster
                        : new CachingForecaster(forecaster, new MemoryForecastCache(), config.integer("batch_size", 64));
                return new LlmStrategy(cached, rule(config, lookback), policy, lookback);
            }
            default:
                throw new IllegalArgumentException("unknown strategy '" + name + "' (expected " + MA_CROSS + " or " + LLM + ")");
        }
    }

    public static String name(StrategyConfig config) {
        return config.string("strategy", MA_CROSS).toLowerCase(Locale.ROOT);
    }

    /** The LLM signal rule: {@code rule = mean} (default) or {@code rule = first-k}. */
    public static SignalRule rule(StrategyConfig config, int lookback) {
        double threshold = config.number("threshold_points", 0);
        double point = config.number("point", 0.00001);
        String rule = config.string("rule", "mean").toLowerCase(Locale.ROOT);
        return switch (rule) {
            case "mean" -> SignalRule.meanVsMean(config.integer("mean_bars", lookback), threshold, point);
            case "first-k" -> SignalRule.lastVsFirstK(config.integer("first_k", 1), threshold, point);
            default -> throw new IllegalArgumentException("unknown rule '" + rule + "' (expected mean or first-k)");
        };
    }
}
