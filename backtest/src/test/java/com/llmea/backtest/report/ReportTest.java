package com.llmea.backtest.report;

import com.llmea.backtest.Deal;
import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every metric on small deal lists, expected values worked out by hand in the comments. */
class ReportTest {
    static final double EPS = 1e-9;

    /** Builds deals one a minute, keeping the balance column as MetaTrader would. */
    static final class Deals {
        final List<Deal> list = new ArrayList<>();
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        double balance;
        long n = 1;

        Deals deposit(double amount) {
            balance += amount;
            list.add(new Deal(t, n++, "", DealType.BALANCE, DealEntry.NONE, 0, 0, 0, 0, 0, amount, balance, ""));
            return this;
        }

        Deals deal(DealType type, DealEntry entry, double profit, double commission, double swap) {
            t = t.plusMinutes(1);
            balance += profit + commission + swap;
            list.add(new Deal(t, n, "EURUSD", type, entry, 0.1, 1.1, n, commission, swap, profit, balance, ""));
            n++;
            return this;
        }

        Deals in(DealType type) {
            return deal(type, DealEntry.IN, 0, 0, 0);
        }

        Deals out(DealType type, double profit) {
            return deal(type, DealEntry.OUT, profit, 0, 0);
        }
    }

    /*
     * deposit 1000
     *  2 buy  in   commission -2            balance  998
     *  3 sell out  profit +50, commission -2  balance 1046   trade 1, long:  50-2 + (-2 carried from its entry) = +46
     *  4 sell in                            balance 1046
     *  5 buy  out  profit -30               balance 1016   trade 2, short: -30
     *  6 buy  in                            balance 1016
     *  7 sell out  profit -20               balance  996   trade 3, long:  -20
     *  8 sell in                            balance  996
     *  9 buy  out  profit +10               balance 1006   trade 4, short: +10
     * 10 buy  in                            balance 1006
     * 11 sell out  profit +15, swap -1        balance 1020   trade 5, long:  +14
     */
    static List<Deal> fiveTrades() {
        return new Deals().deposit(1000)
                .deal(DealType.BUY, DealEntry.IN, 0, -2, 0)
                .deal(DealType.SELL, DealEntry.OUT, 50, -2, 0)
                .in(DealType.SELL).out(DealType.BUY, -30)
                .in(DealType.BUY).out(DealType.SELL, -20)
                .in(DealType.SELL).out(DealType.BUY, 10)
                .in(DealType.BUY).deal(DealType.SELL, DealEntry.OUT, 15, 0, -1)
                .list;
    }

    @Test
    void totalsAndTrades() {
        ReportSummary s = Report.of(fiveTrades());
        assertEquals(1000, s.initialDeposit(), EPS);
        assertEquals(1020, s.finalBalance(), EPS);
        // profits 50-30-20+10+15 = 25, commission -4, swap -1: net 20
        assertEquals(20, s.totalNetProfit(), EPS);
        assertEquals(-4, s.totalCommission(), EPS);
        assertEquals(-1, s.totalSwap(), EPS);
        // trades +46 -30 -20 +10 +14: gross profit 70, gross loss -50 (and 70 - 50 = net 20)
        assertEquals(70, s.grossProfit(), EPS);
        assertEquals(-50, s.grossLoss(), EPS);
        assertEquals(1.4, s.profitFactor(), EPS);            // 70 / 50
        assertEquals(4, s.expectedPayoff(), EPS);            // 20 / 5 trades
        assertEquals(5, s.totalTrades());
        assertEquals(10, s.totalDeals());                    // every deal but the deposit
        assertEquals(2, s.shortTrades());                    // closed by a buy: trades 2 and 4
        assertEquals(1, s.shortTradesWon());
        assertEquals(50.0, s.shortTradesWonPercent(), EPS);
        assertEquals(3, s.longTrades());                     // trades 1, 3, 5
        assertEquals(2, s.longTradesWon());
        assertEquals(200.0 / 3, s.longTradesWonPercent(), EPS);
        assertEquals(3, s.profitTrades());
        assertEquals(60.0, s.profitTradesPercent(), EPS);
        assertEquals(2, s.lossTrades());
        assertEquals(40.0, s.lossTradesPercent(), EPS);
        assertEquals(46, s.largestProfitTrade(), EPS);
        assertEquals(-30, s.largestLossTrade(), EPS);
        assertEquals(70.0 / 3, s.averageProfitTrade(), EPS);
        assertEquals(-25, s.averageLossTrade(), EPS);        // -50 / 2
    }

