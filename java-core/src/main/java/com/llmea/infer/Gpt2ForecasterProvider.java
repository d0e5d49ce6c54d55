package com.llmea.infer;

import com.llmea.model.ModelDir;
import com.llmea.signal.CachingForecaster;
import com.llmea.signal.FileForecastCache;
import com.llmea.signal.Forecaster;
import com.llmea.signal.ForecasterProvider;
import com.llmea.strategy.StrategyConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the GPT-2 forecaster for {@code strategy = llm} (registered in META-INF/services): {@code model = DIR}
 * plus the generation keys of docs/forecasting.md; with {@code forecast_cache = DIR} the forecaster comes wrapped
 * in a {@link CachingForecaster} over a {@link FileForecastCache}.
 */
public final class Gpt2ForecasterProvider implements ForecasterProvider {

    @Override
    public Forecaster open(StrategyConfig config) throws Exception {
        if (!config.has("model")) {
            throw new IllegalArgumentException("strategy = llm needs the GPT-2 forecaster's model: add 'model = DIR'"
                    + " (a fine-tuned model directory) to the config");
        }
        Path dir = config.resolve(config.requireString("model"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory " + dir + " does not exist");
        }
        ForecastOptions o = options(config);
        Gpt2Forecaster f = Gpt2Forecaster.open(dir, o, ModelDir.parseDevice(config.string("device", null)),
                ModelDir.parseDtype(config.string("dtype", "float32")));
        if (!config.has("forecast_cache")) {
            return f;
        }
        try {
            FileForecastCache cache = new FileForecastCache(config.resolve(config.requireString("forecast_cache")),
                    f.cacheNamespace());
            return new CachingForecaster(f, cache, config.integer("batch_size", 64));
        } catch (Exception e) {
            f.close();
            throw e;
        }
    }

    /**
     * The generation keys; {@code digits} defaults to the decimals of {@code point} (0.00001 gives 5) and
     * {@code batch_size} to 64, the strategy's windows per model call.
     */
    public static ForecastOptions options(StrategyConfig c) {
        double point = c.number("point", 0.00001);
        int digitsFromPoint = point > 0 ? Math.max(0, (int) Math.round(-Math.log10(point))) : 5;
        int lookback = c.integer("lookback", 20);
        int horizon = c.integer("horizon", 40);
        return new ForecastOptions(lookback, horizon, c.integer("digits", digitsFromPoint),
                c.number("temperature", 0), c.integer("top_k", 0), c.number("top_p", 1), c.integer("seed", 0),
                c.integer("samples", 1), c.bool("constrained", true), c.integer("max_new_tokens", 0),
                c.integer("min_prices", horizon), c.bool("prompt_space", true), c.integer("batch_size", 64));
    }
}
