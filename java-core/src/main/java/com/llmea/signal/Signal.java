package com.llmea.signal;

/**
 * A rule's verdict: the direction, the two values it compared (forecast side and history side, in price
 * units; NaN when there was no forecast) and a one-line reason for the journal.
 */
public record Signal(Direction direction, double forecastValue, double referenceValue, String reason) {

    public static Signal hold(String reason) {
        return new Signal(Direction.HOLD, Double.NaN, Double.NaN, reason);
    }
}
