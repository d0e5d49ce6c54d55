package com.llmea.backtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ReportSummary} as the lines of MetaTrader's "Results" block: the exact label, the text as
 * MetaTrader prints it ({@code "152.73 (5.06%)"}), and the numbers behind it. Used to lay out
 * report.html like the tester and by {@code llm-ea compare} to match figures by label.
 */
public final class SummaryFigures {
    private SummaryFigures() {
    }

    /** How a line is printed. */
    public enum Kind {
        MONEY, RATIO, COUNT, WHOLE, MONEY_PERCENT, PERCENT_MONEY, COUNT_PERCENT, COUNT_MONEY, MONEY_COUNT
    }

    /**
     * One line. {@code main}/{@code bracket} are null where the figure is not available (equity figures
     * without an equity curve). {@link Kind#WHOLE} lines are printed rounded to an integer, as
     * MetaTrader prints the average consecutive wins/losses.
     */
    public record Line(String label, Kind kind, Double main, Double bracket) {
        public boolean available() {
            return main != null;
        }

        /** The text as MetaTrader would print it, "n/a" when unavailable. */
        public String text() {
            if (main == null) {
                return "n/a";
            }
            return switch (kind) {
                case MONEY -> money(main);
                case RATIO -> ratio(main);
                case COUNT -> Long.toString(Math.round(main));
                case WHOLE -> Long.toString(Math.round(main));
                case MONEY_PERCENT -> money(main) + " (" + pct(bracket) + "%)";
                case PERCENT_MONEY -> pct(main) + "% (" + money(bracket) + ")";
                case COUNT_PERCENT -> Math.round(main) + " (" + pct(bracket) + "%)";
                case COUNT_MONEY -> Math.round(main) + " (" + money(bracket) + ")";
                case MONEY_COUNT -> money(main) + " (" + Math.round(bracket) + ")";
            };
        }
    }

    /** The lines in MetaTrader's order; the three columns of its table are {@link #columns}. */
    public static List<Line> of(ReportSummary s) {
        List<Line> l = new ArrayList<>();
        l.add(new Line("Initial Deposit", Kind.MONEY, s.initialDeposit(), null));
        l.add(new Line("Total Net Profit", Kind.MONEY, s.totalNetProfit(), null));
        l.add(new Line("Gross Profit", Kind.MONEY, s.grossProfit(), null));
        l.add(new Line("Gross Loss", Kind.MONEY, s.grossLoss(), null));
        l.add(new Line("Balance Drawdown Absolute", Kind.MONEY, s.balanceDrawdownAbsolute(), null));
        l.add(new Line("Balance Drawdown Maximal", Kind.MONEY_PERCENT, s.balanceDrawdownMaximal(),
                s.balanceDrawdownMaximalPercent()));
        l.add(new Line("Balance Drawdown Relative", Kind.PERCENT_MONEY, s.balanceDrawdownRelativePercent(),
                s.balanceDrawdownRelative()));
        l.add(new Line("Equity Drawdown Absolute", Kind.MONEY, s.equityDrawdownAbsolute(), null));
        l.add(new Line("Equity Drawdown Maximal", Kind.MONEY_PERCENT, s.equityDrawdownMaximal(),
                s.equityDrawdownMaximalPercent()));
        l.add(new Line("Equity Drawdown Relative", Kind.PERCENT_MONEY, s.equityDrawdownRelativePercent(),
                s.equityDrawdownRelative()));
        l.add(new Line("Profit Factor", Kind.RATIO, s.profitFactor(), null));
        l.add(new Line("Expected Payoff", Kind.MONEY, s.expectedPayoff(), null));
        l.add(new Line("Recovery Factor", Kind.RATIO, s.recoveryFactor(), null));
        l.add(new Line("Sharpe Ratio", Kind.RATIO, s.sharpeRatio(), null));
        l.add(new Line("Total Trades", Kind.COUNT, (double) s.totalTrades(), null));
        l.add(new Line("Total Deals", Kind.COUNT, (double) s.totalDeals(), null));
        l.add(new Line("Short Trades (won %)", Kind.COUNT_PERCENT, (double) s.shortTrades(), s.shortTradesWonPercent()));
        l.add(new Line("Long Trades (won %)", Kind.COUNT_PERCENT, (double) s.longTrades(), s.longTradesWonPercent()));
        l.add(new Line("Profit Trades (% of total)", Kind.COUNT_PERCENT, (double) s.profitTrades(),
                s.profitTradesPercent()));
        l.add(new Line("Loss Trades (% of total)", Kind.COUNT_PERCENT, (double) s.lossTrades(), s.lossTradesPercent()));
        l.add(new Line("Largest profit trade", Kind.MONEY, s.largestProfitTrade(), null));
        l.add(new Line("Largest loss trade", Kind.MONEY, s.largestLossTrade(), null));
        l.add(new Line("Average profit trade", Kind.MONEY, s.averageProfitTrade(), null));
        l.add(new Line("Average loss trade", Kind.MONEY, s.averageLossTrade(), null));
        l.add(new Line("Maximum consecutive wins ($)", Kind.COUNT_MONEY, (double) s.maxConsecutiveWins(),
                s.maxConsecutiveWinsMoney()));
        l.add(new Line("Maximum consecutive losses ($)", Kind.COUNT_MONEY, (double) s.maxConsecutiveLosses(),
                s.maxConsecutiveLossesMoney()));
        l.add(new Line("Maximal consecutive profit (count)", Kind.MONEY_COUNT, s.maximalConsecutiveProfit(),
                (double) s.maximalConsecutiveProfitCount()));
        l.add(new Line("Maximal consecutive loss (count)", Kind.MONEY_COUNT, s.maximalConsecutiveLoss(),
                (double) s.maximalConsecutiveLossCount()));
        l.add(new Line("Average consecutive wins", Kind.WHOLE, s.averageConsecutiveWins(), null));
        l.add(new Line("Average consecutive losses", Kind.WHOLE, s.averageConsecutiveLosses(), null));
        return l;
    }

