package com.llmea.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two real MetaTrader 5 exports in the shared folder, read as a trader would. */
class RealFilesTest {

    @Test
    void kayoroxaExportReadsCompletely() throws IOException {
        LoadedBars lb = BarReader.read(TestData.kayoroxa());
        BarSeries s = lb.series();
        DataReport r = lb.report();

        assertEquals(BarFormat.MT5_EXPORT, r.format());
        assertEquals("EURUSD", s.symbol());
        assertEquals(24_886, s.size());
        assertEquals(24_886, r.rowsRead());
        assertEquals(24_886, r.rowsKept());
        assertTrue(r.dropped().isEmpty());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(Timeframe.M5, s.timeframe().orElseThrow());
        assertEquals(5, s.digits());

        // 2021.09.01 00:00:00  1.18078 1.18083 1.18061 1.18078  29 0 31
        assertEquals(new Bar(LocalDateTime.of(2021, 9, 1, 0, 0), 1.18078, 1.18083, 1.18061, 1.18078, 29, 0, 31), s.bar(0));
        // 2021.12.30 15:20:00  1.13336 1.13382 1.13317 1.13382  371 0 0
        assertEquals(new Bar(LocalDateTime.of(2021, 12, 30, 15, 20), 1.13336, 1.13382, 1.13317, 1.13382, 371, 0, 0),
                s.bar(s.size() - 1));
        assertEquals(LocalDateTime.of(2021, 9, 1, 0, 0), r.firstBar().orElseThrow());
        assertEquals(LocalDateTime.of(2021, 12, 30, 15, 20), r.lastBar().orElseThrow());

        // 81% of rows carry no spread (the tester then uses the last known one)
        DataReport.SpreadStats sp = r.spread().orElseThrow();
        assertEquals(0.8094, sp.zeroShare(), 0.0005);
        assertEquals(0, sp.min());
        assertEquals(319, sp.max());

        // weekend gaps only: 17 weekends between Wed 1 Sep and Thu 30 Dec 2021; the longest spans Christmas
        DataReport.Gaps g = r.gaps().orElseThrow();
        assertEquals(17, g.count());
        assertEquals(17, g.overWeekend());
        assertEquals(LocalDateTime.of(2021, 12, 24, 20, 55), g.largestFrom().orElseThrow());
        assertEquals(LocalDateTime.of(2021, 12, 27, 0, 0), g.largestTo().orElseThrow());
        assertEquals(2 * 86400 + 3 * 3600 + 5 * 60, g.largestSeconds());
    }

    @Test
    void p3dr7ExportReadsCompletely() throws IOException {
        LoadedBars lb = BarReader.read(TestData.p3dr7());
        BarSeries s = lb.series();
        DataReport r = lb.report();

        assertEquals(BarFormat.MT5_EXPORT, r.format());
        assertEquals(2_416, s.size());
        assertEquals(Timeframe.M5, s.timeframe().orElseThrow());
        assertEquals(5, s.digits());
        assertEquals(new Bar(LocalDateTime.of(2025, 7, 1, 0, 0), 1.17812, 1.17855, 1.17785, 1.17829, 312, 0, 13), s.bar(0));
        assertEquals(new Bar(LocalDateTime.of(2025, 7, 11, 9, 15), 1.16866, 1.16952, 1.16866, 1.16936, 482, 0, 6),
                s.bar(s.size() - 1));

        // this broker always quotes a spread; its server clock opens the week on Sunday 23:00
        DataReport.SpreadStats sp = r.spread().orElseThrow();
        assertEquals(0.0, sp.zeroShare());
        assertEquals(5, sp.min());
        DataReport.Gaps g = r.gaps().orElseThrow();
        assertEquals(1, g.count());
        assertEquals(1, g.overWeekend());
        assertEquals(LocalDateTime.of(2025, 7, 4, 22, 55), g.largestFrom().orElseThrow());
        assertEquals(LocalDateTime.of(2025, 7, 6, 23, 0), g.largestTo().orElseThrow());
    }

    @Test
    void reportTextNamesWhatATraderChecks() throws IOException {
        String text = BarReader.read(TestData.kayoroxa()).report().toText();
        assertTrue(text.contains("24,886 read, 24,886 kept"), text);
        assertTrue(text.contains("2021-09-01 00:00 -> 2021-12-30 15:20"), text);
        assertTrue(text.contains("timeframe  M5"), text);
        assertTrue(text.contains("digits     5"), text);
        assertTrue(text.contains("17 (17 over a weekend)"), text);
        assertTrue(text.contains("zero in 80.9% of bars"), text);
    }
}
