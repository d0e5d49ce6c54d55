package com.llmea.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One malformed variant of a real file per kind of bad data. Each must fail as a whole with a message that
 * names the file, the line and the field.
 */
class BadDataTest {
    /** Header plus the first 40 bars of the P3dr7 export; line 17 is the bar of 2025.07.01 01:15. */
    static List<String> head;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        head = TestData.lines(TestData.p3dr7()).subList(0, 41);
    }

    /** The MT5 file with line {@code lineNo} (1-based) rewritten field by field. */
    private Path mt5With(int lineNo, UnaryOperator<String[]> edit) throws IOException {
        List<String> lines = new ArrayList<>(head);
        lines.set(lineNo - 1, String.join("\t", edit.apply(lines.get(lineNo - 1).split("\t", -1))));
        return TestData.write(dir, "EURUSD_M5.csv", String.join("\n", lines) + "\n");
    }

    private static String[] set(String[] f, int i, String v) {
        f[i] = v;
        return f;
    }

    private static String error(Path p) {
        return assertThrows(BadDataException.class, () -> BarReader.read(p)).getMessage();
    }

    // line 17 of the real file: 2025.07.01 01:15:00  1.17855 1.17862 1.17850 1.17857  96 0 6
    @Test
    void unparseableNumber() throws IOException {
        assertEquals("EURUSD_M5.csv line 17, field <OPEN>: open '1.17x70' is not a number",
                error(mt5With(17, f -> set(f, 2, "1.17x70"))));
        assertEquals("EURUSD_M5.csv line 17, field <TICKVOL>: tick volume '12.5' is not a whole number",
                error(mt5With(17, f -> set(f, 6, "12.5"))));
    }

    @Test
    void highBelowOpenOrClose() throws IOException {
        String line = head.get(16);
        String open = line.split("\t")[2];
        String msg = error(mt5With(17, f -> set(f, 3, "1.17000")));
        assertEquals("EURUSD_M5.csv line 17, field <HIGH>: high 1.17000 is below max(open, close) "
                + Math.max(Double.parseDouble(open), Double.parseDouble(line.split("\t")[5])), msg);
    }

    @Test
    void lowAboveOpenOrClose() throws IOException {
        String msg = error(mt5With(17, f -> set(f, 4, "1.18000")));
        assertEquals(true, msg.startsWith("EURUSD_M5.csv line 17, field <LOW>: low 1.18000 is above min(open, close) "), msg);
    }

    @Test
    void nonPositivePrices() throws IOException {
        assertEquals("EURUSD_M5.csv line 17, field <CLOSE>: close -1.17861 is not a positive price",
                error(mt5With(17, f -> set(f, 5, "-1.17861"))));
        assertEquals("EURUSD_M5.csv line 17, field <LOW>: low 0.00000 is not a positive price",
                error(mt5With(17, f -> set(f, 4, "0.00000"))));
    }

    @Test
    void nanAndInfinity() throws IOException {
        assertEquals("EURUSD_M5.csv line 17, field <HIGH>: high 'NaN' is not a finite number",
                error(mt5With(17, f -> set(f, 3, "NaN"))));
        assertEquals("EURUSD_M5.csv line 17, field <HIGH>: high 'Infinity' is not a finite number",
                error(mt5With(17, f -> set(f, 3, "Infinity"))));
        assertEquals("EURUSD_M5.csv line 17, field <CLOSE>: close 'inf' is not a finite number",
                error(mt5With(17, f -> set(f, 5, "inf"))));
    }

    @Test
    void wrongFieldCount() throws IOException {
        assertEquals("EURUSD_M5.csv line 17, field <SPREAD>: missing: the line has 8 fields, expected 9",
                error(mt5With(17, f -> java.util.Arrays.copyOf(f, 8))));
        assertEquals("EURUSD_M5.csv line 17, field column 10: unexpected extra field '7': the line has 10 fields, "
                + "expected 9", error(mt5With(17, f -> {
                    String[] g = java.util.Arrays.copyOf(f, 10);
                    g[9] = "7";
                    return g;
                })));
    }

    @Test
    void duplicateTimestamp() throws IOException {
        // line 17 claims line 16's time (01:10)
        assertEquals("EURUSD_M5.csv line 17, field <DATE> <TIME>: duplicate time 2025-07-01 01:10 (also on line 16)",
                error(mt5With(17, f -> set(f, 1, "01:10:00"))));
    }

    @Test
    void unparseableDatesAndTimes() throws IOException {
        assertEquals("EURUSD_M5.csv line 17, field <DATE>: '2025.13.01' is not a date (expected yyyy.MM.dd)",
                error(mt5With(17, f -> set(f, 0, "2025.13.01"))));
        assertEquals("EURUSD_M5.csv line 17, field <DATE>: '2025.02.30' is not a date (expected yyyy.MM.dd)",
                error(mt5With(17, f -> set(f, 0, "2025.02.30"))));
        assertEquals("EURUSD_M5.csv line 17, field <TIME>: '25:00:00' is not a time of day (expected HH:mm:ss)",
                error(mt5With(17, f -> set(f, 1, "25:00:00"))));
    }

    @Test
    void outOfOrder() throws IOException {
        List<String> lines = new ArrayList<>(head);
        String l17 = lines.get(16);
        lines.set(16, lines.get(17));
        lines.set(17, l17);
        Path p = TestData.write(dir, "EURUSD_M5.csv", String.join("\n", lines));
        assertEquals("EURUSD_M5.csv line 18, field <DATE> <TIME>: time 2025-07-01 01:15 is out of order after "
                + "2025-07-01 01:20 on line 17; bars must run oldest-first or newest-first", error(p));
    }

    @Test
    void outOfOrderInANewestFirstFile() throws IOException {
        List<String> lines = new ArrayList<>(head);
        java.util.Collections.reverse(lines.subList(1, lines.size()));
        String l10 = lines.get(9);
        lines.set(9, lines.get(10));
        lines.set(10, l10);
        String msg = error(TestData.write(dir, "EURUSD_M5.csv", String.join("\n", lines)));
        assertEquals(true, msg.startsWith("EURUSD_M5.csv line 11, field <DATE> <TIME>: time "), msg);
        assertEquals(true, msg.contains("is out of order"), msg);
    }

    @Test
    void lineNumbersCountBlankLines() throws IOException {
        List<String> lines = new ArrayList<>(head);
        lines.add(3, "");
        lines.add(3, "");
        lines.set(19 - 1, lines.get(19 - 1).replace("1.17", "1.1?"));
        String msg = error(TestData.write(dir, "EURUSD_M5.csv", String.join("\r\n", lines)));
        assertEquals(true, msg.startsWith("EURUSD_M5.csv line 19, field <OPEN>: "), msg);
    }

    @Test
    void errorsInTheOtherFormats() throws IOException {
        BarSeries s = TestData.p3dr7Series().slice(0, 30);

        String mt4 = TestData.asMt4(s).replaceFirst("2025\\.07\\.01,01:15", "2025.07.01,1:15");
        assertEquals("EURUSD.csv line 16, field time: '1:15' is not a time of day (expected HH:mm)",
                error(TestData.write(dir, "EURUSD.csv", mt4)));

        String rates = TestData.asRatesCsv(s, "mt5").replace("2025.07.01 01:15:00", "2025.07.01 01:15:0x");
        assertEquals("EURUSD.csv line 17, field time: '2025.07.01 01:15:0x' is not a time "
                + "(expected epoch seconds or yyyy.MM.dd HH:mm:ss)", error(TestData.write(dir, "EURUSD.csv", rates)));

        String duka = TestData.asDukascopy(s, new int[1]).replace("01.07.2025 01:15:00.000", "2025.07.01 01:15:00.000");
        assertEquals("EURUSD.csv line 17, field Gmt time: '2025.07.01 01:15:00.000' is not a time "
                + "(expected dd.MM.yyyy HH:mm:ss.SSS)", error(TestData.write(dir, "EURUSD.csv", duka)));

        String windows = TestData.asWindows(s.closes(), 10, false);
        String[] wl = windows.split("\n");
        wl[3] = wl[3].replaceFirst(",[^,]*$", ",-1.0");
        assertEquals("w.csv line 4, field 9: close -1.0 is not a positive price",
                error(TestData.write(dir, "w.csv", String.join("\n", wl))));
        wl[3] = wl[3].replaceFirst(",[^,]*$", "");
        assertEquals("w.csv line 4, field 9: missing: the line has 10 fields, expected 11",
                error(TestData.write(dir, "w.csv", String.join("\n", wl))));
    }

    @Test
    void unclosedQuoteAndMillisecondTimes() throws IOException {
        String msg = error(TestData.write(dir, "EURUSD.csv",
                "time,open,high,low,close\n1751328000,1.1,1.2,1.0,1.1\n\"1751328300,1.1,1.2,1.0,1.1\n"));
        assertEquals("EURUSD.csv line 3: a quote (\") opened on this line is never closed", msg);
        assertEquals("EURUSD.csv line 2, field time: '1751328000000' is after the year 3000 as epoch seconds (milliseconds?)",
                error(TestData.write(dir, "EURUSD.csv", "time,open,high,low,close\n1751328000000,1.1,1.2,1.0,1.1\n")));
    }

    @Test
    void unknownFormatEmptyFileAndHeaderOnly() throws IOException {
        assertEquals("notes.csv line 2: cannot tell the format from 'hello world'; expected an MT5 export, "
                        + "copy_rates CSV, MT4 history, Dukascopy or windows file (use --format to force one)",
                error(TestData.write(dir, "notes.csv", "\nhello world\n")));
        assertEquals("empty.csv line 1: the file is empty", error(TestData.write(dir, "empty.csv", "\r\n \n")));
        assertEquals("EURUSD_M5.csv line 1: no bars in the file",
                error(TestData.write(dir, "EURUSD_M5.csv", head.get(0) + "\n")));
    }
}
