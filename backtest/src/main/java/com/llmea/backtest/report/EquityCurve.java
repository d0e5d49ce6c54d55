package com.llmea.backtest.report;

import java.util.Objects;

/**
 * Balance and equity sampled once per bar by the tester emulation: {@code time[i]} is the bar's open
 * time in epoch seconds (broker server time read as UTC, as everywhere in llm-ea), {@code balance[i]}
 * and {@code equity[i]} the account values at that bar. Equity includes the floating profit of open
 * positions, so it is what the equity drawdown figures are computed from.
 */
public record EquityCurve(long[] time, double[] balance, double[] equity) {
    public EquityCurve {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(equity, "equity");
        if (time.length != balance.length || time.length != equity.length) {
            throw new IllegalArgumentException("equity curve arrays differ in length: time " + time.length
                    + ", balance " + balance.length + ", equity " + equity.length);
        }
    }

    public int size() {
        return time.length;
    }
}
