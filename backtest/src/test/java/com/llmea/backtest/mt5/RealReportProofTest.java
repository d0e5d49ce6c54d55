package com.llmea.backtest.mt5;

import com.llmea.backtest.Deal;
import com.llmea.backtest.report.Report;
import com.llmea.backtest.report.ReportSummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The proof that our metric definitions are MetaTrader's: each real tester report is parsed, ONLY its
 * deal list is fed to {@link Report#of}, and every figure the report prints that can be derived from
 * deals must come out as printed (to the printed precision: the cent for money, 0.01 for percentages
 * and ratios). Equity drawdown needs the tester's tick-by-tick equity and is not derivable from deals;
 * the recovery factor is checked with the report's own equity drawdown as the divisor.
 */
class RealReportProofTest {

    static Path shared(String rel) {
        String base = System.getProperty("llmea.shared");
        assertTrue(base != null, "system property llmea.shared is not set");
        Path p = Path.of(base, rel);
        assertTrue(Files.isRegularFile(p), "missing shared test file " + p);
        return p;
    }

    static final String HTML = "data/mt5_reports/didinska21__didinska-MT5/ReportTester.html";
    static final String XLSX = "data/mt5_reports/algorembrant__MTParsee/ReportTester-263254895.xlsx";

    @Test
    void htmlReportParses() throws Exception {
        Mt5Report r = Mt5Report.read(shared(HTML));
        assertEquals(291, r.deals().size());
        Deal first = r.deals().get(0);
        assertEquals(Deal.DealType.BALANCE, first.type());
        assertEquals(3000.00, first.profit(), 1e-9); // printed "3 000.00"
        assertEquals(3000.00, r.initialDeposit(), 1e-9);
        assertEquals("XAUUSD", r.deals().get(1).symbol());
        assertEquals(2042.46, r.deals().get(1).price(), 1e-9);
        assertEquals(Deal.DealEntry.IN, r.deals().get(1).entry());
        assertEquals(3012.48, r.deals().get(290).balance(), 1e-9);
        assertEquals(2, r.priceDigits());
        assertEquals("12.48", r.fields().get("Total Net Profit"));
        assertEquals("152.73 (5.06%)", r.fields().get("Balance Drawdown Maximal"));
        assertEquals("GoldHedgeRecovery", r.fields().get("Expert"));
    }

    @Test
    void xlsxReportParses() throws Exception {
        Mt5Report r = Mt5Report.read(shared(XLSX));
        assertEquals(723, r.deals().size()); // 722 deals + the deposit
        assertEquals(100.00, r.initialDeposit(), 1e-9);
        assertEquals("XAUUSDc", r.deals().get(1).symbol());
        assertEquals(2066.368, r.deals().get(1).price(), 1e-9);
        assertEquals(1570.71, r.deals().get(722).balance(), 1e-9);
        assertEquals(3, r.priceDigits());
        assertEquals("163.23 (22.61%)", r.fields().get("Balance Drawdown Maximal"));
    }

    @Test
    void htmlSummaryIsReproducedFromItsDeals() throws Exception {
        assertReproduces(Mt5Report.read(shared(HTML)));
    }

    @Test
    void xlsxSummaryIsReproducedFromItsDeals() throws Exception {
        assertReproduces(Mt5Report.read(shared(XLSX)));
    }

    /** Every deal-derivable figure of the report, compared at its printed precision; all failures listed. */
    static void assertReproduces(Mt5Report r) {
        ReportSummary s = Report.of(r.deals(), r.initialDeposit(), null);
        List<String> bad = new ArrayList<>();
        int[] checked = {0};
        class Check {
            void main(String label, DoubleSupplier ours) {
                Mt5Report.Figure f = r.figure(label).orElseThrow(() -> new AssertionError("report lacks " + label));
                one(label, f.main(), ours.getAsDouble());
            }

            void bracket(String label, DoubleSupplier ours) {
                Mt5Report.Figure f = r.figure(label).orElseThrow(() -> new AssertionError("report lacks " + label));
                assertTrue(f.bracket() != null, label + " has no bracketed value");
                one(label + " (bracket)", f.bracket(), ours.getAsDouble());
            }

            void one(String label, Mt5Report.Value printed, double ours) {
                checked[0]++;
                if (!printed.matches(ours)) {
                    bad.add(label + ": report " + printed + ", ours " + ours);
                }
            }
        }
        Check c = new Check();
        c.main("Initial Deposit", s::initialDeposit);
        c.main("Total Net Profit", s::totalNetProfit);
        c.main("Gross Profit", s::grossProfit);
        c.main("Gross Loss", s::grossLoss);
        c.main("Profit Factor", s::profitFactor);
        c.main("Expected Payoff", s::expectedPayoff);
        c.main("Balance Drawdown Absolute", s::balanceDrawdownAbsolute);
        c.main("Balance Drawdown Maximal", s::balanceDrawdownMaximal);
        c.bracket("Balance Drawdown Maximal", s::balanceDrawdownMaximalPercent);
        c.main("Balance Drawdown Relative", s::balanceDrawdownRelativePercent);
        c.bracket("Balance Drawdown Relative", s::balanceDrawdownRelative);
        c.main("Total Trades", s::totalTrades);
        c.main("Total Deals", s::totalDeals);
        c.main("Short Trades (won %)", s::shortTrades);
        c.bracket("Short Trades (won %)", s::shortTradesWonPercent);
        c.main("Long Trades (won %)", s::longTrades);
        c.bracket("Long Trades (won %)", s::longTradesWonPercent);
        c.main("Profit Trades (% of total)", s::profitTrades);
        c.bracket("Profit Trades (% of total)", s::profitTradesPercent);
        c.main("Loss Trades (% of total)", s::lossTrades);
        c.bracket("Loss Trades (% of total)", s::lossTradesPercent);
        c.main("Largest profit trade", s::largestProfitTrade);
        c.main("Largest loss trade", s::largestLossTrade);
        c.main("Average profit trade", s::averageProfitTrade);
        c.main("Average loss trade", s::averageLossTrade);
        c.main("Maximum consecutive wins ($)", s::maxConsecutiveWins);
        c.bracket("Maximum consecutive wins ($)", s::maxConsecutiveWinsMoney);
        c.main("Maximum consecutive losses ($)", s::maxConsecutiveLosses);
        c.bracket("Maximum consecutive losses ($)", s::maxConsecutiveLossesMoney);
        c.main("Maximal consecutive profit (count)", s::maximalConsecutiveProfit);
        c.bracket("Maximal consecutive profit (count)", s::maximalConsecutiveProfitCount);
        c.main("Maximal consecutive loss (count)", s::maximalConsecutiveLoss);
        c.bracket("Maximal consecutive loss (count)", s::maximalConsecutiveLossCount);
        // printed as whole numbers: MetaTrader rounds the average series length to the nearest integer
        c.main("Average consecutive wins", s::averageConsecutiveWins);
        c.main("Average consecutive losses", s::averageConsecutiveLosses);
        // recovery factor = net profit / maximal equity drawdown: the divisor is the report's own figure
        double equityDd = r.figure("Equity Drawdown Maximal").orElseThrow().main().value();
        c.main("Recovery Factor", () -> Report.recoveryFactor(s.totalNetProfit(), equityDd));
        // the final balance of the deal table
        Deal last = r.deals().get(r.deals().size() - 1);
        c.one("final balance", new Mt5Report.Value(last.balance(), 2), s.finalBalance());

        if (!bad.isEmpty()) {
            fail(r.source().getFileName() + ": " + bad.size() + " of " + checked[0] + " figures differ:\n  "
                    + String.join("\n  ", bad));
        }
        assertEquals(37, checked[0]); // every figure above was compared
    }
}
