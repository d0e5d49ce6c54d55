package com.llmea.backtest;

import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DealsCsvTest {
    static final List<Deal> DEALS = List.of(
            new Deal(LocalDateTime.of(2021, 9, 1, 0, 0), 1, "", DealType.BALANCE, DealEntry.NONE, 0, 0, 0, 0, 0, 10_000, 10_000, ""),
            new Deal(LocalDateTime.of(2021, 9, 1, 3, 25), 2, "EURUSD", DealType.SELL, DealEntry.IN, 0.1, 1.1806, 2, -0.35, 0, 0, 9_999.65, ""),
            new Deal(LocalDateTime.of(2021, 9, 2, 6, 25, 0), 3, "EURUSD", DealType.BUY, DealEntry.INOUT, 0.2, 1.18055, 3, -0.7, -0.0, 0.5, 9_999.45, "sl 1.18055"),
            new Deal(LocalDateTime.of(2021, 9, 2, 7, 0), 4, "EURUSD", DealType.SELL, DealEntry.OUT, 0.1, 1.181, 4, 0, -1.2, -12.3, 9_985.95, "a, \"quoted\" comment"));

    @Test
    void writesMetaTradersColumnsAndFormats() {
        String text = DealsCsv.format(DEALS, 5);
        assertEquals("""
                Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Swap,Profit,Balance,Comment
                2021.09.01 00:00:00,1,,balance,,,,,0.00,0.00,10000.00,10000.00,
                2021.09.01 03:25:00,2,EURUSD,sell,in,0.10,1.18060,2,-0.35,0.00,0.00,9999.65,
                2021.09.02 06:25:00,3,EURUSD,buy,in/out,0.20,1.18055,3,-0.70,0.00,0.50,9999.45,sl 1.18055
                2021.09.02 07:00:00,4,EURUSD,sell,out,0.10,1.18100,4,0.00,-1.20,-12.30,9985.95,"a, ""quoted"" comment"
                """, text);
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("deals.csv");
        DealsCsv.write(f, DEALS, 5);
        List<Deal> back = DealsCsv.read(f);
        assertEquals(DEALS.size(), back.size());
        for (int i = 0; i < DEALS.size(); i++) {
            Deal a = DEALS.get(i), b = back.get(i);
            assertEquals(a.time(), b.time());
            assertEquals(a.deal(), b.deal());
            assertEquals(a.symbol(), b.symbol());
            assertEquals(a.type(), b.type());
            assertEquals(a.entry(), b.entry());
            assertEquals(a.volume(), b.volume(), 1e-12);
            assertEquals(a.price(), b.price(), 1e-12);
            assertEquals(a.order(), b.order());
            assertEquals(a.commission(), b.commission(), 1e-12);
            assertEquals(a.swap(), b.swap(), 1e-12);
            assertEquals(a.profit(), b.profit(), 1e-12);
            assertEquals(a.balance(), b.balance(), 1e-12);
            assertEquals(a.comment(), b.comment());
        }
        byte[] bytes = Files.readAllBytes(f);
        assertTrue(bytes[0] == 'T', "no BOM");
        assertEquals(DealsCsv.format(DEALS, 5), new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void badRowsNameTheLine() {
        String text = "Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Swap,Profit,Balance,Comment\n"
                + "2021.09.01 00:00:00,1,,balance,,,,,0.00,0.00,10000.00,10000.00,\n"
                + "2021.09.01 03:25:00,2,EURUSD,short,in,0.10,1.18060,2,0.00,0.00,0.00,10000.00,\n";
        IOException e = assertThrows(IOException.class, () -> DealsCsv.read(new StringReader(text), "deals.csv"));
        assertTrue(e.getMessage().startsWith("deals.csv line 3: unknown deal type 'short'"), e.getMessage());
        IOException h = assertThrows(IOException.class, () -> DealsCsv.read(new StringReader("Time,Deal\n"), "x.csv"));
        assertTrue(h.getMessage().contains("missing column 'Symbol'"), h.getMessage());
    }
}
