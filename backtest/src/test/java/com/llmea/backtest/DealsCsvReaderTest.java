package com.llmea.backtest;

import com.llmea.backtest.mt5.Mt5Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader on real and MetaTrader-style input (the writer's format is pinned by DealsCsvTest). */
class DealsCsvReaderTest {

    @Test
    void roundTripsARealReportsDeals(@TempDir Path dir) throws Exception {
        Mt5Report r = Mt5Report.read(Path.of(System.getProperty("llmea.shared"),
                "data/mt5_reports/didinska21__didinska-MT5/ReportTester.html"));
        Path csv = dir.resolve("deals.csv");
        DealsCsv.write(csv, r.deals());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", DealsCsv.HEADER), lines.get(0));
        assertEquals("2024.01.01 00:00:00,1,,balance,,,,,0.00,0.00,3000.00,3000.00,", lines.get(1));
        assertEquals("2024.01.08 04:30:00,2,XAUUSD,sell,in,0.03,2042.46,2,0.00,0.00,0.00,3000.00,DTE_v330_1",
                lines.get(2));
        assertEquals(r.deals(), DealsCsv.read(csv));
    }

    @Test
    void readsMetaTraderStyleText() throws Exception {
        String text = "\uFEFFTime;Deal;Symbol;Type;Direction;Volume;Price;Order;Commission;Swap;Profit;Balance;Comment\n"
                + "2024.01.01 00:00:00;1;;balance;;;;;0.00;0.00;3 000.00;3 000.00;\n"
                + "2024.01.02 10:15:00;2;EURUSD;buy;in;0.10;1.10123;2;-0.70;0.00;0.00;2 999.30;\"a; b\"\n"
                + "2024.01.02 11:00:00;3;EURUSD;sell;out;0.10;1.10223;3;-0.70;0.00;10.00;3 008.60;\n";
        List<Deal> d = DealsCsv.read(new StringReader(text), "deals.csv");
        assertEquals(3, d.size());
        assertEquals(3000.0, d.get(0).profit());
        assertEquals(LocalDateTime.of(2024, 1, 2, 10, 15), d.get(1).time());
        assertEquals("a; b", d.get(1).comment());
        assertEquals(Deal.DealEntry.OUT, d.get(2).entry());
        assertEquals(8.6, d.get(1).net() + d.get(2).net(), 1e-9); // -0.70 + (10.00 - 0.70)
    }

    @Test
    void badInputNamesTheLineAndField() {
        String text = "Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Swap,Profit,Balance,Comment\n"
                + "2024.01.01 00:00:00,1,,balance,,,,,0,0,100,100,\n"
                + "2024.01.02 10:15:00,2,EURUSD,hold,in,0.10,1.1,2,0,0,0,100,\n";
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> DealsCsv.read(new StringReader(text), "deals.csv"));
        assertTrue(e.getMessage().startsWith("deals.csv line 3: unknown deal type 'hold'"), e.getMessage());
    }
}