    @Test
    void consecutiveSeries() {
        ReportSummary s = Report.of(fiveTrades());
        // W(+46) L(-30) L(-20) W(+10) W(+14): win series [46], [10, 14]; loss series [-30, -20]
        assertEquals(2, s.maxConsecutiveWins());             // the longest win series ...
        assertEquals(24, s.maxConsecutiveWinsMoney(), EPS);  // ... and its money
        assertEquals(46, s.maximalConsecutiveProfit(), EPS); // the richest win series ...
        assertEquals(1, s.maximalConsecutiveProfitCount());  // ... and its length
        assertEquals(2, s.maxConsecutiveLosses());
        assertEquals(-50, s.maxConsecutiveLossesMoney(), EPS);
        assertEquals(-50, s.maximalConsecutiveLoss(), EPS);
        assertEquals(2, s.maximalConsecutiveLossCount());
        assertEquals(1.5, s.averageConsecutiveWins(), EPS);  // 3 wins in 2 series
        assertEquals(2.0, s.averageConsecutiveLosses(), EPS); // 2 losses in 1 series
    }

    @Test
    void balanceDrawdown() {
        ReportSummary s = Report.of(fiveTrades());
        // balances 1000, 998, 1046, 1046, 1016, 1016, 996, 996, 1006, 1006, 1020
        assertEquals(4, s.balanceDrawdownAbsolute(), EPS);   // 1000 - lowest 996
        // falls from a peak: 1000->998 (2, 0.2 %), 1046->996 (50, 4.78 %)
        assertEquals(50, s.balanceDrawdownMaximal(), EPS);
        assertEquals(100.0 * 50 / 1046, s.balanceDrawdownMaximalPercent(), EPS);
        assertEquals(100.0 * 50 / 1046, s.balanceDrawdownRelativePercent(), EPS);
        assertEquals(50, s.balanceDrawdownRelative(), EPS);
        assertNull(s.equityDrawdownMaximal());
        assertNull(s.recoveryFactor());
    }

    @Test
    void maximalAndRelativeDrawdownDiffer() {
        // deposit 100 -> 60 (fall 40 = 40 % of 100) -> 1000 -> 900 (fall 100 = 10 % of 1000)
        List<Deal> d = new Deals().deposit(100)
                .in(DealType.BUY).out(DealType.SELL, -40)
                .in(DealType.BUY).out(DealType.SELL, 940)
                .in(DealType.BUY).out(DealType.SELL, -100).list;
        ReportSummary s = Report.of(d);
        assertEquals(40, s.balanceDrawdownAbsolute(), EPS);  // 100 - 60
        assertEquals(100, s.balanceDrawdownMaximal(), EPS);  // the largest fall in money ...
        assertEquals(10, s.balanceDrawdownMaximalPercent(), EPS); // ... in % of its own peak
        assertEquals(40, s.balanceDrawdownRelativePercent(), EPS); // the largest fall in % ...
        assertEquals(40, s.balanceDrawdownRelative(), EPS);  // ... and its money
    }

    @Test
    void noDrawdownBelowTheDeposit() {
        // 1000 -> 1100 -> 1050: absolute 0 (never below the deposit), maximal 50
        List<Deal> d = new Deals().deposit(1000)
                .in(DealType.BUY).out(DealType.SELL, 100)
                .in(DealType.BUY).out(DealType.SELL, -50).list;
        ReportSummary s = Report.of(d);
        assertEquals(0, s.balanceDrawdownAbsolute(), EPS);
        assertEquals(50, s.balanceDrawdownMaximal(), EPS);
        assertEquals(100.0 * 50 / 1100, s.balanceDrawdownMaximalPercent(), EPS);
    }

