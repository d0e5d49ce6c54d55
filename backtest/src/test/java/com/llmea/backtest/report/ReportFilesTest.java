package com.llmea.backtest.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.backtest.Deal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesTest {

    /** The five-trade run of ReportTest with a per-bar curve whose equity dips below the balance. */
    static ReportData withEquity() {
        List<Deal> deals = ReportTest.fiveTrades();
        int n = deals.size();
        long[] t = new long[n];
        double[] bal = new double[n], eq = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = deals.get(i).time().toEpochSecond(ZoneOffset.UTC);
            bal[i] = deals.get(i).balance();
            eq[i] = bal[i];
        }
        eq[1] = 990;  // floating loss of the first position: 1000 -> 990 (1 %)
        eq[4] = 980;  // balance 1046 before; equity 980: a fall of 66 = 6.31 % of the peak 1046
        return ReportData.of("Test run", Map.of("Symbol", "EURUSD"), deals, 1000, new EquityCurve(t, bal, eq));
    }

    @Test
    void jsonHasEveryFigure(@TempDir Path dir) throws Exception {
        ReportFiles.write(dir, withEquity());
        JsonObject s = JsonParser.parseString(Files.readString(dir.resolve("report.json")))
                .getAsJsonObject().getAsJsonObject("summary");
        assertEquals(20, s.get("totalNetProfit").getAsDouble(), 1e-9);
        assertEquals(66, s.get("equityDrawdownMaximal").getAsDouble(), 1e-9);
        assertEquals(20.0 / 66, s.get("recoveryFactor").getAsDouble(), 1e-8);
        assertEquals(60, s.get("profitTradesPercent").getAsDouble(), 1e-9);
        assertEquals("23.33333333", s.get("averageProfitTrade").getAsString()); // float noise trimmed to 8 decimals
    }

    @Test
    void htmlIsSelfContainedAndLaidOutLikeMetaTrader(@TempDir Path dir) throws Exception {
        ReportFiles.write(dir, withEquity());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<td class=\"l\">Total Net Profit:</td><td><b>20.00</b></td>"));
        assertTrue(html.contains("<td class=\"l\">Equity Drawdown Maximal:</td><td><b>66.00 (6.31%)</b></td>"));
        assertTrue(html.contains("<td class=\"l\">Short Trades (won %):</td><td><b>2 (50.00%)</b></td>"));
        assertTrue(html.contains("<td class=\"l\">Average consecutive wins:</td><td><b>2</b></td>")); // 1.5 rounds to 2
        assertEquals(2, html.split("data:image/png;base64,", -1).length - 1, "two embedded charts");
        assertTrue(html.contains("<style>") && !html.contains("<link") && !html.contains("<script"));
    }

    @Test
    void sameInputSameBytes(@TempDir Path dir) throws Exception {
        ReportFiles.write(dir.resolve("a"), withEquity());
        ReportFiles.write(dir.resolve("b"), withEquity());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/report.html")), Files.readAllBytes(dir.resolve("b/report.html")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/report.json")), Files.readAllBytes(dir.resolve("b/report.json")));
    }

    @Test
    void moneyIsPrintedTheMetaTraderWay() {
        assertEquals("3 000.00", SummaryFigures.money(3000));
        assertEquals("-1 341.51", SummaryFigures.money(-1341.51));
        assertEquals("1 234 567.89", SummaryFigures.money(1234567.891));
        assertEquals("0.00", SummaryFigures.money(-0.0));
        assertEquals("999.99", SummaryFigures.money(999.99));
    }

    @Test
    void longCurvesAreReducedKeepingExtremes() {
        int n = 100_000;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 60_000L;
            v[i] = 1000 + Math.sin(i / 500.0) * 100;
        }
        v[54_321] = 10; // a single deep spike must survive the reduction
        var s = ReportCharts.series(new ReportCharts.Curve("x", t, v));
        assertTrue(s.getItemCount() <= ReportCharts.MAX_POINTS);
        assertEquals(10, s.getMinY(), 0);
    }
}
