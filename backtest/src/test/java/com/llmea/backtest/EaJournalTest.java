package com.llmea.backtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EaJournalTest {

    @Test
    void fnv1a64MatchesTheReferenceVectors() {
        // Published FNV-1a 64 test vectors (Fowler/Noll/Vo): "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c,
        // "foobar" -> 85944171f73967e8.
        assertEquals("cbf29ce484222325", EaJournal.hex(EaJournal.fnv1a64(new byte[0])));
        assertEquals("af63dc4c8601ec8c", EaJournal.hex(EaJournal.fnv1a64("a".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("85944171f73967e8", EaJournal.hex(EaJournal.fnv1a64("foobar".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void closesHashIsWhatTheEaComputes() {
        // The EA (Journal.mqh LlmClosesHash) prints each close with DoubleToString(close, _Digits), joins them with
        // one space and runs FNV-1a 64 over the characters. The expected value was computed independently in C:
        //   const char *s = "1.17829 1.17808 1.17841 1.17910 1.17862"; uint64_t h = 0xcbf29ce484222325ULL;
        //   for (i = 0; s[i]; i++) { h ^= (unsigned char) s[i]; h *= 0x100000001b3ULL; }  -> 6c19c3ad5d931372
        // and in Python: h = 0xcbf29ce484222325; for b in s.encode(): h = ((h ^ b) * 0x100000001b3) % 2**64.
        double[] closes = {1.17829, 1.17808, 1.17841, 1.1791, 1.17862};
        assertEquals("1.17829 1.17808 1.17841 1.17910 1.17862", EaJournal.closesText(closes, 5));
        assertEquals("6c19c3ad5d931372", EaJournal.closesHash(closes, 5));
        // A 3-digit symbol keeps trailing zeros: "150.000 149.987" (same C/Python computation).
        assertEquals("150.000 149.987", EaJournal.closesText(new double[] {150.0, 149.987}, 3));
        assertEquals("981ac8056bf5df6b", EaJournal.closesHash(new double[] {150.0, 149.987}, 3));
    }

    @Test
    void readsWhatTheEaWrites(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("EURUSD_M5_20240601_tester.csv");
        Files.writeString(f, "\uFEFF" + EaJournal.HEADER + "\r\n"
                + "2024.01.02 00:05:00,DECISION,6c19c3ad5d931372,OPEN_BUY,0.10,,,mean(forecast) 1.17901 > mean(last 20) 1.17850, +2.0 pt\r\n"
                + "2024.01.02 00:05:00,DEAL,6c19c3ad5d931372,BUY_IN,0.10,1.17905,2,EXPERT\r\n"
                + "2024.01.02 00:10:00,ERROR,981ac8056bf5df6b,NONE,0.00,,,ERR_TIMEOUT: no answer in 30 s\r\n",
                StandardCharsets.UTF_8);
        List<EaJournal.Entry> e = EaJournal.read(f);
        assertEquals(3, e.size());
        assertEquals(LocalDateTime.of(2024, 1, 2, 0, 5), e.get(0).barTime());
        assertEquals(EaJournal.Event.DECISION, e.get(0).event());
        assertEquals("OPEN_BUY", e.get(0).action());
        assertEquals(0.10, e.get(0).volume());
        assertTrue(Double.isNaN(e.get(0).price()));
        assertEquals("mean(forecast) 1.17901 > mean(last 20) 1.17850, +2.0 pt", e.get(0).reason(), "commas stay in the reason");
        assertEquals(EaJournal.Event.DEAL, e.get(1).event());
        assertEquals(1.17905, e.get(1).price());
        assertEquals(2, e.get(1).deal());
        assertEquals("EXPERT", e.get(1).reason());
        assertEquals(EaJournal.Event.ERROR, e.get(2).event());
        assertEquals(4, e.get(2).line());
    }

    @Test
    void writeThenReadGivesTheSameLines(@TempDir Path dir) throws IOException {
        List<EaJournal.Entry> in = List.of(
                new EaJournal.Entry(LocalDateTime.of(2024, 3, 4, 10, 0), EaJournal.Event.DECISION, "6c19c3ad5d931372",
                        "REVERSE", 0.2, Double.NaN, 0, "below, by 3.1 pt", 0),
                new EaJournal.Entry(LocalDateTime.of(2024, 3, 4, 10, 0), EaJournal.Event.DEAL, "6c19c3ad5d931372",
                        "SELL_INOUT", 0.4, 1.0842, 17, "EXPERT", 0));
        Path f = dir.resolve("j.csv");
        EaJournal.write(f, in, 5);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(text.contains("2024.03.04 10:00:00,DEAL,6c19c3ad5d931372,SELL_INOUT,0.40,1.08420,17,EXPERT\r\n"), text);
        List<EaJournal.Entry> out = EaJournal.read(f);
        assertEquals(2, out.size());
        assertEquals(EaJournal.format(in.get(0), 5), EaJournal.format(out.get(0), 5));
        assertEquals(EaJournal.format(in.get(1), 5), EaJournal.format(out.get(1), 5));
    }

    @Test
    void badInputIsReportedWithItsLine() {
        IOException header = assertThrows(IOException.class,
                () -> EaJournal.parse(List.of("Time,Deal,Symbol"), "deals.csv"));
        assertTrue(header.getMessage().contains("not an llm-ea EA journal"), header.getMessage());
        IOException columns = assertThrows(IOException.class,
                () -> EaJournal.parse(List.of(EaJournal.HEADER, "2024.01.02 00:05:00,DECISION,abc"), "j.csv"));
        assertTrue(columns.getMessage().startsWith("j.csv line 2: expected 8 columns"), columns.getMessage());
        IOException event = assertThrows(IOException.class,
                () -> EaJournal.parse(List.of(EaJournal.HEADER, "2024.01.02 00:05:00,ORDER,h,NONE,0,,,x"), "j.csv"));
        assertTrue(event.getMessage().startsWith("j.csv line 2:"), event.getMessage());
    }
}
