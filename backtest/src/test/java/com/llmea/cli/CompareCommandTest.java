package com.llmea.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.backtest.Deal;
import com.llmea.backtest.DealsCsv;
import com.llmea.backtest.mt5.Mt5Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea compare} and {@code llm-ea report} run through the command tree, on the real reports. */
class CompareCommandTest {
    static final Path HTML = Path.of(System.getProperty("llmea.shared"),
            "data/mt5_reports/didinska21__didinska-MT5/ReportTester.html");
    static final Path XLSX = Path.of(System.getProperty("llmea.shared"),
            "data/mt5_reports/algorembrant__MTParsee/ReportTester-263254895.xlsx");

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void reportOnlyHtmlMatchesItsOwnSummary() {
        Run r = run("compare", HTML.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("Total Net Profit") && r.out.contains("12.48"), r.out);
        assertTrue(r.out.contains("Balance Drawdown Maximal") && r.out.contains("152.73 (5.06%)"), r.out);
        assertTrue(r.out.contains("0 differ"), r.out);
        assertTrue(r.out.contains("not compared: needs the tester's equity"), r.out);
    }

    @Test
    void reportOnlyXlsxMatchesItsOwnSummary() {
        Run r = run("compare", XLSX.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("1 470.71"), r.out); // our total net profit, printed MetaTrader's way
        assertTrue(r.out.contains("0 differ"), r.out);
    }

    @Test
    void reportOnlyDetectsADoctoredFigure(@TempDir Path dir) throws Exception {
        // the same report with its printed Gross Profit changed from 579.94 to 579.99
        byte[] bytes = Files.readAllBytes(HTML);
        String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        String doctored = text.replace("<b>579.94</b>", "<b>579.99</b>");
        assertTrue(!doctored.equals(text));
        Path f = dir.resolve("doctored.html");
        byte[] body = doctored.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(f, withBom);
        Run r = run("compare", f.toString());
        assertEquals(1, r.code, r.out);
        assertTrue(r.out.contains("Gross Profit") && r.out.contains("DIFF 0.05"), r.out);
        assertTrue(r.out.contains("1 differ"), r.out);
    }

    @Test
    void dealsCsvDerivedFromTheReportMatches(@TempDir Path dir) throws Exception {
        for (Path report : List.of(HTML, XLSX)) {
            Path csv = dir.resolve("deals.csv");
            DealsCsv.write(csv, Mt5Report.read(report).deals());
            Run r = run("compare", report.toString(), csv.toString());
            assertEquals(0, r.code, r.out + r.err);
            assertTrue(r.out.contains("no deal mismatches") && r.out.contains("MATCH"), r.out);
        }
    }

    @Test
    void anAlteredDealIsReported(@TempDir Path dir) throws Exception {
        List<Deal> deals = new ArrayList<>(Mt5Report.read(HTML).deals());
        // deal #3: buy out 0.03 @ 2040.46, profit 6.00. Make it fill 2 points (0.02) worse, profit 5.94.
        Deal d = deals.get(2);
        assertEquals(3, d.deal());
        deals.set(2, new Deal(d.time(), d.deal(), d.symbol(), d.type(), d.entry(), d.volume(), d.price() + 0.02,
                d.order(), d.commission(), d.swap(), d.profit() - 0.06, d.balance() - 0.06, d.comment()));
        // and drop deal #10 (sell out 0.01 @ 2030.51)
        assertEquals(10, deals.get(9).deal());
        deals.remove(9);
        Path csv = dir.resolve("deals.csv");
        DealsCsv.write(csv, deals);
        Run r = run("compare", HTML.toString(), csv.toString());
        assertEquals(1, r.code, r.out);
        assertTrue(r.out.contains("2024.01.08 05:02:38  price  report #3  harness #3  2040.46 vs 2040.48 (2.0 points)"),
                r.out);
        assertTrue(r.out.contains("2024.01.08 05:02:38  profit  report #3  harness #3  6.00 vs 5.94"), r.out);
        assertTrue(r.out.contains("2024.01.22 03:45:00  missing in harness  report #10"), r.out);
        assertTrue(r.out.contains("3 mismatches"), r.out);
        assertTrue(r.out.contains("MISMATCH"), r.out);
        assertTrue(r.out.contains("Total Net Profit") && r.out.contains("12.48") && r.out.contains("11.10"), r.out);
    }

    @Test
    void halfAPointIsTolerated(@TempDir Path dir) throws Exception {
        List<Deal> deals = new ArrayList<>(Mt5Report.read(HTML).deals());
        Deal d = deals.get(2);
        deals.set(2, new Deal(d.time(), d.deal(), d.symbol(), d.type(), d.entry(), d.volume(), d.price() + 0.005,
                d.order(), d.commission(), d.swap(), d.profit(), d.balance(), d.comment()));
        Path csv = dir.resolve("deals.csv");
        DealsCsv.write(csv, deals);
        assertEquals(0, run("compare", HTML.toString(), csv.toString()).code);
    }

    @Test
    void reportCommandWritesJsonAndHtml(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("deals.csv");
        DealsCsv.write(csv, Mt5Report.read(HTML).deals());
        Path out = dir.resolve("rep");
        Run r = run("report", csv.toString(), "--out", out.toString());
        assertEquals(0, r.code, r.out + r.err);
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        JsonObject s = json.getAsJsonObject("summary");
        assertEquals(12.48, s.get("totalNetProfit").getAsDouble(), 1e-9);
        assertEquals(145, s.get("totalTrades").getAsInt());
        assertTrue(s.get("equityDrawdownMaximal").isJsonNull());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Total Net Profit:</td><td><b>12.48</b>"), html.substring(0, 2000));
        assertTrue(html.contains("152.73 (5.06%)"));
        assertTrue(html.contains("data:image/png;base64,iVBOR")); // embedded PNG charts
        assertTrue(html.contains("<td>2024.01.08 05:02:38</td><td>3</td><td>XAUUSD</td>"));
        assertTrue(!html.contains("src=\"http") && !html.contains("<link"), "self-contained");
    }

    @Test
    void reportCommandTakesTheDepositFromTheCommandLine(@TempDir Path dir) throws Exception {
        List<Deal> deals = Mt5Report.read(HTML).deals();
        Path csv = dir.resolve("deals.csv");
        DealsCsv.write(csv, deals.subList(1, deals.size())); // without the deposit deal
        Path out = dir.resolve("rep");
        assertEquals(1, run("report", csv.toString(), "--out", out.toString()).code); // no deposit anywhere
        Run r = run("report", csv.toString(), "--deposit", "3000", "--out", out.toString());
        assertEquals(0, r.code, r.out + r.err);
        JsonObject s = JsonParser.parseString(Files.readString(out.resolve("report.json")))
                .getAsJsonObject().getAsJsonObject("summary");
        assertEquals(136.5, s.get("balanceDrawdownAbsolute").getAsDouble(), 1e-9);
    }
}
