package com.llmea.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea inspect} run through the same command tree as the script. */
class InspectCommandTest {
    static final Path KAYOROXA = Path.of(System.getProperty("llmea.shared", "../../shared"),
            "data/kayoroxa__binarias/EURUSD_M5.csv");
    static final Path P3DR7 = Path.of(System.getProperty("llmea.shared", "../../shared"),
            "data/P3dr7__Cruzamento-de-Medias/EURUSD_M5.csv");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsTheReportOfARealExport() {
        Run r = run("inspect", KAYOROXA.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("format     mt5_export"), r.out());
        assertTrue(r.out().contains("symbol     EURUSD"), r.out());
        assertTrue(r.out().contains("rows       24,886 read, 24,886 kept"), r.out());
        assertTrue(r.out().contains("range      2021-09-01 00:00 -> 2021-12-30 15:20"), r.out());
        assertTrue(r.out().contains("timeframe  M5"), r.out());
        assertTrue(r.out().contains("digits     5 (point 0.00001)"), r.out());
        assertTrue(r.out().contains("gaps       17 (17 over a weekend); largest 2d 3h 5m from 2021-12-24 20:55"), r.out());
        assertTrue(r.out().contains("zero in 80.9% of bars"), r.out());
        assertTrue(r.out().contains("dropped    none"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void formatAndSymbolOptions() throws IOException {
        List<String> lines = Files.readAllLines(P3DR7);
        StringBuilder mt4 = new StringBuilder();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            mt4.append(f[0]).append(',').append(f[1], 0, 5).append(',').append(f[2]).append(',').append(f[3]).append(',')
                    .append(f[4]).append(',').append(f[5]).append(',').append(f[6]).append('\n');
        }
        Path p = Files.writeString(dir.resolve("history.csv"), mt4);
        Run r = run("inspect", p.toString(), "--format", "mt4", "--symbol", "EURUSD.a");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("format     mt4_history"), r.out());
        assertTrue(r.out().contains("symbol     EURUSD.a"), r.out());
        assertTrue(r.out().contains("rows       2,416 read, 2,416 kept"), r.out());
        assertTrue(r.out().contains("spread     none in this format"), r.out());
    }

    @Test
    void badDataIsOneErrorLineAndExitOne() throws IOException {
        List<String> lines = Files.readAllLines(P3DR7).subList(0, 30);
        lines.set(16, lines.get(16).replace("\t1.17862\t", "\t1.17000\t")); // high below the open
        Path p = Files.write(dir.resolve("EURUSD_M5.csv"), lines);
        Run r = run("inspect", p.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("error: EURUSD_M5.csv line 17, field <HIGH>: high 1.17000 is below max(open, close) 1.17857",
                r.err().strip());
    }

    @Test
    void missingFileAndUnknownFormatAreUsageErrors() {
        Run missing = run("inspect", dir.resolve("nope.csv").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("nope.csv: no such file"), missing.err());

        Run folder = run("inspect", dir.toString());
        assertEquals(1, folder.exit());
        assertTrue(folder.err().contains("is a folder, not a price file"), folder.err());

        Run badFormat = run("inspect", KAYOROXA.toString(), "--format", "excel");
        assertEquals(2, badFormat.exit()); // picocli's exit code for a bad option
        assertTrue(badFormat.err().contains("unknown format 'excel'"), badFormat.err());
    }
}
