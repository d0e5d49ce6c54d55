package com.llmea.backtest;

import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.signal.CachingForecaster;
import com.llmea.signal.Forecast;
import com.llmea.signal.Forecaster;
import com.llmea.signal.MemoryForecastCache;
import com.llmea.signal.SignalRule;
import com.llmea.strategy.LlmStrategy;
import com.llmea.strategy.PositionPolicy;
import com.llmea.strategy.StrategyConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM strategy through the tester with a deterministic stand-in for GPT-2: forecasts are computed in
 * batches before the replay, the replay only reads the cache, and a re-run with another threshold or policy
 * does not run the model again.
 */
class LlmBacktestTest {

    /** Extrapolates the last change of the window for 5 bars; counts its calls. */
    static final class TrendForecaster implements Forecaster {
        int single;
        final List<Integer> batches = new ArrayList<>();

        @Override
        public Forecast forecast(double[] c, long barTime) {
            single++;
            return trend(c);
        }

        @Override
        public List<Forecast> forecastBatch(List<double[]> windows, long[] barTimes) {
            batches.add(windows.size());
            List<Forecast> out = new ArrayList<>(windows.size());
            for (double[] w : windows) {
                out.add(trend(w));
            }
            return out;
        }

        static Forecast trend(double[] c) {
            double last = c[c.length - 1], step = last - c[c.length - 2];
            double[] f = new double[5];
            for (int i = 0; i < f.length; i++) {
                f[i] = last + step * (i + 1);
            }
            return Forecast.of(f);
        }
    }

    @Test
    void forecastsInBatchesOnceThenReplaysFromTheCache() throws IOException {
        BarSeries bars = BarReader.read(RealFilesBacktestTest.P3DR7).series();
        TrendForecaster model = new TrendForecaster();
        CachingForecaster cached = new CachingForecaster(model, new MemoryForecastCache(), 256);
        StrategyConfig c = StrategyConfig.of(Map.of("reverse", "true"));
        TesterSettings settings = TesterConfig.settings(c, bars);

        LlmStrategy tight = new LlmStrategy(cached, SignalRule.meanVsMean(20, 2, bars.point()),
                new PositionPolicy(0.1, true, 0, 0, 0), 20);
        BacktestResult a = StrategyTester.run(bars, tight, settings);
        int windows = bars.size() - 20;
        assertEquals(windows, model.batches.stream().mapToInt(Integer::intValue).sum(), "one forecast per tested bar");
        assertEquals((windows + 255) / 256, model.batches.size(), "in batches of 256");
        assertEquals(0, model.single, "the replay read the cache only");
        assertTrue(a.trades() > 10, "trades: " + a.trades());
        RealFilesBacktestTest.checkInvariants(bars, a, 0.1, false);

        // another threshold and policy on the same cache: no model call at all, different trades
        LlmStrategy wide = new LlmStrategy(cached, SignalRule.lastVsFirstK(3, 15, bars.point()),
                new PositionPolicy(0.1, false, 0, 0, 12), 20);
        int batchesBefore = model.batches.size();
        BacktestResult b = StrategyTester.run(bars, wide, settings);
        assertEquals(batchesBefore, model.batches.size());
        assertEquals(0, model.single);
        assertNotEquals(DealsCsv.format(a.deals(), 5), DealsCsv.format(b.deals(), 5));
        RealFilesBacktestTest.checkInvariants(bars, b, 0.1, false);
    }
}
