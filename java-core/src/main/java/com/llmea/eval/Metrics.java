package com.llmea.eval;

/**
 * One forecaster's summary.
 *
 * @param nrmseMethod the original method's NRMSE: RMSE / (max(true) - min(predicted))
 * @param nrmseRange  the standard NRMSE: RMSE / (max(true) - min(true))
 * @param signals     windows where the rule said BUY or SELL
 * @param directionalAccuracy hits / signals: BUY with the realised mean of the next closes above the rule's
 *                    reference value, SELL below it (NaN without signals)
 */
public record Metrics(String name, int windows, long values, double mse, double rmse, double mae,
                      double nrmseMethod, double nrmseRange, int signals, double directionalAccuracy, int hits) {
}
