package com.llmea.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea backtest} through the same command tree as the script. */
class BacktestCommandTest {
    static final Path P3DR7 = InspectCommandTest.P3DR7;

    @TempDir
    Path dir;

    @Test
    void runsTheBuiltInStrategyAndWritesDeals() throws IOException {
        Path out = dir.resolve("run");
        InspectCommandTest.Run r = InspectCommandTest.run("backtest", P3DR7.toString(), "--out", out.toString(),
                "--from", "2025.07.02", "--to", "2025-07-10", "--lots", "0.2", "--deposit", "5000");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("EURUSD M5, 2025.07.02 00:00:00 .. 2025.07.10 23:55:00, "), lines.get(0));
        assertTrue(lines.get(0).endsWith("strategy ma-cross"), lines.get(0));
        assertTrue(lines.get(1).matches("trades: \\d+ {3}net profit: -?\\d+\\.\\d\\d {3}final balance: \\d+\\.\\d\\d USD"), lines.get(1));
        List<String> csv = Files.readAllLines(out.resolve("deals.csv"));
        assertEquals("Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Swap,Profit,Balance,Comment", csv.get(0));
        assertEquals("2025.07.02 00:00:00,1,,balance,,,,,0.00,0.00,5000.00,5000.00,", csv.get(1));
        assertTrue(csv.get(2).contains(",EURUSD,") && csv.get(2).contains(",in,0.20,"), csv.get(2));
        String finalBalance = lines.get(1).replaceAll(".*final balance: (\\S+) USD", "$1");
        assertTrue(csv.get(csv.size() - 1).contains("," + finalBalance + ","), "last deal's balance is the summary's");
        // the report beside it, with the harness's equity curve (equity figures present)
        assertTrue(Files.size(out.resolve("report.html")) > 10_000);
        String json = Files.readString(out.resolve("report.json"));
        assertTrue(json.matches("(?s).*\"equityDrawdownMaximal\": [0-9].*"), "equity figures from the curve");
        assertTrue(json.contains("\"bars\": " + lines.get(0).replaceAll(".*, (\\d+) bars,.*", "$1")), "one sample per bar");
        assertTrue(r.out().contains("report: " + out.resolve("report.html")), r.out());
    }

    @Test
    void twoRunsWriteByteIdenticalDeals() throws IOException {
        Path cfg = dir.resolve("strategy.cfg");
        Files.writeString(cfg, """
                # the EA's config file, shared with the harness
                strategy = ma-cross
                ma_fast = 5
                ma_slow = 21
                reverse = true
                stop_loss_points = 120
                take_profit_points = 160
                tester.commission_per_lot = 3.5
                tester.swap_long = -0.6
                """);
        for (String run : new String[] {"a", "b"}) {
            InspectCommandTest.Run r = InspectCommandTest.run("backtest", P3DR7.toString(), "--config", cfg.toString(),
                    "--out", dir.resolve(run).toString());
            assertEquals(0, r.exit(), r.err());
        }
        byte[] a = Files.readAllBytes(dir.resolve("a/deals.csv")), b = Files.readAllBytes(dir.resolve("b/deals.csv"));
        assertArrayEquals(a, b);
        String text = new String(a);
        assertTrue(text.contains(",in/out,0.20,"), "the config's reverse = true reached the strategy");
        assertTrue(text.contains(",-0.35,"), "the config's commission reached the tester");
    }

    @Test
    void badInputsStopWithOneLine() {
        InspectCommandTest.Run lots = InspectCommandTest.run("backtest", P3DR7.toString(), "--lots", "0.015", "--out", dir.toString());
        assertEquals(1, lots.exit());
        assertEquals("error: lots 0.015 is not a valid volume for EURUSD (min 0.01, step 0.01, max 100.0)", lots.err().strip());
        InspectCommandTest.Run llm = InspectCommandTest.run("backtest", P3DR7.toString(), "--strategy", "llm", "--out", dir.toString());
        assertEquals(1, llm.exit());
        assertTrue(llm.err().startsWith("error: strategy = llm needs the GPT-2 forecaster"), llm.err());
        InspectCommandTest.Run date = InspectCommandTest.run("backtest", P3DR7.toString(), "--from", "July", "--out", dir.toString());
        assertEquals("error: --from must be a date like 2021.09.01, got 'July'", date.err().strip());
        Path typo = dir.resolve("typo.cfg");
        try {
            Files.writeString(typo, "tester.comission_per_lot = 7\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        InspectCommandTest.Run bad = InspectCommandTest.run("backtest", P3DR7.toString(), "--config", typo.toString(),
                "--out", dir.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("error: typo.cfg: unknown key 'tester.comission_per_lot' (tester keys: "), bad.err());
        InspectCommandTest.Run empty = InspectCommandTest.run("backtest", P3DR7.toString(), "--from", "2030.01.01", "--out", dir.toString());
        assertEquals(1, empty.exit());
        assertTrue(empty.err().startsWith("error: no bar to test"), empty.err());
    }
}
