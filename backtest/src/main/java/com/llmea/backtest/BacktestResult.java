package com.llmea.backtest;

import java.util.List;

/**
 * What a tester run produced: the deal list (first deal = the balance deposit), and one sample per replayed
 * bar of the time, balance and equity (equity taken at the bar's close after the bar's deals: balance +
 * floating profit of the open position at Bid close for a long, Ask close for a short, + accrued swap).
 * The report (branch report) computes MetaTrader's metrics from this.
 */
public record BacktestResult(
        SymbolSpec spec,
        double initialDeposit,
        List<Deal> deals,
        long[] time,
        double[] balance,
        double[] equity,
        int ignoredDecisions,
        int rejectedOrders) {

    public double finalBalance() {
        return deals.isEmpty() ? initialDeposit : deals.get(deals.size() - 1).balance();
    }

    /** Deals that closed a position (out or in/out): MetaTrader's "trades". */
    public long trades() {
        return deals.stream().filter(d -> d.entry() == Deal.DealEntry.OUT || d.entry() == Deal.DealEntry.INOUT).count();
    }

    public double netProfit() {
        return finalBalance() - initialDeposit;
    }

    public int bars() {
        return time.length;
    }
}
