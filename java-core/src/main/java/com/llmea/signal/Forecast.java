package com.llmea.signal;

/**
 * What a forecaster predicted for the bars after a window: the predicted closes in order (possibly
 * fewer than asked for, when the generated text parsed short), how many values it parsed, and why it
 * stopped or failed (a line for the journal; empty when all went well), and the raw generated text
 * (empty when the forecaster has none). A forecaster that needs a full forecast returns no closes
 * when too few parsed, with {@code parsedCount} and {@code text} still telling what came back.
 */
public record Forecast(double[] closes, int parsedCount, String reason, String text) {
    private static final double[] NONE = new double[0];

    public Forecast {
        closes = closes == null ? NONE : closes;
        reason = reason == null ? "" : reason;
        text = text == null ? "" : text;
    }

    public Forecast(double[] closes, int parsedCount, String reason) {
        this(closes, parsedCount, reason, "");
    }

    /** No forecast at all (model failed, text did not parse): the rules then HOLD with this reason. */
    public static Forecast empty(String reason) {
        return new Forecast(NONE, 0, reason);
    }

    public static Forecast of(double... closes) {
        return new Forecast(closes, closes.length, "");
    }

    public boolean isEmpty() {
        return closes.length == 0;
    }
}
