package com.llmea.backtest.report;

import com.llmea.backtest.Deal;
import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link ReportSummary} from a deal list, with MetaTrader 5's definitions of each figure
 * (docs/report.md cites them). It needs nothing but the deals for the balance figures; given the
 * per-bar equity curve it adds the equity drawdown and the recovery factor.
 *
 * <p>Fed the deal list of a real MetaTrader tester report, it reproduces that report's own summary to
 * the cent (see {@code RealReportProofTest}).
 */
public final class Report {
    private Report() {
    }

    /** The summary of a deal list that starts with its {@code balance} deposit deal, without equity. */
    public static ReportSummary of(List<Deal> deals) {
        return of(deals, Double.NaN, null);
    }

    /**
     * The summary of a run.
     *
     * @param deals          the run's deals in time order. If it starts with {@code balance} deals,
     *                       they are the deposit (their sum must equal {@code initialDeposit} unless
     *                       that is NaN); balance deals later in the run move the balance but are no
     *                       trades and no profit.
     * @param initialDeposit the balance before the first deal, or NaN to take it from the leading
     *                       balance deals
     * @param equity         the per-bar balance/equity curve, or null: then the equity figures and
     *                       the recovery factor are null
     */
    public static ReportSummary of(List<Deal> deals, double initialDeposit, EquityCurve equity) {
        int first = 0;
        double leading = 0;
        while (first < deals.size() && deals.get(first).type() == DealType.BALANCE) {
            leading += deals.get(first).net();
            first++;
        }
        double deposit;
        if (first > 0) {
            if (!Double.isNaN(initialDeposit) && Math.abs(initialDeposit - leading) > 0.005) {
                throw new IllegalArgumentException("initial deposit " + initialDeposit
                        + " differs from the deal list's leading balance deal(s), " + leading);
            }
            deposit = leading;
        } else {
            if (Double.isNaN(initialDeposit) || Double.isInfinite(initialDeposit)) {
                throw new IllegalArgumentException("no initial deposit: the deal list does not start with a"
                        + " balance deal and none was given");
            }
            deposit = initialDeposit;
        }

        double balance = deposit;
        DrawdownTracker balanceDd = new DrawdownTracker(deposit);
        double netProfit = 0, commission = 0, swap = 0;
        int totalDeals = 0;
        Map<String, Double> pendingCost = new HashMap<>(); // commission/swap of entry deals, per symbol
        TradeStats trades = new TradeStats();

        for (int i = first; i < deals.size(); i++) {
            Deal d = deals.get(i);
            double net = d.net();
            if (d.type() == DealType.BALANCE) {
                balance += net; // a deposit or withdrawal during the run: no trade, no profit
                balanceDd.add(balance);
                continue;
            }
            totalDeals++;
            netProfit += net;
            commission += d.commission();
            swap += d.swap();
            String sym = d.symbol() == null ? "" : d.symbol();
            double before = balance;
            balance += net;
            if (d.entry() == DealEntry.OUT || d.entry() == DealEntry.INOUT) {
                double carried = pendingCost.getOrDefault(sym, 0.0);
                pendingCost.remove(sym);
                // a buy that closes a position closes a short one
                trades.add(net + carried, d.type() == DealType.BUY, before);
            } else {
                pendingCost.merge(sym, d.commission() + d.swap(), Double::sum);
            }
            balanceDd.add(balance);
        }

        double grossProfit = trades.grossProfit;
        double grossLoss = trades.grossLoss;
        double profitFactor = grossLoss == 0 ? (grossProfit > 0 ? Double.MAX_VALUE : 0.0) : grossProfit / -grossLoss;
        double expectedPayoff = trades.count == 0 ? 0.0 : netProfit / trades.count;

        Double eqAbs = null, eqMax = null, eqMaxPct = null, eqRelPct = null, eqRel = null, recovery = null;
        if (equity != null) {
            DrawdownTracker e = new DrawdownTracker(deposit);
            for (double v : equity.equity()) {
                e.add(v);
            }
            eqAbs = e.absolute();
            eqMax = e.maximal;
            eqMaxPct = e.maximalPercent;
            eqRelPct = e.relativePercent;
            eqRel = e.relative;
            recovery = recoveryFactor(netProfit, e.maximal);
        }

        return new ReportSummary(
                deposit, balance, netProfit, grossProfit, grossLoss, commission, swap,
                profitFactor, expectedPayoff, recovery, trades.sharpe(),
                balanceDd.absolute(), balanceDd.maximal, balanceDd.maximalPercent,
                balanceDd.relativePercent, balanceDd.relative,
                eqAbs, eqMax, eqMaxPct, eqRelPct, eqRel,
                trades.count, totalDeals,
                trades.shortCount, trades.shortWon, trades.longCount, trades.longWon,
                trades.profitCount, trades.lossCount,
                trades.largestProfit, trades.largestLoss,
                trades.profitCount == 0 ? 0.0 : grossProfit / trades.profitCount,
                trades.lossCount == 0 ? 0.0 : grossLoss / trades.lossCount,
                trades.maxWinsCount, trades.maxWinsMoney, trades.maxLossesCount, trades.maxLossesMoney,
                trades.maxProfitMoney, trades.maxProfitCount, trades.maxLossMoney, trades.maxLossCount,
                trades.winRuns == 0 ? 0.0 : (double) trades.profitCount / trades.winRuns,
                trades.lossRuns == 0 ? 0.0 : (double) trades.lossCount / trades.lossRuns);
    }

