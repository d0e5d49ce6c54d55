package com.llmea.strategy;

/**
 * A strategy's answer at one bar: the action with its volume in lots, why (a line a trader can read in
 * the journal), and the forecast behind it when the strategy has one (empty array otherwise).
 */
public record Decision(ActionType action, double volume, String reason, double[] forecast) {
    private static final double[] NO_FORECAST = new double[0];

    public static Decision none(String reason) {
        return new Decision(ActionType.NONE, 0, reason, NO_FORECAST);
    }

    public static Decision of(ActionType action, double volume, String reason) {
        return new Decision(action, volume, reason, NO_FORECAST);
    }
}