    /**
     * MetaTrader's Results table, row by row, three label/value pairs a row (null = empty cell, an
     * empty row = a gap).
     */
    public static List<String[]> layout() {
        return List.of(
                new String[]{"Total Net Profit", "Balance Drawdown Absolute", "Equity Drawdown Absolute"},
                new String[]{"Gross Profit", "Balance Drawdown Maximal", "Equity Drawdown Maximal"},
                new String[]{"Gross Loss", "Balance Drawdown Relative", "Equity Drawdown Relative"},
                new String[]{},
                new String[]{"Profit Factor", "Expected Payoff", null},
                new String[]{"Recovery Factor", "Sharpe Ratio", null},
                new String[]{},
                new String[]{"Total Trades", "Short Trades (won %)", "Long Trades (won %)"},
                new String[]{"Total Deals", "Profit Trades (% of total)", "Loss Trades (% of total)"},
                new String[]{null, "Largest profit trade", "Largest loss trade"},
                new String[]{null, "Average profit trade", "Average loss trade"},
                new String[]{null, "Maximum consecutive wins ($)", "Maximum consecutive losses ($)"},
                new String[]{null, "Maximal consecutive profit (count)", "Maximal consecutive loss (count)"},
                new String[]{null, "Average consecutive wins", "Average consecutive losses"});
    }

    /** Money as MetaTrader prints it: two decimals, thousands separated by a space ({@code 3 000.00}). */
    public static String money(double v) {
        if (v == Double.MAX_VALUE) {
            return "∞";
        }
        String s = String.format(Locale.ROOT, "%.2f", v + 0.0);
        boolean neg = s.startsWith("-");
        String digits = neg ? s.substring(1) : s;
        int dot = digits.indexOf('.');
        StringBuilder b = new StringBuilder();
        String ip = digits.substring(0, dot);
        for (int i = 0; i < ip.length(); i++) {
            if (i > 0 && (ip.length() - i) % 3 == 0) {
                b.append(' ');
            }
            b.append(ip.charAt(i));
        }
        return (neg ? "-" : "") + b + digits.substring(dot);
    }

    static String ratio(double v) {
        return v == Double.MAX_VALUE ? "∞" : String.format(Locale.ROOT, "%.2f", v + 0.0);
    }

    static String pct(Double v) {
        return String.format(Locale.ROOT, "%.2f", v + 0.0);
    }
}
