package com.llmea.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticSeriesTest {
    @TempDir
    Path dir;

    @Test
    void isDeterministicValidAndShapedLikeEurusdM5() {
        BarSeries a = SyntheticSeries.eurusdM5(42, 6000);
        BarSeries b = SyntheticSeries.eurusdM5(42, 6000);
        assertArrayEquals(a.closes(), b.closes(), 0.0);
        assertNotEquals(a.close(5999), SyntheticSeries.eurusdM5(43, 6000).close(5999));
        assertEquals(Timeframe.M5, a.timeframe().orElseThrow());
        assertEquals(5, a.digits());
        int weekendGaps = 0;
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.high(i) >= Math.max(a.open(i), a.close(i)) && a.low(i) <= Math.min(a.open(i), a.close(i)), "bar " + i);
            assertTrue(a.spread(i) >= 6 && a.spread(i) <= 30);
            DayOfWeek d = a.time(i).getDayOfWeek();
            assertTrue(d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY, "no weekend bars");
            if (i > 0 && a.timeSeconds(i) - a.timeSeconds(i - 1) > 300) {
                weekendGaps++;
            }
        }
        assertEquals(4, weekendGaps, "6000 M5 bars (20.8 trading days) from a Monday span four weekends");
        // volatility seasonality: the London/New York overlap moves more than the Asian session
        assertTrue(meanAbsReturn(a, 13, 16) > 1.8 * meanAbsReturn(a, 1, 5));
    }

    @Test
    void writesAnMt5ExportThatReadsBackIdentically() throws IOException {
        BarSeries s = SyntheticSeries.eurusdM5(7, 2000);
        Path file = dir.resolve("EURUSD.SYNTHETIC_M5.csv");
        Mt5ExportWriter.write(s, file);
        LoadedBars back = BarReader.read(file);
        assertEquals(BarFormat.MT5_EXPORT, back.report().format());
        assertEquals(s.size(), back.series().size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.bar(i), back.series().bar(i), "bar " + i);
        }
    }

    private static double meanAbsReturn(BarSeries s, int fromHour, int toHour) {
        double sum = 0;
        int n = 0;
        for (int i = 1; i < s.size(); i++) {
            int h = s.time(i).getHour();
            if (h >= fromHour && h < toHour && s.timeSeconds(i) - s.timeSeconds(i - 1) == 300) {
                sum += Math.abs(Math.log(s.close(i) / s.close(i - 1)));
                n++;
            }
        }
        return sum / n;
    }
}
