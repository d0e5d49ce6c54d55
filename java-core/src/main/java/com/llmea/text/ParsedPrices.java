package com.llmea.text;

/**
 * Prices parsed from generated text. {@code stopReason} is null when all {@code requested} prices
 * were read; otherwise it says why parsing stopped (a forecast then becomes HOLD with that reason).
 */
public record ParsedPrices(double[] values, int requested, String stopReason) {
    public int count() {
        return values.length;
    }

    public boolean complete() {
        return stopReason == null;
    }
}
