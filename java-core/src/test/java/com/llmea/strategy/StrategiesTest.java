package com.llmea.strategy;

import com.llmea.signal.Direction;
import com.llmea.signal.Forecast;
import com.llmea.signal.Forecaster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategiesTest {

    @Test
    void maCrossFollowsTheAverages() {
        MaCrossStrategy s = new MaCrossStrategy(2, 3, new PositionPolicy(0.1, false, 0, 0, 0));
        assertEquals(3, s.lookback());
        // fast (1 + 4) / 2 = 2.5 > slow (1 + 1 + 4) / 3 = 2 → BUY
        assertEquals(Direction.BUY, s.signal(new double[] {1, 1, 4}));
        // only the last slow closes count: fast (4 + 0) / 2 = 2 < slow (5 + 4 + 0) / 3 = 3 → SELL
        assertEquals(Direction.SELL, s.signal(new double[] {9, 5, 4, 0}));
        // fast (2 + 2) / 2 = 2 = slow (2 + 2 + 2) / 3 → HOLD
        assertEquals(Direction.HOLD, s.signal(new double[] {2, 2, 2}));
        Decision d = s.onBar(0, new double[] {1, 1, 4}, Position.FLAT);
        assertEquals(ActionType.OPEN_BUY, d.action());
        assertEquals("BUY: SMA(2) 2.500000 > SMA(3) 2.000000", d.reason());
        assertEquals(ActionType.NONE, s.onBar(0, new double[] {1, 1, 4}, new Position(Side.LONG, 0.1, 1, 5)).action());
        assertEquals(ActionType.CLOSE, s.onBar(0, new double[] {5, 4, 0}, new Position(Side.LONG, 0.1, 1, 5)).action());
        assertThrows(IllegalArgumentException.class, () -> new MaCrossStrategy(5, 5, new PositionPolicy(0.1, false, 0, 0, 0)));
    }

    @Test
    void openBuildsTheConfiguredStrategy() {
        Strategy s = Strategies.open(StrategyConfig.of(Map.of("ma_fast", "5", "ma_slow", "20", "lots", "0.3")));
        assertInstanceOf(MaCrossStrategy.class, s);
        assertEquals(20, s.lookback());
        assertEquals(0.3, ((MaCrossStrategy) s).policy().lots());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.open(StrategyConfig.of(Map.of("strategy", "rsi"))));
        assertEquals("unknown strategy 'rsi' (expected ma-cross or llm)", e.getMessage());
        IllegalArgumentException llm = assertThrows(IllegalArgumentException.class,
                () -> Strategies.open(StrategyConfig.of(Map.of("strategy", "llm"))));
        assertTrue(llm.getMessage().contains("GPT-2 forecaster"), llm.getMessage());
    }

    /** Forecasts last close + {@code step} for 3 bars, counting calls. */
    static final class StepForecaster implements Forecaster {
        final double step;
        int single;
        final List<Integer> batches = new ArrayList<>();

        StepForecaster(double step) {
            this.step = step;
        }

        @Override
        public Forecast forecast(double[] closes, long barTime) {
            single++;
            double last = closes[closes.length - 1];
            return Forecast.of(last + step, last + step, last + step);
        }

        @Override
        public List<Forecast> forecastBatch(List<double[]> windows, long[] barTimes) {
            batches.add(windows.size());
            List<Forecast> out = new ArrayList<>();
            for (double[] w : windows) {
                double last = w[w.length - 1];
                out.add(Forecast.of(last + step, last + step, last + step));
            }
            return out;
        }
    }

    @Test
    void llmStrategyForecastsRulesAndCarriesTheForecast() {
        StepForecaster f = new StepForecaster(0.00010);
        Strategy s = Strategies.open(StrategyConfig.of(Map.of("strategy", "llm", "lookback", "3",
                "threshold_points", "5", "rule", "first-k", "first_k", "2")), f);
        assertEquals(3, s.lookback());
        // last close 1.10000, forecast 1.10010 > 1.10000 + 5 points → BUY → open
        Decision d = s.onBar(100, new double[] {1.09990, 1.09995, 1.10000}, Position.FLAT);
        assertEquals(ActionType.OPEN_BUY, d.action());
        assertArrayEquals(new double[] {1.10010, 1.10010, 1.10010}, d.forecast());
        assertTrue(d.reason().startsWith("BUY: mean(first 2 forecast) 1.10010 > last close 1.10000"), d.reason());
        // the same bar and window again comes from the cache
        s.onBar(100, new double[] {1.09990, 1.09995, 1.10000}, Position.FLAT);
        assertEquals(1, f.single);
    }

    @Test
    void llmStrategyPreparesEveryWindowInBatchesThenReadsTheCache() {
        StepForecaster f = new StepForecaster(-0.00010);
        Strategy s = Strategies.open(StrategyConfig.of(Map.of("strategy", "llm", "lookback", "2", "batch_size", "4")), f);
        long[] times = {0, 300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700};
        double[] closes = {1.1, 1.10001, 1.10002, 1.10003, 1.10004, 1.10005, 1.10006, 1.10007, 1.10008, 1.10009};
        com.llmea.data.BarSeries bars = com.llmea.data.BarSeries.ofCloses("EURUSD", com.llmea.data.Timeframe.M5, times, closes);
        s.prepare(bars, 0, 10); // bars 2..9 have a full window: 8 windows → batches of 4 and 4
        assertEquals(List.of(4, 4), f.batches);
        for (int i = 2; i < 10; i++) {
            Decision d = s.onBar(times[i], new double[] {closes[i - 2], closes[i - 1]}, Position.FLAT);
            assertEquals(ActionType.OPEN_SELL, d.action());
        }
        assertEquals(0, f.single, "the replay only read the cache");
        s.prepare(bars, 0, 10);
        assertEquals(List.of(4, 4), f.batches, "a re-run does not run the model again");
    }

    @Test
    void aFailedOrEmptyForecastHolds() {
        Forecaster failing = (closes, t) -> {
            throw new IllegalStateException("model exploded");
        };
        Strategy s = new LlmStrategy(failing, com.llmea.signal.SignalRule.meanVsMean(0, 0, 0.00001),
                new PositionPolicy(0.1, false, 0, 0, 2), 2);
        Decision d = s.onBar(0, new double[] {1.1, 1.2}, Position.FLAT);
        assertEquals(ActionType.NONE, d.action());
        assertEquals("HOLD: no forecast (forecast failed: model exploded)", d.reason());
        // max_bars still closes while the model is down
        assertEquals(ActionType.CLOSE, s.onBar(0, new double[] {1.1, 1.2}, new Position(Side.SHORT, 0.1, 1.1, 2)).action());
        Strategy e = new LlmStrategy((c, t) -> Forecast.empty("parsed 0 of 3 values"),
                com.llmea.signal.SignalRule.meanVsMean(0, 0, 0.00001), new PositionPolicy(0.1, false, 0, 0, 0), 2);
        assertEquals("HOLD: no forecast (parsed 0 of 3 values)", e.onBar(0, new double[] {1.1, 1.2}, Position.FLAT).reason());
    }

    @Test
    void precomputedSignalsReplayByBarTime() {
        PositionPolicy p = new PositionPolicy(0.1, true, 0, 0, 0);
        Strategy s = new PrecomputedSignalStrategy(new long[] {300, 600, 900},
                new Direction[] {Direction.BUY, Direction.HOLD, Direction.SELL}, p, 1);
        double[] c = {1.1};
        assertEquals(ActionType.NONE, s.onBar(0, c, Position.FLAT).action(), "no signal for that time: HOLD");
        assertEquals(ActionType.OPEN_BUY, s.onBar(300, c, Position.FLAT).action());
        Position l = new Position(Side.LONG, 0.1, 1.1, 1);
        assertEquals(ActionType.NONE, s.onBar(600, c, l).action());
        assertEquals(ActionType.REVERSE, s.onBar(900, c, l).action());
        assertEquals(ActionType.OPEN_BUY, s.onBar(300, c, Position.FLAT).action(), "a second replay starts over");
    }
}
