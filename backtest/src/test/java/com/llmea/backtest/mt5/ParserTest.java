package com.llmea.backtest.mt5;

import com.llmea.backtest.Deal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two report readers on small hand-made files: encodings, sloppy HTML, XLSX cell kinds. */
class ParserTest {
    static final String HEADER = "<tr><td>Time</td><td>Deal</td><td>Symbol</td><td>Type</td><td>Direction</td>"
            + "<td>Volume</td><td>Price</td><td>Order</td><td>Commission</td><td>Swap</td><td>Profit</td>"
            + "<td>Balance</td><td>Comment</td></tr>";

    static String html() {
        return "<html><body><table>"
                + "<tr><td colspan=3>Initial Deposit:</td><td><b>10&nbsp;000.00</b></td>"
                + "<tr><td>Total Net Profit:</td><td><b>-5.00</b></td><td>Balance Drawdown Maximal:</td><td><b>5.00 (0.05%)</b></td></tr>"
                + "</table><table><tr><th colspan=13><b>Deals</b></th></tr>" + HEADER
                // no </tr> on this row; an entity in the comment
                + "<tr><td>2024.01.01 00:00:00</td><td>1</td><td></td><td>balance</td><td></td><td></td><td></td>"
                + "<td></td><td>0.00</td><td>0.00</td><td>10 000.00</td><td>10 000.00</td><td></td>"
                + "<tr><td>2024.01.02 10:00:00</td><td>2</td><td>EURUSD</td><td>buy</td><td>in</td><td>1</td>"
                + "<td>1.10000</td><td>2</td><td>0.00</td><td>0.00</td><td>0.00</td><td>10 000.00</td><td>a &amp; b</td></tr>"
                + "<tr><td>2024.01.02 11:00:00</td><td>3</td><td>EURUSD</td><td>sell</td><td>out</td><td>1</td>"
                + "<td>1.09995</td><td>3</td><td>0.00</td><td>0.00</td><td>-5.00</td><td>9 995.00</td><td></td></tr>"
                + "<tr><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td>0.00</td><td>0.00</td>"
                + "<td>-5.00</td><td>9 995.00</td><td></td></tr></table></body></html>";
    }

    @Test
    void htmlInEachEncoding(@TempDir Path dir) throws Exception {
        byte[] utf8 = html().getBytes(StandardCharsets.UTF_8);
        byte[] le = html().getBytes(StandardCharsets.UTF_16LE);
        byte[] leBom = new byte[le.length + 2];
        leBom[0] = (byte) 0xFF;
        leBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, leBom, 2, le.length);
        byte[] beBom = html().getBytes(StandardCharsets.UTF_16); // Java writes a big-endian BOM
        for (byte[] bytes : List.of(utf8, le, leBom, beBom)) {
            Path f = dir.resolve("r.html");
            Files.write(f, bytes);
            Mt5Report r = Mt5Report.read(f);
            assertEquals(3, r.deals().size());
            assertEquals(10000.0, r.initialDeposit());
            assertEquals("a & b", r.deals().get(1).comment());
            assertEquals(5, r.priceDigits());
            assertEquals(1e-5, r.point(), 1e-15);
            assertEquals(Deal.DealType.SELL, r.deals().get(2).type());
            assertEquals(0.05, r.figure("Balance Drawdown Maximal").orElseThrow().bracket().value());
            assertEquals(-5.0, r.figure("Total Net Profit").orElseThrow().main().value());
        }
    }

    @Test
    void notAReport(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.html");
        Files.writeString(f, "<html><body><table><tr><td>hello</td></tr></table></body></html>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mt5Report.read(f));
        assertTrue(e.getMessage().contains("x.html") && e.getMessage().contains("no Deals table"), e.getMessage());
    }

    @Test
    void xlsxCellKinds(@TempDir Path dir) throws Exception {
        // shared strings, inline strings, numbers, a numeric date cell, skipped cells and a skipped row
        String shared = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<si><t>Deals</t></si><si><r><t>Ti</t></r><r><t>me</t></r></si><si><t>balance</t></si></sst>";
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        sheet.append("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Initial Deposit:</t></is></c><c r=\"D1\"><v>500</v></c></row>");
        sheet.append("<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c></row><row r=\"4\">");
        String[] h = {"Time", "Deal", "Symbol", "Type", "Direction", "Volume", "Price", "Order", "Commission", "Swap",
                "Profit", "Balance", "Comment"};
        for (int i = 0; i < h.length; i++) {
            String ref = (char) ('A' + i) + "4";
            sheet.append(i == 0 ? "<c r=\"A4\" t=\"s\"><v>1</v></c>"
                    : "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + h[i] + "</t></is></c>");
        }
        sheet.append("</row>");
        // 2024-01-01 00:00 is Excel serial 45292
        sheet.append("<row r=\"5\"><c r=\"A5\"><v>45292</v></c><c r=\"B5\"><v>1</v></c><c r=\"D5\" t=\"s\"><v>2</v></c>"
                + "<c r=\"K5\"><v>500</v></c><c r=\"L5\"><v>500</v></c></row>");
        sheet.append("</sheetData></worksheet>");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            z.write(shared.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            z.write(sheet.toString().getBytes(StandardCharsets.UTF_16)); // UTF-16 with BOM, as MetaTrader writes
        }
        Path f = dir.resolve("r.xlsx");
        Files.write(f, bytes.toByteArray());
        Mt5Report r = Mt5Report.read(f);
        assertEquals(500.0, r.initialDeposit());
        assertEquals(1, r.deals().size());
        assertEquals(java.time.LocalDateTime.of(2024, 1, 1, 0, 0), r.deals().get(0).time());
        assertEquals(Deal.DealType.BALANCE, r.deals().get(0).type());
    }

    @Test
    void columnsOfCellReferences() {
        assertEquals(0, XlsxRows.column("A1"));
        assertEquals(3, XlsxRows.column("D26"));
        assertEquals(25, XlsxRows.column("Z9"));
        assertEquals(26, XlsxRows.column("AA3"));
    }
}