    /**
     * MetaTrader's recovery factor: total net profit divided by the maximal equity drawdown in money
     * (the largest positive double when there was no drawdown and a profit, 0 with neither).
     */
    public static double recoveryFactor(double netProfit, double equityDrawdownMaximal) {
        if (equityDrawdownMaximal == 0) {
            return netProfit > 0 ? Double.MAX_VALUE : 0.0;
        }
        return netProfit / equityDrawdownMaximal;
    }

    /** The balance after each deal (the first value is the deposit before any deal of the list). */
    public static double[] balanceAfterEachDeal(List<Deal> deals, double initialDeposit) {
        double[] out = new double[deals.size() + 1];
        boolean leading = !deals.isEmpty() && deals.get(0).type() == DealType.BALANCE;
        double b = leading ? 0.0 : initialDeposit;
        out[0] = b;
        for (int i = 0; i < deals.size(); i++) {
            b += deals.get(i).net();
            out[i + 1] = b;
        }
        return out;
    }

    /**
     * MetaTrader's three drawdowns of a value series (balance after each deal, or equity per bar):
     * absolute = deposit − the lowest value, when below the deposit; maximal = the largest fall from a
     * running peak, in money, with its percentage of that peak; relative = the largest such fall in
     * percent of its peak, with its money amount.
     */
    static final class DrawdownTracker {
        final double start;
        double peak;
        double min;
        double maximal, maximalPercent, relative, relativePercent;

        DrawdownTracker(double start) {
            this.start = start;
            this.peak = start;
            this.min = start;
        }

        void add(double v) {
            if (v > peak) {
                peak = v;
            }
            if (v < min) {
                min = v;
            }
            double dd = peak - v;
            double pct = peak > 0 ? 100.0 * dd / peak : 0.0;
            if (dd > maximal) {
                maximal = dd;
                maximalPercent = pct;
            }
            if (pct > relativePercent) {
                relativePercent = pct;
                relative = dd;
            }
        }

        double absolute() {
            return Math.max(0.0, start - min);
        }
    }

    /** Per-trade statistics, trade results in time order. */
    private static final class TradeStats {
        int count, shortCount, shortWon, longCount, longWon, profitCount, lossCount;
        double grossProfit, grossLoss, largestProfit, largestLoss;
        // consecutive series: the current one and the extremes
        int runSign, runCount;
        double runMoney;
        int winRuns, lossRuns;
        int maxWinsCount, maxLossesCount, maxProfitCount, maxLossCount;
        double maxWinsMoney, maxLossesMoney, maxProfitMoney, maxLossMoney;
        // Sharpe: per-trade returns relative to the balance before the closing deal
        double sumR, sumR2;

        void add(double net, boolean shortTrade, double balanceBefore) {
            count++;
            boolean win = net > 0, loss = net < 0;
            if (shortTrade) {
                shortCount++;
                if (win) {
                    shortWon++;
                }
            } else {
                longCount++;
                if (win) {
                    longWon++;
                }
            }
            if (win) {
                profitCount++;
                grossProfit += net;
                largestProfit = Math.max(largestProfit, net);
            } else if (loss) {
                lossCount++;
                grossLoss += net;
                largestLoss = Math.min(largestLoss, net);
            }
            int sign = win ? 1 : loss ? -1 : 0;
            if (sign != 0 && sign == runSign) {
                runCount++;
                runMoney += net;
            } else {
                runSign = sign;
                runCount = sign == 0 ? 0 : 1;
                runMoney = sign == 0 ? 0 : net;
                if (sign > 0) {
                    winRuns++;
                } else if (sign < 0) {
                    lossRuns++;
                }
            }
            if (sign > 0) {
                if (runCount > maxWinsCount) { // ties keep the earlier series
                    maxWinsCount = runCount;
                    maxWinsMoney = runMoney;
                }
                if (runMoney > maxProfitMoney) {
                    maxProfitMoney = runMoney;
                    maxProfitCount = runCount;
                }
            } else if (sign < 0) {
                if (runCount > maxLossesCount) {
                    maxLossesCount = runCount;
                    maxLossesMoney = runMoney;
                }
                if (runMoney < maxLossMoney) {
                    maxLossMoney = runMoney;
                    maxLossCount = runCount;
                }
            }
            double r = balanceBefore > 0 ? net / balanceBefore : 0.0;
            sumR += r;
            sumR2 += r * r;
        }

        /** mean / sample standard deviation of the per-trade returns; 0 with fewer than 2 trades. */
        double sharpe() {
            if (count < 2) {
                return 0.0;
            }
            double mean = sumR / count;
            double var = (sumR2 - count * mean * mean) / (count - 1);
            return var <= 0 ? 0.0 : mean / Math.sqrt(var);
        }
    }
}
