package com.llmea.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.llmea.backtest.BacktestResult;
import com.llmea.backtest.DealsCsv;
import com.llmea.backtest.StrategyTester;
import com.llmea.backtest.TesterConfig;
import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.strategy.Strategies;
import com.llmea.strategy.Strategy;
import com.llmea.strategy.StrategyConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end parity of everything but MetaTrader: llmea-replay (C, through the bridge and an embedded JVM,
 * bar by bar as the EA) against the backtest harness (Java, StrategyTester, what `llm-ea backtest` runs) on
 * the real EURUSD M5 exports in ../shared/data and the same config: deals.csv must be identical, byte for byte.
 */
class ReplayParityTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Path data = Path.of(System.getProperty("llmea.shared", "../shared")).resolve("data");
        List<Path> files = List.of(data.resolve("P3dr7__Cruzamento-de-Medias/EURUSD_M5.csv"),
                data.resolve("kayoroxa__binarias/EURUSD_M5.csv"));
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put("ma-cross", Map.of("strategy", "ma-cross"));
        configs.put("ma-cross reverse, stops, costs", Map.of("strategy", "ma-cross", "ma_fast", "5", "ma_slow", "20",
                "reverse", "true", "stop_loss_points", "120", "take_profit_points", "200", "tester.commission_per_lot",
                "3.5", "tester.swap_long", "-6.2", "tester.swap_short", "1.35", "lots", "0.3"));
        configs.put("ma-cross reverse, hedging, max bars", Map.of("strategy", "ma-cross", "reverse", "true",
                "tester.hedging", "true", "max_bars", "40", "tester.deposit", "2500"));
        configs.put("llm (trend forecaster stand-in)", Map.of("strategy", "llm", "lookback", "20", "threshold_points", "3",
                "reverse", "true", "stop_loss_points", "150"));
        configs.put("echo stops and swaps", Map.of("strategy.class", EchoStrategy.class.getName(), "echo.lookback", "10",
                "echo.hold", "7", "stop_loss_points", "50", "take_profit_points", "80", "tester.swap_long", "-6.2",
                "tester.swap_short", "1.1", "tester.commission_per_lot", "7"));
        return files.stream().flatMap(f -> configs.entrySet().stream()
                .map(c -> Arguments.of(f, c.getKey(), c.getValue())));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void replayEqualsBacktest(Path bars, String name, Map<String, String> keys) throws Exception {
        assumeTrue(Files.isRegularFile(bars), "no shared data at " + bars);
        Map<String, String> all = new LinkedHashMap<>(keys);
        all.put("java.home", System.getProperty("java.home"));
        all.put("java.class_path", NativeProgramsTest.classPath());
        Path cfg = NativeBridge.config(dir, "parity.cfg", all);

        // the harness
        StrategyConfig config = StrategyConfig.load(cfg);
        BarSeries series = BarReader.read(bars).series();
        Function<StrategyConfig, Strategy> open = c -> c.has("strategy.class") ? new EchoStrategy(c) : Strategies.open(c);
        BacktestResult result;
        try (Strategy s = open.apply(config)) {
            result = StrategyTester.run(series, s, TesterConfig.settings(config, series));
        }
        String expected = DealsCsv.format(result.deals(), series.digits());

        // the C replay through the bridge
        Path out = dir.resolve("deals.csv");
        NativeProgramsTest.Result r = NativeProgramsTest.run(Map.of(), List.of(
                NativeBridge.nativeDir().resolve("linux-x86_64/llmea-replay").toString(), bars.toString(), cfg.toString(),
                out.toString()), 600);
        assertEquals(0, r.exit(), r.output());
        String actual = Files.readString(out, StandardCharsets.UTF_8);

        assertTrue(result.deals().size() > 3, "the case should trade: " + result.deals().size() + " deals");
        if (!expected.equals(actual)) {
            String[] e = expected.split("\n", -1), a = actual.split("\n", -1);
            for (int i = 0; i < Math.min(e.length, a.length); i++) {
                assertEquals(e[i], a[i], name + ": deals.csv line " + (i + 1) + " differs");
            }
            assertEquals(e.length, a.length, name + ": deals.csv line count");
        }
        System.out.printf("parity %s on %s: %d deals identical%n", name, bars.getParent().getFileName(),
                result.deals().size());
    }
}
