package com.llmea.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real bars (the P3dr7 MT5 export) written in every other format and layout, read back: detection must pick
 * the right reader and the bars must come back identical.
 */
class FormatRoundTripTest {
    static BarSeries real;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        real = TestData.p3dr7Series();
    }

    private LoadedBars readBack(String name, String text, BarFormat expected) throws IOException {
        Path p = TestData.write(dir, name, text);
        LoadedBars lb = BarReader.read(p);
        assertEquals(expected, lb.report().format(), "detected format");
        // forcing the format gives the same bars
        assertEquals(lb.series().size(), BarReader.read(p, expected).series().size());
        return lb;
    }

    @Test
    void copyRatesCsvWithEpochSeconds() throws IOException {
        LoadedBars lb = readBack("EURUSD_M5_rates.csv", TestData.asRatesCsv(real, "epoch"), BarFormat.MT5_RATES);
        TestData.assertSameBars(real, lb.series(), true, true);
        assertEquals("EURUSD", lb.series().symbol());
        assertTrue(lb.report().spread().isPresent());
    }

    @Test
    void copyRatesCsvWithMt5AndIsoTimes() throws IOException {
        TestData.assertSameBars(real, readBack("EURUSD.csv", TestData.asRatesCsv(real, "mt5"), BarFormat.MT5_RATES)
                .series(), true, true);
        TestData.assertSameBars(real, readBack("EURUSD.csv", TestData.asRatesCsv(real, "iso"), BarFormat.MT5_RATES)
                .series(), true, true);
    }

    @Test
    void copyRatesCsvWithPandasIndexColumn() throws IOException {
        // df.to_csv() without index=False puts an unnamed index column first
        List<String> lines = new ArrayList<>(List.of(TestData.asRatesCsv(real, "iso").split("\n")));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, (i == 0 ? "" : String.valueOf(i - 1)) + "," + lines.get(i));
        }
        LoadedBars lb = readBack("EURUSD.csv", String.join("\n", lines) + "\n", BarFormat.MT5_RATES);
        TestData.assertSameBars(real, lb.series(), true, true);
    }

    @Test
    void genericCsvWithSeparateDateAndTimeColumns() throws IOException {
        // e.g. an MT4 export with a header added by a spreadsheet: detected by its column names
        String text = "Date,Time,Open,High,Low,Close,Volume\n" + TestData.asMt4(real);
        LoadedBars lb = readBack("EURUSD_H.csv", text, BarFormat.MT5_RATES);
        TestData.assertSameBars(real, lb.series(), true, false);
        assertTrue(lb.report().spread().isEmpty());
    }

    @Test
    void quotedFieldsAreUnquoted() throws IOException {
        String text = TestData.asRatesCsv(real, "iso").replaceAll("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)", "\"$1\"");
        assertTrue(text.contains("\"2025-07-01 00:00:00\""));
        TestData.assertSameBars(real, readBack("EURUSD.csv", text, BarFormat.MT5_RATES).series(), true, true);
    }

    @Test
    void mt4HistoryExport() throws IOException {
        LoadedBars lb = readBack("EURUSD5.csv", TestData.asMt4(real), BarFormat.MT4_HISTORY);
        TestData.assertSameBars(real, lb.series(), true, false);
        assertTrue(lb.report().spread().isEmpty(), "MT4 has no spread column");
        assertEquals(2_416, lb.report().rowsRead());
    }

    @Test
    void dukascopyFillerBarsAreDroppedAndCounted() throws IOException {
        int[] fillers = new int[1];
        LoadedBars lb = readBack("EURUSD_Candlestick_5_M_BID_01.07.2025-11.07.2025.csv",
                TestData.asDukascopy(real, fillers), BarFormat.DUKASCOPY);
        assertTrue(fillers[0] > 500, "the weekend is padded: " + fillers[0]);
        TestData.assertSameBars(real, lb.series(), true, false); // volume x.4 rounds back to x
        DataReport r = lb.report();
        assertEquals(real.size() + fillers[0], r.rowsRead());
        assertEquals(real.size(), r.rowsKept());
        assertEquals(fillers[0], r.dropped().get(DukascopyParser.FILLER));
        assertEquals("EURUSD", lb.series().symbol());
        assertTrue(r.toText().contains("flat zero-volume filler bars"), r.toText());
    }

    @Test
    void dailyExportWithoutTimeColumn() throws IOException {
        BarSeries daily = TestData.daily(real);
        LoadedBars lb = readBack("EURUSD_D1.csv", TestData.asMt5Export(daily, false, "\t"), BarFormat.MT5_EXPORT);
        TestData.assertSameBars(daily, lb.series(), true, true);
        assertEquals(Timeframe.D1, lb.series().timeframe().orElseThrow());
        // Friday 4 July -> Sunday 6 July: one gap, over the weekend
        assertEquals(1, lb.report().gaps().orElseThrow().overWeekend());
    }

    @Test
    void utf16LittleEndianWithBomAndCrlf() throws IOException {
        String text = Files.readString(TestData.p3dr7()).replace("\n", "\r\n");
        Path p = TestData.write(dir, "EURUSD_M5.csv", TestData.withBom(text, StandardCharsets.UTF_16LE));
        LoadedBars lb = BarReader.read(p);
        TestData.assertSameBars(real, lb.series(), true, true);
        assertEquals("UTF-16LE with BOM", lb.report().encoding());
        assertEquals("tab", lb.report().separator());
    }

    @Test
    void oldMacLineEndsAndLeadingBlankCrlfLines() throws IOException {
        String text = Files.readString(TestData.p3dr7());
        TestData.assertSameBars(real, readBack("EURUSD_M5.csv", text.replace('\n', '\r'), BarFormat.MT5_EXPORT)
                .series(), true, true);
        // a bad value after two blank CRLF lines: the line number still counts them
        String bad = "\r\n\r\n" + text.replace("\n", "\r\n").replaceFirst("1\\.17812", "1.17x12");
        BadDataException e = org.junit.jupiter.api.Assertions.assertThrows(BadDataException.class,
                () -> BarReader.read(TestData.write(dir, "EURUSD_M5.csv", bad)));
        assertEquals("EURUSD_M5.csv line 4, field <OPEN>: open '1.17x12' is not a number", e.getMessage());
    }

    @Test
    void otherEncodings() throws IOException {
        String text = Files.readString(TestData.p3dr7());
        for (byte[] bytes : List.of(TestData.withBom(text, StandardCharsets.UTF_16BE),
                TestData.withBom(text, StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_16LE))) {
            Path p = TestData.write(dir, "EURUSD_M5.csv", bytes);
            TestData.assertSameBars(real, BarReader.read(p).series(), true, true);
        }
    }

    @Test
    void semicolonSeparatedWithDecimalCommas() throws IOException {
        // European Excel re-saves: ';' between fields, ',' as the decimal point
        String text = TestData.asMt5Export(real, true, ";").replace('.', ',')
                .replaceAll("(\\d{4}),(\\d\\d),(\\d\\d);", "$1.$2.$3;");
        LoadedBars lb = readBack("EURUSD_M5.csv", text, BarFormat.MT5_EXPORT);
        TestData.assertSameBars(real, lb.series(), true, true);
        assertEquals("semicolon", lb.report().separator());
    }

    @Test
    void semicolonSeparatedRatesWithDecimalPoints() throws IOException {
        LoadedBars lb = readBack("EURUSD.csv", TestData.asRatesCsv(real, "mt5").replace(',', ';'), BarFormat.MT5_RATES);
        TestData.assertSameBars(real, lb.series(), true, true);
    }

    @Test
    void newestFirstIsReversedWithAWarning() throws IOException {
        List<String> lines = new ArrayList<>(TestData.lines(TestData.p3dr7()));
        Collections.reverse(lines.subList(1, lines.size()));
        LoadedBars lb = readBack("EURUSD_M5.csv", String.join("\n", lines), BarFormat.MT5_EXPORT);
        TestData.assertSameBars(real, lb.series(), true, true);
        assertEquals(List.of("file was newest-first; reversed to oldest-first"), lb.report().warnings());
    }

    @Test
    void blankLinesAndSpacesAreTolerated() throws IOException {
        List<String> lines = new ArrayList<>(TestData.lines(TestData.p3dr7()));
        lines.add(5, "");
        lines.add(10, "   ");
        lines.set(3, lines.get(3) + "  ");
        LoadedBars lb = readBack("EURUSD_M5.csv", "\n" + String.join("\n", lines) + "\n\n", BarFormat.MT5_EXPORT);
        TestData.assertSameBars(real, lb.series(), true, true);
    }

    @Test
    void windowsWithPandasHeaderRebuildTheCloses() throws IOException {
        double[] closes = real.closes();
        LoadedBars lb = readBack("NZDUSD_windows.csv", TestData.asWindows(closes, 60, false), BarFormat.WINDOWS);
        double[][] windows = lb.windows().orElseThrow();
        assertEquals(closes.length - 59, windows.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(closes, 100, 160), windows[100]);
        // every close once, in order: n rows of 60 with stride 1 give n + 59 closes
        assertArrayEquals(closes, lb.series().closes());
        assertEquals(0, lb.series().timeSeconds(0));
        assertEquals(closes.length - 1, lb.series().timeSeconds(closes.length - 1));
        assertTrue(lb.series().timeframe().isEmpty());
        assertEquals(5, lb.series().digits());
        assertTrue(lb.report().warnings().isEmpty());
        assertEquals("NZDUSD", lb.series().symbol());
        assertEquals(windows.length, lb.report().rowsKept());
        assertEquals(closes.length, lb.report().bars());
        String text = lb.report().toText();
        assertTrue(text.contains("rows       2,357 read, 2,357 kept, 2,416 bars"), text);
        assertTrue(text.contains("range      bar 0 -> bar 2,415 (no times in this format)"), text);
    }

    @Test
    void windowsWithIndexC1Header() throws IOException {
        double[] closes = java.util.Arrays.copyOf(real.closes(), 300);
        LoadedBars lb = readBack("w.csv", TestData.asWindows(closes, 60, true), BarFormat.WINDOWS);
        assertEquals(241, lb.windows().orElseThrow().length);
        assertArrayEquals(closes, lb.series().closes());
    }

    @Test
    void windowsThatDoNotOverlapAreAppendedWholeWithAWarning() throws IOException {
        double[] closes = java.util.Arrays.copyOf(real.closes(), 300);
        List<String> lines = new ArrayList<>(List.of(TestData.asWindows(closes, 60, false).split("\n")));
        // keep rows 0, 60, 120, 180 only: back-to-back windows, no overlap
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (int r = 0; r <= 180; r += 60) {
            kept.add(lines.get(1 + r));
        }
        LoadedBars lb = readBack("w.csv", String.join("\n", kept), BarFormat.WINDOWS);
        assertEquals(4, lb.windows().orElseThrow().length);
        assertArrayEquals(java.util.Arrays.copyOf(closes, 240), lb.series().closes());
        assertEquals(1, lb.report().warnings().size());
        assertTrue(lb.report().warnings().get(0).startsWith("3 of 4 rows do not continue"), lb.report().warnings().get(0));
    }

    @Test
    void headerlessWindows() throws IOException {
        double[] closes = java.util.Arrays.copyOf(real.closes(), 100);
        String text = TestData.asWindows(closes, 60, false);
        LoadedBars lb = readBack("w.csv", text.substring(text.indexOf('\n') + 1), BarFormat.WINDOWS);
        assertEquals(41, lb.windows().orElseThrow().length);
        assertArrayEquals(closes, lb.series().closes());
    }

    @Test
    void symbolCanBeGiven() throws IOException {
        Path p = TestData.write(dir, "data.csv", TestData.asMt4(real));
        assertEquals("EURUSD.a", BarReader.read(p, null, "EURUSD.a").series().symbol());
        assertEquals("data", BarReader.read(p).series().symbol());
    }

    @Test
    void forcedFormatSkipsDetection() throws IOException {
        Path p = TestData.write(dir, "x.csv", TestData.asMt4(real));
        assertFalse(BarReader.read(p, BarFormat.MT4_HISTORY).report().spread().isPresent());
        // forcing the wrong format fails with a line and field, not with wrong bars
        BadDataException e = org.junit.jupiter.api.Assertions.assertThrows(BadDataException.class,
                () -> BarReader.read(p, BarFormat.MT5_EXPORT));
        assertTrue(e.getMessage().startsWith("x.csv line 1, field <DATE>: expected the header <DATE>"), e.getMessage());
    }
}
