package com.llmea.backtest.report;

/**
 * The figures of a MetaTrader 5 Strategy Tester report, with MetaTrader's definitions (see
 * docs/report.md for each definition and its source). Money is in the account currency, percentages
 * are in percent (5.06 means 5.06 %). A "trade" is a deal that closes a position: direction
 * {@code out} or {@code in/out}; a short trade is one whose closing deal is a buy.
 *
 * <p>Figures that need the equity curve (equity drawdown, recovery factor) are {@code null} when the
 * report was computed from a deal list alone.
 */
public record ReportSummary(
        double initialDeposit,
        double finalBalance,
        double totalNetProfit,
        double grossProfit,
        double grossLoss,
        double totalCommission,
        double totalSwap,
        double profitFactor,
        double expectedPayoff,
        Double recoveryFactor,
        double sharpeRatio,

        double balanceDrawdownAbsolute,
        double balanceDrawdownMaximal,
        double balanceDrawdownMaximalPercent,
        double balanceDrawdownRelativePercent,
        double balanceDrawdownRelative,
        Double equityDrawdownAbsolute,
        Double equityDrawdownMaximal,
        Double equityDrawdownMaximalPercent,
        Double equityDrawdownRelativePercent,
        Double equityDrawdownRelative,

        int totalTrades,
        int totalDeals,
        int shortTrades,
        int shortTradesWon,
        int longTrades,
        int longTradesWon,
        int profitTrades,
        int lossTrades,
        double largestProfitTrade,
        double largestLossTrade,
        double averageProfitTrade,
        double averageLossTrade,
        int maxConsecutiveWins,
        double maxConsecutiveWinsMoney,
        int maxConsecutiveLosses,
        double maxConsecutiveLossesMoney,
        double maximalConsecutiveProfit,
        int maximalConsecutiveProfitCount,
        double maximalConsecutiveLoss,
        int maximalConsecutiveLossCount,
        double averageConsecutiveWins,
        double averageConsecutiveLosses) {

    /** Short trades won, in percent of short trades (0 when there are none). */
    public double shortTradesWonPercent() {
        return percent(shortTradesWon, shortTrades);
    }

    /** Long trades won, in percent of long trades (0 when there are none). */
    public double longTradesWonPercent() {
        return percent(longTradesWon, longTrades);
    }

    /** Profit trades in percent of all trades. */
    public double profitTradesPercent() {
        return percent(profitTrades, totalTrades);
    }

    /** Loss trades in percent of all trades. */
    public double lossTradesPercent() {
        return percent(lossTrades, totalTrades);
    }

    /** Whether the equity figures are present (the report was given an equity curve). */
    public boolean hasEquity() {
        return equityDrawdownMaximal != null;
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
    }
}