    @Test
    void equityDrawdownAndRecoveryFactor() {
        // per-bar equity 1000, 990, 1050, 980, 1020 from a deposit of 1000:
        // absolute 1000-980 = 20; falls 10 (1 %) and 70 (70/1050 = 6.667 %): maximal = relative = 70
        EquityCurve curve = new EquityCurve(new long[]{0, 60, 120, 180, 240},
                new double[]{1000, 1000, 1000, 1020, 1020}, new double[]{1000, 990, 1050, 980, 1020});
        ReportSummary s = Report.of(fiveTrades(), 1000, curve);
        assertEquals(20, s.equityDrawdownAbsolute(), EPS);
        assertEquals(70, s.equityDrawdownMaximal(), EPS);
        assertEquals(100.0 * 70 / 1050, s.equityDrawdownMaximalPercent(), EPS);
        assertEquals(100.0 * 70 / 1050, s.equityDrawdownRelativePercent(), EPS);
        assertEquals(70, s.equityDrawdownRelative(), EPS);
        assertEquals(20.0 / 70, s.recoveryFactor(), EPS);    // net profit / maximal equity drawdown
    }

    @Test
    void sharpeRatioOfPerTradeReturns() {
        // returns: trade net / balance before its closing deal
        double[] r = {46.0 / 998, -30.0 / 1046, -20.0 / 1016, 10.0 / 996, 14.0 / 1006};
        double mean = (r[0] + r[1] + r[2] + r[3] + r[4]) / 5;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        var /= 4; // sample variance
        assertEquals(mean / Math.sqrt(var), Report.of(fiveTrades()).sharpeRatio(), 1e-12);
    }

    @Test
    void reversalIsATradeAndBreakevenBreaksSeries() {
        // buy in; sell in/out +10 (closes the long: a long trade, opens a short);
        // buy out 0 (breakeven short: neither won nor lost, ends the win series); buy in; sell out +5
        List<Deal> d = new Deals().deposit(500)
                .in(DealType.BUY)
                .deal(DealType.SELL, DealEntry.INOUT, 10, 0, 0)
                .out(DealType.BUY, 0)
                .in(DealType.BUY).out(DealType.SELL, 5).list;
        ReportSummary s = Report.of(d);
        assertEquals(3, s.totalTrades());
        assertEquals(2, s.longTrades());
        assertEquals(1, s.shortTrades());
        assertEquals(0, s.shortTradesWon());
        assertEquals(2, s.profitTrades());
        assertEquals(0, s.lossTrades());
        assertEquals(1, s.maxConsecutiveWins());             // +10 | 0 | +5: two series of one
        assertEquals(1.0, s.averageConsecutiveWins(), EPS);
        assertEquals(Double.MAX_VALUE, s.profitFactor());    // no loss: our convention (printed as ∞)
        assertEquals(0, s.averageLossTrade(), EPS);
        assertEquals(0, s.largestLossTrade(), EPS);
    }

    @Test
    void depositFromArgumentOrLeadingBalanceDeal() {
        List<Deal> withDeposit = fiveTrades();
        List<Deal> without = withDeposit.subList(1, withDeposit.size());
        assertEquals(Report.of(withDeposit), Report.of(without, 1000, null));
        assertEquals(Report.of(withDeposit), Report.of(withDeposit, 1000, null));
        assertThrows(IllegalArgumentException.class, () -> Report.of(withDeposit, 2000, null));
        assertThrows(IllegalArgumentException.class, () -> Report.of(without));
    }

    @Test
    void emptyRun() {
        ReportSummary s = Report.of(new Deals().deposit(1000).list);
        assertEquals(0, s.totalTrades());
        assertEquals(0, s.totalNetProfit(), EPS);
        assertEquals(0, s.profitFactor(), EPS);
        assertEquals(0, s.expectedPayoff(), EPS);
        assertEquals(0, s.balanceDrawdownMaximal(), EPS);
        assertEquals(0, s.sharpeRatio(), EPS);
    }
}
