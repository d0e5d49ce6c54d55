package com.llmea.data;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small pieces the readers are built from: numbers, times, symbols, format detection. */
class ParsingPartsTest {

    @Test
    void numbersParseExactlyLikeTheJdk() {
        for (String s : new String[] {"1.17812", "0.00001", "1234.5", "149.123", "1.1", "0.59512", "100", "-2.5",
                "1.234567890123456789", "12345678901234567890", "1e-05", "2.5E3", "1.", ".5"}) {
            assertEquals(Double.parseDouble(s), Numbers.parse(s, false), s);
        }
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            String s = String.format(java.util.Locale.ROOT, "%.5f", 0.5 + r.nextDouble() * 200);
            assertEquals(Double.parseDouble(s), Numbers.parse(s, false), s);
        }
        assertEquals(1.17812, Numbers.parse("1,17812", true));
    }

    @Test
    void numbersRejectWhatIsNotAPlainDecimal() {
        for (String s : new String[] {"", "-", ".", "NaN", "Infinity", "0x1p3", "1d", "1.2.3", "1,5", "1 000", "e5", "1e"}) {
            assertTrue(Double.isNaN(Numbers.parse(s, false)), s);
        }
        assertEquals(Long.MIN_VALUE, Numbers.parseLong("12.5"));
        assertEquals(12, Numbers.parseLong("12.000"));
        assertEquals(3, Numbers.decimals("1.17800"));
        assertEquals(5, Numbers.decimals("1,17812"));
        assertEquals(0, Numbers.decimals("150"));
    }

    @Test
    void serverTimesMatchJavaTime() {
        LocalDateTime t = LocalDateTime.of(2024, 2, 29, 23, 55, 7);
        long expected = BarSeries.toSeconds(t);
        assertEquals(expected, ServerTime.dateTimeYmd("2024.02.29 23:55:07"));
        assertEquals(expected, ServerTime.dateTimeYmd("2024-02-29T23:55:07"));
        assertEquals(expected, ServerTime.dateTimeDmy("29.02.2024 23:55:07.000"));
        assertEquals(expected, ServerTime.dateTimeDmy("29.02.2024 23:55:07.000 GMT+0200"));
        assertEquals(expected - 7, ServerTime.dateTimeYmd("2024.02.29 23:55"));
        for (int y = 1970; y < 2100; y += 7) {
            for (int m = 1; m <= 12; m++) {
                String d = String.format(java.util.Locale.ROOT, "%04d.%02d.28", y, m);
                assertEquals(java.time.LocalDate.of(y, m, 28).toEpochDay(), ServerTime.dateYmd(d, 0, 10), d);
            }
        }
        for (String bad : new String[] {"2023.02.29 00:00", "2024.00.10 00:00", "2024.01.32 00:00", "2024.01.01 24:00",
                "2024.01.01 00:60", "2024.01.01 0:00", "2024/01.01 00:00", "20240101 00:00"}) {
            assertEquals(ServerTime.INVALID, ServerTime.dateTimeYmd(bad), bad);
        }
    }

    @Test
    void symbolFromFileName() {
        assertEquals("EURUSD", Symbols.fromFileName("EURUSD_M5.csv"));
        assertEquals("EURUSD", Symbols.fromFileName("EURUSD_M5_202109010000_202112301520.csv"));
        assertEquals("EURUSD", Symbols.fromFileName("EURUSD.csv"));
        assertEquals("EURUSD", Symbols.fromFileName("/tmp/x/EURUSD_Candlestick_5_M_BID_01.10.2018-31.10.2018.csv"));
        assertEquals("XAUUSD.a", Symbols.fromFileName("XAUUSD.a.csv"));
    }

    @Test
    void detectionFromTheFirstLine() throws BadDataException {
        assertEquals(BarFormat.MT5_EXPORT, detect("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>"));
        assertEquals(BarFormat.MT5_EXPORT, detect("<DATE>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>"));
        assertEquals(BarFormat.MT5_RATES, detect("time,open,high,low,close,tick_volume,spread,real_volume"));
        assertEquals(BarFormat.MT5_RATES, detect(",time,open,high,low,close,tick_volume,spread,real_volume"));
        assertEquals(BarFormat.MT4_HISTORY, detect("2007.07.19,03:00,1.38080,1.38090,1.37910,1.37930,174"));
        assertEquals(BarFormat.DUKASCOPY, detect("Gmt time,Open,High,Low,Close,Volume"));
        assertEquals(BarFormat.DUKASCOPY, detect("Local time,Open,High,Low,Close,Volume"));
        assertEquals(BarFormat.WINDOWS, detect(",0,1,2,3,4,5"));
        assertEquals(BarFormat.WINDOWS, detect("index,c1,c2,c3"));
        assertEquals(BarFormat.WINDOWS, detect("0,0.59512,0.59520,0.59518"));
        assertThrows(BadDataException.class, () -> detect("Date,Price"));
        assertEquals(';', FormatDetector.separator("time;open;high"));
        assertEquals(',', FormatDetector.separator("time,open,high"));
        assertEquals('\t', FormatDetector.separator("<DATE>\t<OPEN>"));
    }

    @Test
    void formatNamesAsTradersTypeThem() {
        assertEquals(BarFormat.MT5_EXPORT, BarFormat.parse("mt5"));
        assertEquals(BarFormat.MT5_RATES, BarFormat.parse("copy-rates"));
        assertEquals(BarFormat.MT4_HISTORY, BarFormat.parse("mt4_history"));
        assertEquals(BarFormat.DUKASCOPY, BarFormat.parse("Dukascopy"));
        assertThrows(IllegalArgumentException.class, () -> BarFormat.parse("excel"));
    }

    private static BarFormat detect(String line) throws BadDataException {
        return FormatDetector.detect("f.csv", 1, line, FormatDetector.separator(line));
    }
}
