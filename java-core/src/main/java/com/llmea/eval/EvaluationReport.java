package com.llmea.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal table and {@code evaluation.json} of an {@link Evaluator.Result}. */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /**
     * The table: the model and the baselines on the same windows, then the baselines on all windows, the skill score
     * and the verdict. {@code about} holds the header lines (model, data set, settings).
     */
    public static String table(Evaluator.Result r, List<String> about, int digits) {
        StringBuilder sb = new StringBuilder();
        for (String a : about) {
            sb.append(a).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "windows: %d evaluated, %d with a complete forecast (parse rate %s,"
                + " average %s prices parsed)%n", r.windows(), r.scored(), pct(r.parseRate()), fmt(r.averagePricesParsed(), 1)));
        if (!r.failureReasons().isEmpty()) {
            sb.append("incomplete forecasts:\n");
            r.failureReasons().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %5d  %s%n", v, k)));
        }
        sb.append('\n').append("On the ").append(r.scored()).append(" windows with a complete model forecast:\n");
        header(sb);
        for (Metrics m : r.onScoredWindows()) {
            row(sb, m, digits);
        }
        sb.append('\n').append("Baselines on all ").append(r.windows()).append(" windows (reference):\n");
        header(sb);
        for (Metrics m : r.baselinesOnAllWindows()) {
            row(sb, m, digits);
        }
        sb.append('\n').append(String.format(Locale.ROOT, "skill vs persistence (1 - MSE model / MSE last value): %s%n",
                Double.isNaN(r.skill()) ? "n/a" : String.format(Locale.ROOT, "%+.4f", r.skill())));
        sb.append(r.verdict()).append('\n');
        return sb.toString();
    }

    private static void header(StringBuilder sb) {
        sb.append(String.format(Locale.ROOT, "  %-16s %7s %12s %10s %10s %14s %13s %8s %9s%n", "forecaster", "windows",
                "MSE", "RMSE", "MAE", "NRMSE (method)", "NRMSE (range)", "signals", "dir. acc."));
    }

    private static void row(StringBuilder sb, Metrics m, int digits) {
        sb.append(String.format(Locale.ROOT, "  %-16s %7d %12s %10s %10s %14s %13s %8d %9s%n", m.name(), m.windows(),
                sci(m.mse()), fmt(m.rmse(), digits + 1), fmt(m.mae(), digits + 1), fmt(m.nrmseMethod(), 4),
                fmt(m.nrmseRange(), 4), m.signals(), pct(m.directionalAccuracy())));
    }

    private static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }

    private static String sci(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4e", v) : "n/a";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
    }

    /** evaluation.json: {@code about} (settings) first, then counts, metrics, skill, verdict and every window. */
    public static String json(Evaluator.Result r, JsonObject about) {
        JsonObject o = about.deepCopy();
        JsonObject w = new JsonObject();
        w.addProperty("evaluated", r.windows());
        w.addProperty("scored", r.scored());
        w.add("parse_rate", num(r.parseRate()));
        w.add("average_prices_parsed", num(r.averagePricesParsed()));
        JsonObject reasons = new JsonObject();
        for (Map.Entry<String, Integer> e : r.failureReasons().entrySet()) {
            reasons.addProperty(e.getKey(), e.getValue());
        }
        w.add("incomplete_reasons", reasons);
        o.add("windows", w);
        o.add("on_scored_windows", metrics(r.onScoredWindows()));
        o.add("baselines_on_all_windows", metrics(r.baselinesOnAllWindows()));
        o.add("skill_vs_persistence", num(r.skill()));
        o.add("beats_persistence", r.scored() == 0 ? JsonNull.INSTANCE : new JsonPrimitive(r.skill() > 0));
        o.addProperty("verdict", r.verdict());
        JsonArray each = new JsonArray();
        for (Evaluator.WindowResult x : r.results()) {
            JsonObject e = new JsonObject();
            e.addProperty("start", x.start());
            e.addProperty("scored", x.scored());
            e.addProperty("parsed", x.forecast().parsedCount());
            e.addProperty("reason", x.forecast().reason());
            e.add("forecast", doubles(x.forecast().closes()));
            e.addProperty("text", x.forecast().text());
            each.add(e);
        }
        o.add("per_window", each);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    private static JsonArray metrics(List<Metrics> ms) {
        JsonArray a = new JsonArray();
        for (Metrics m : ms) {
            JsonObject j = new JsonObject();
            j.addProperty("forecaster", m.name());
            j.addProperty("windows", m.windows());
            j.addProperty("values", m.values());
            j.add("mse", num(m.mse()));
            j.add("rmse", num(m.rmse()));
            j.add("mae", num(m.mae()));
            j.add("nrmse_method", num(m.nrmseMethod()));
            j.add("nrmse_range", num(m.nrmseRange()));
            j.addProperty("signals", m.signals());
            j.addProperty("hits", m.hits());
            j.add("directional_accuracy", num(m.directionalAccuracy()));
            a.add(j);
        }
        return a;
    }

    private static JsonArray doubles(double[] v) {
        JsonArray a = new JsonArray();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    /** A number, or null when it is not finite (JSON has no NaN). */
    static com.google.gson.JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }
}
