package com.llmea.eval;

import com.llmea.signal.Forecast;
import com.llmea.signal.Forecaster;
import com.llmea.signal.SignalRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluation's arithmetic, with hand-made windows and forecasters whose answers are known. */
class EvaluatorTest {
    static List<TestSet.Window> windows() {
        List<TestSet.Window> w = new ArrayList<>();
        // prompt 4 closes, horizon 2: rising, falling, flat, rising
        w.add(new TestSet.Window(0, new double[] {1.0, 1.1, 1.2, 1.3, 1.4, 1.5}));
        w.add(new TestSet.Window(10, new double[] {2.0, 1.9, 1.8, 1.7, 1.6, 1.5}));
        w.add(new TestSet.Window(20, new double[] {1.0, 1.0, 1.0, 1.0, 1.0, 1.0}));
        w.add(new TestSet.Window(30, new double[] {1.0, 1.2, 1.4, 1.6, 1.8, 2.0}));
        return w;
    }

    /** Knows the truth of windows 0, 1 and 3 by bar time (start + prompt); says nothing useful for window 2. */
    static Forecaster oracle() {
        Map<Long, double[]> truth = new HashMap<>();
        for (TestSet.Window w : windows()) {
            truth.put(w.start() + 4, Arrays.copyOfRange(w.closes(), 4, 6));
        }
        return (closes, t) -> t == 24 ? new Forecast(new double[0], 1, "parsed 1 of 2 prices: token 'x' at character 4 is not a price", "1.0 x")
                : new Forecast(truth.get(t), 2, "");
    }

    @Test
    void perfectForecastsOnTheScoredWindowsAndBaselinesOnExactlyThoseWindows() {
        Evaluator e = new Evaluator(4, 2, SignalRule.meanVsMean(4, 0, 0.01), 3);
        Evaluator.Result r = e.run(oracle(), windows());
        assertEquals(4, r.windows());
        assertEquals(3, r.scored());
        assertEquals(0.75, r.parseRate());
        assertEquals((2 + 2 + 1 + 2) / 4.0, r.averagePricesParsed());
        assertEquals(Map.of("parsed N of N prices: token '…' at character N is not a price", 1), r.failureReasons());
        for (Metrics m : r.onScoredWindows()) {
            assertEquals(3, m.windows(), m.name());
            assertEquals(6, m.values(), m.name());
        }
        for (Metrics m : r.baselinesOnAllWindows()) {
            assertEquals(4, m.windows(), m.name());
        }
        Metrics model = r.model();
        assertEquals(0, model.mse());
        assertEquals(0, model.nrmseMethod());
        assertEquals(3, model.signals());
        assertEquals(1.0, model.directionalAccuracy());
        // persistence on windows 0, 1, 3: errors (0.1, 0.2), (0.1, 0.2), (0.2, 0.4)
        Metrics p = r.baseline(Baseline.PERSISTENCE);
        double mse = (0.01 + 0.04 + 0.01 + 0.04 + 0.04 + 0.16) / 6;
        assertEquals(mse, p.mse(), 1e-12);
        assertEquals(Math.sqrt(mse), p.rmse(), 1e-12);
        assertEquals((0.1 + 0.2 + 0.1 + 0.2 + 0.2 + 0.4) / 6, p.mae(), 1e-12);
        // NRMSE: method divides by max(true) - min(predicted) = 2.0 - 1.3; standard by max(true) - min(true) = 2.0 - 1.4
        assertEquals(Math.sqrt(mse) / (2.0 - 1.3), p.nrmseMethod(), 1e-12);
        assertEquals(Math.sqrt(mse) / (2.0 - 1.4), p.nrmseRange(), 1e-12);
        assertEquals(1.0, r.skill(), 1e-12);
        assertTrue(r.verdict().contains("BEATS persistence"), r.verdict());
        // the mean-of-prompt baseline never clears a mean-vs-mean rule: no signals, no accuracy
        assertEquals(0, r.baseline(Baseline.MEAN).signals());
        assertTrue(Double.isNaN(r.baseline(Baseline.MEAN).directionalAccuracy()));
        // drift continues the line exactly on these straight windows
        assertEquals(0, r.baseline(Baseline.DRIFT).mse(), 1e-20);
    }

    @Test
    void baselines() {
        double[] p = {1, 2, 4};
        assertArrayEquals(new double[] {4, 4}, Baseline.PERSISTENCE.forecast(p, 2));
        assertArrayEquals(new double[] {5.5, 7}, Baseline.DRIFT.forecast(p, 2));
        assertArrayEquals(new double[] {7 / 3.0, 7 / 3.0}, Baseline.MEAN.forecast(p, 2));
    }

    @Test
    void aModelWorseThanPersistenceIsSaidSo() {
        Forecaster off = (closes, t) -> Forecast.of(closes[closes.length - 1] + 1, closes[closes.length - 1] + 1);
        Evaluator.Result r = new Evaluator(4, 2, SignalRule.lastVsFirstK(1, 0, 0.01), 8).run(off, windows());
        assertEquals(4, r.scored());
        assertTrue(r.skill() < 0);
        assertTrue(r.verdict().contains("does NOT beat persistence"), r.verdict());
        assertEquals(4, r.model().signals());
        assertEquals(2, r.model().hits()); // BUY every time: right on the two rising windows only
        Evaluator.Result none = new Evaluator(4, 2, SignalRule.lastVsFirstK(1, 0, 0.01), 8)
                .run((c, t) -> Forecast.empty("parsed 0 of 2 prices"), windows());
        assertEquals(0, none.scored());
        assertTrue(Double.isNaN(none.skill()));
        assertTrue(none.verdict().contains("no complete forecast"), none.verdict());
        String table = EvaluationReport.table(none, List.of("about"), 2);
        assertTrue(table.contains("n/a"), table);
    }
}
