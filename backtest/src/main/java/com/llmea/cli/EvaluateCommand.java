package com.llmea.cli;

import com.google.gson.JsonObject;
import com.llmea.eval.Baseline;
import com.llmea.eval.EvaluationReport;
import com.llmea.eval.Evaluator;
import com.llmea.eval.ForecastChart;
import com.llmea.eval.TestSet;
import com.llmea.infer.ForecastOptions;
import com.llmea.infer.Gpt2Forecaster;
import com.llmea.model.ModelDir;
import com.llmea.signal.CachingForecaster;
import com.llmea.signal.FileForecastCache;
import com.llmea.signal.Forecaster;
import com.llmea.signal.SignalRule;
import com.llmea.util.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code llm-ea evaluate MODEL DATASET}: forecast errors and signal accuracy against naive baselines. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Forecast the data set's test windows (first closes in, the rest as truth) and compare the model"
                + " with naive baselines on the same windows: MSE, RMSE, NRMSE, MAE, directional accuracy, parse rate,"
                + " skill vs persistence. Writes a table, evaluation.json and forecasts.png."})
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "fine-tuned model directory")
    Path model;

    @Parameters(index = "1", paramLabel = "DATASET", description = "data set directory (from llm-ea dataset)")
    Path dataset;

    @Option(names = "--windows", paramLabel = "N", defaultValue = "0",
            description = "evaluate N test windows spread evenly over the test set (default: all)")
    int windows;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "evaluation",
            description = "folder for evaluation.json and forecasts.png (default: ./evaluation)")
    Path out;

    @Option(names = "--prompt", paramLabel = "N", defaultValue = "20", description = "closes in the prompt (default 20)")
    int prompt;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0", description = "0 = greedy (default)")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "sampling: top-k (0 = off)")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "sampling: top-p (1 = off)")
    double topP;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "sampling: seed mixed into every row's seed")
    long seed;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "1",
            description = "ensemble: K samples per window, per-step median (needs --temperature)")
    int samples;

    @Option(names = "--no-constrained", description = "let the model write any token (default: digits, '.', spaces only)")
    boolean unconstrained;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "0", description = "token budget (0 = automatic)")
    int maxNewTokens;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "rows per generation call")
    int batchSize;

    @Option(names = "--rule", paramLabel = "RULE", defaultValue = "mean",
            description = "signal rule: mean (mean of forecast vs mean of prompt) or first-k (mean of first K vs last close)")
    String rule;

    @Option(names = "--first-k", paramLabel = "K", defaultValue = "1", description = "K of the first-k rule")
    int firstK;

    @Option(names = "--threshold-points", paramLabel = "P", defaultValue = "0", description = "signal threshold in points")
    double thresholdPoints;

    @Option(names = "--forecast-cache", paramLabel = "DIR", description = "reuse and store forecasts in this folder")
    Path forecastCache;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32", description = "float32 or float16 (GPU)")
    String dtype;

    @Option(names = "--device", paramLabel = "DEV", description = "cpu, gpu or gpu:N")
    String device;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TestSet set = TestSet.load(dataset);
        int window = set.info().window();
        int horizon = window - prompt;
        if (horizon < 1) {
            throw new IllegalArgumentException("--prompt " + prompt + " leaves nothing to forecast in windows of " + window);
        }
        if (set.windows().isEmpty()) {
            throw new IllegalArgumentException(dataset + " has no test windows");
        }
        int digits = set.info().source().digits();
        double point = Math.pow(10, -digits);
        SignalRule signalRule = switch (rule.toLowerCase(Locale.ROOT)) {
            case "mean" -> SignalRule.meanVsMean(prompt, thresholdPoints, point);
            case "first-k" -> SignalRule.lastVsFirstK(firstK, thresholdPoints, point);
            default -> throw new IllegalArgumentException("--rule must be mean or first-k, got '" + rule + "'");
        };
        ForecastOptions o = new ForecastOptions(prompt, horizon, digits, temperature, topK, topP, seed, samples,
                !unconstrained, maxNewTokens, horizon, true, batchSize);
        List<TestSet.Window> chosen = set.spread(windows);
        PrintWriter pw = spec.commandLine().getOut();
        Evaluator.Result r;
        String hash;
        long t0 = System.nanoTime();
        try (Gpt2Forecaster g = Gpt2Forecaster.open(model, o, ModelDir.parseDevice(device), ModelDir.parseDtype(dtype))) {
            hash = g.completer().modelId();
            Forecaster f = forecastCache == null ? g
                    : new CachingForecaster(g, new FileForecastCache(forecastCache, g.cacheNamespace()), batchSize);
            r = new Evaluator(prompt, horizon, signalRule, batchSize).run(f, chosen);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> about = new ArrayList<>();
        about.add("model:    " + model + " (sha256 " + hash.substring(0, 12) + "...)");
        about.add(String.format(Locale.ROOT, "data set: %s (%s %s, %d digits; %d test windows)", dataset,
                set.info().source().symbol(), set.info().source().timeframe(), digits, set.windows().size()));
        about.add(String.format(Locale.ROOT, "forecast: %d closes -> %d, %s; rule %s, threshold %s points",
                prompt, horizon, o.describe(), rule, thresholdPoints));
        about.add(String.format(Locale.ROOT, "time:     %.1f s (%.2f windows/s)", seconds, chosen.size() / seconds));
        pw.print(EvaluationReport.table(r, about, digits));
        JsonObject j = new JsonObject();
        j.addProperty("model", model.toString());
        j.addProperty("model_sha256", hash);
        j.addProperty("dataset", dataset.toString());
        j.addProperty("symbol", set.info().source().symbol());
        j.addProperty("timeframe", set.info().source().timeframe());
        j.addProperty("digits", digits);
        j.addProperty("test_windows", set.windows().size());
        j.addProperty("prompt", prompt);
        j.addProperty("horizon", horizon);
        j.addProperty("generation", o.describe());
        j.addProperty("generation_key", o.cacheKey());
        j.addProperty("rule", rule);
        j.addProperty("first_k", firstK);
        j.addProperty("threshold_points", thresholdPoints);
        j.addProperty("bar_time", "window start + prompt (bar index; test.csv has no times)");
        j.addProperty("seconds", seconds);
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("evaluation.json"), EvaluationReport.json(r, j));
        List<Evaluator.WindowResult> show = new ArrayList<>();
        for (Evaluator.WindowResult w : r.results()) {
            if (w.scored() && show.size() < 4) {
                show.add(w);
            }
        }
        for (Evaluator.WindowResult w : r.results()) {
            if (!w.scored() && show.size() < 4) {
                show.add(w);
            }
        }
        ForecastChart.write(out.resolve("forecasts.png"), String.format(Locale.ROOT,
                "%s: model vs truth vs %s, skill %s", set.info().source().symbol(), Baseline.PERSISTENCE.label(),
                Double.isNaN(r.skill()) ? "n/a" : String.format(Locale.ROOT, "%+.4f", r.skill())), show, digits);
        pw.println("wrote " + out.resolve("evaluation.json") + " and " + out.resolve("forecasts.png"));
        pw.flush();
        return 0;
    }
}
