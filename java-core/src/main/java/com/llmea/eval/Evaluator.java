package com.llmea.eval;

import com.llmea.signal.Forecast;
import com.llmea.signal.Forecaster;
import com.llmea.signal.Signal;
import com.llmea.signal.SignalRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Honest evaluation of a forecaster on test windows: the first {@code prompt} closes of each window are the input,
 * the next {@code horizon} the truth. The model is scored on the windows where it produced a full forecast, and the
 * naive baselines on exactly those windows (plus, for reference, on every window). Skill = 1 - MSE(model) /
 * MSE(persistence) on the same windows: above 0 the model beats repeating the last close.
 */
public final class Evaluator {
    private final int prompt;
    private final int horizon;
    private final SignalRule rule;
    private final int batchSize;

    public Evaluator(int prompt, int horizon, SignalRule rule, int batchSize) {
        if (prompt < 2 || horizon < 1) {
            throw new IllegalArgumentException("prompt must be >= 2 and horizon >= 1, got " + prompt + " and " + horizon);
        }
        this.prompt = prompt;
        this.horizon = horizon;
        this.rule = rule;
        this.batchSize = batchSize;
    }

    /** One evaluated window: what went in, what happened, what the model said. */
    public record WindowResult(long start, double[] prompt, double[] truth, Forecast forecast, boolean scored) {
    }

    /** Everything {@code llm-ea evaluate} reports. */
    public record Result(int windows, int scored, double parseRate, double averagePricesParsed,
                         Map<String, Integer> failureReasons, List<Metrics> onScoredWindows,
                         List<Metrics> baselinesOnAllWindows, double skill, List<WindowResult> results) {

        public Metrics model() {
            return onScoredWindows.get(0);
        }

        public Metrics baseline(Baseline b) {
            return onScoredWindows.get(1 + b.ordinal());
        }

        /** One line a user can act on. */
        public String verdict() {
            if (scored == 0) {
                return "The model produced no complete forecast on " + windows + " windows: it cannot be compared.";
            }
            if (skill > 0) {
                return String.format(java.util.Locale.ROOT,
                        "The model BEATS persistence on these %d windows (skill %+.4f > 0).", scored, skill);
            }
            return String.format(java.util.Locale.ROOT,
                    "The model does NOT beat persistence on these %d windows (skill %+.4f <= 0).", scored, skill);
        }
    }

    /** Windows must hold at least prompt + horizon closes; {@code start + prompt} stands in for the bar time. */
    public Result run(Forecaster model, List<TestSet.Window> windows) {
        int n = windows.size();
        List<double[]> prompts = new ArrayList<>(n);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            TestSet.Window w = windows.get(i);
            if (w.closes().length < prompt + horizon) {
                throw new IllegalArgumentException("test window " + w.start() + " has " + w.closes().length
                        + " closes; the evaluation needs " + prompt + " + " + horizon);
            }
            prompts.add(Arrays.copyOfRange(w.closes(), 0, prompt));
            times[i] = w.start() + prompt;
        }
        List<Forecast> forecasts = new ArrayList<>(n);
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            forecasts.addAll(model.forecastBatch(prompts.subList(from, to), Arrays.copyOfRange(times, from, to)));
        }
        Scores modelScores = new Scores("model");
        Scores[] base = new Scores[Baseline.values().length];
        Scores[] baseAll = new Scores[base.length];
        for (Baseline b : Baseline.values()) {
            base[b.ordinal()] = new Scores(b.label());
            baseAll[b.ordinal()] = new Scores(b.label());
        }
        List<WindowResult> results = new ArrayList<>(n);
        Map<String, Integer> reasons = new LinkedHashMap<>();
        long parsed = 0;
        int scored = 0;
        for (int i = 0; i < n; i++) {
            TestSet.Window w = windows.get(i);
            double[] p = prompts.get(i);
            double[] truth = Arrays.copyOfRange(w.closes(), prompt, prompt + horizon);
            Forecast f = forecasts.get(i);
            parsed += Math.min(f.parsedCount(), horizon);
            boolean ok = f.closes().length >= horizon;
            if (ok) {
                scored++;
                double[] fc = Arrays.copyOf(f.closes(), horizon);
                modelScores.add(truth, fc, rule.evaluate(p, fc));
            } else {
                reasons.merge(kind(f.reason()), 1, Integer::sum);
            }
            for (Baseline b : Baseline.values()) {
                double[] bf = b.forecast(p, horizon);
                Signal s = rule.evaluate(p, bf);
                baseAll[b.ordinal()].add(truth, bf, s);
                if (ok) {
                    base[b.ordinal()].add(truth, bf, s);
                }
            }
            results.add(new WindowResult(w.start(), p, truth, f, ok));
        }
        List<Metrics> same = new ArrayList<>();
        same.add(modelScores.metrics());
        List<Metrics> all = new ArrayList<>();
        for (Baseline b : Baseline.values()) {
            same.add(base[b.ordinal()].metrics());
            all.add(baseAll[b.ordinal()].metrics());
        }
        double skill = scored == 0 ? Double.NaN : 1 - same.get(0).mse() / same.get(1 + Baseline.PERSISTENCE.ordinal()).mse();
        return new Result(n, scored, n == 0 ? Double.NaN : (double) scored / n, n == 0 ? Double.NaN : (double) parsed / n,
                reasons, same, all, skill, results);
    }

    /** A failure reason without its specifics (numbers, tokens), so that like failures count together. */
    static String kind(String reason) {
        if (reason.isEmpty()) {
            return "short forecast";
        }
        String r = reason.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
        return r.length() > 120 ? r.substring(0, 120) + "…" : r;
    }
}
