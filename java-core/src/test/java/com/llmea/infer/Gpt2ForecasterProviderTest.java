package com.llmea.infer;

import com.llmea.model.Fixtures;
import com.llmea.strategy.Decision;
import com.llmea.strategy.LlmStrategy;
import com.llmea.strategy.Position;
import com.llmea.strategy.Strategies;
import com.llmea.strategy.Strategy;
import com.llmea.strategy.StrategyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code strategy = llm} with {@code model = DIR} opens the GPT-2 forecaster, with the file cache when configured. */
class Gpt2ForecasterProviderTest {

    @Test
    void configKeysBecomeOptions() {
        ForecastOptions o = Gpt2ForecasterProvider.options(StrategyConfig.of(Map.of("point", "0.001", "lookback", "30",
                "temperature", "0.7", "samples", "5", "constrained", "false", "horizon", "10")));
        assertEquals(3, o.digits());
        assertEquals(30, o.promptCloses());
        assertEquals(10, o.horizon());
        assertEquals(10, o.minPrices());
        assertEquals(5, o.samples());
        assertEquals("sampling T=0.7 top_k=0 top_p=1.0 seed=0, median of 5, unconstrained", o.describe());
        assertEquals(ForecastOptions.defaults().withBatchSize(64), Gpt2ForecasterProvider.options(StrategyConfig.of(Map.of())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gpt2ForecasterProvider.options(StrategyConfig.of(Map.of("samples", "3"))));
        assertTrue(e.getMessage().contains("needs sampling"), e.getMessage());
    }

    @Test
    void llmStrategyRunsOnAModelDirectoryWithAForecastCache(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("llm.ini");
        Files.writeString(cfg, String.join("\n", "strategy = llm", "model = " + Fixtures.tinyGpt2(), "lookback = 6",
                "horizon = 4", "max_new_tokens = 12", "forecast_cache = cache", "threshold_points = 0", ""));
        StrategyConfig config = StrategyConfig.load(cfg);
        double[] closes = {1.1, 1.1001, 1.1003, 1.1002, 1.1004, 1.1006, 1.1005};
        Decision first;
        try (Strategy s = Strategies.open(config)) {
            assertInstanceOf(LlmStrategy.class, s);
            first = s.onBar(1800, java.util.Arrays.copyOf(closes, 6), Position.FLAT);
        }
        assertTrue(first.reason().startsWith("HOLD") || first.reason().startsWith("BUY") || first.reason().startsWith("SELL"),
                first.reason());
        Path ns = Files.list(dir.resolve("cache")).findFirst().orElseThrow();
        try (var files = Files.walk(ns)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".fc")).count());
        }
        try (Strategy again = Strategies.open(config)) {
            assertEquals(first.reason(), again.onBar(1800, java.util.Arrays.copyOf(closes, 6), Position.FLAT).reason());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.open(StrategyConfig.of(Map.of("strategy", "llm"))));
        assertTrue(e.getMessage().startsWith("strategy = llm needs the GPT-2 forecaster's model: add 'model = DIR'"),
                e.getMessage());
    }
}
