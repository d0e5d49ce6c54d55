package com.llmea.backtest;

import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import com.llmea.util.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code deals.csv}: MetaTrader's deal list with its column names, one deal a row. The harness writes it, the
 * bridge's C replay program writes the same format, and {@code llm-ea compare} reads both.
 *
 * <p>Format: UTF-8 without BOM, comma-separated, LF line ends, RFC 4180 quoting only where needed; header
 * {@code Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Swap,Profit,Balance,Comment}; time as
 * {@code yyyy.MM.dd HH:mm:ss}; Type {@code balance|buy|sell}; Direction {@code in|out|in/out} or empty; volume
 * with 2 decimals, price with the symbol's digits, money with 2 decimals; the balance row leaves Symbol,
 * Direction, Volume, Price and Order empty, as the tester's report does.
 */
public final class DealsCsv {
    public static final String[] HEADER = {"Time", "Deal", "Symbol", "Type", "Direction", "Volume", "Price", "Order",
            "Commission", "Swap", "Profit", "Balance", "Comment"};
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss", Locale.ROOT);

    private DealsCsv() {
    }

    public static void write(Path file, List<Deal> deals, int digits) throws IOException {
        AtomicFiles.writeString(file, format(deals, digits));
    }

    /** The file's exact text. */
    public static String format(List<Deal> deals, int digits) {
        StringBuilder sb = new StringBuilder(64 + deals.size() * 96);
        sb.append(String.join(",", HEADER)).append('\n');
        for (Deal d : deals) {
            boolean bal = d.type() == DealType.BALANCE;
            sb.append(TIME.format(d.time())).append(',')
                    .append(d.deal()).append(',')
                    .append(quote(d.symbol())).append(',')
                    .append(d.type().label()).append(',')
                    .append(d.entry().label()).append(',')
                    .append(bal ? "" : fixed(d.volume(), 2)).append(',')
                    .append(bal ? "" : fixed(d.price(), digits)).append(',')
                    .append(bal ? "" : Long.toString(d.order())).append(',')
                    .append(fixed(d.commission(), 2)).append(',')
                    .append(fixed(d.swap(), 2)).append(',')
                    .append(fixed(d.profit(), 2)).append(',')
                    .append(fixed(d.balance(), 2)).append(',')
                    .append(quote(d.comment())).append('\n');
        }
        return sb.toString();
    }

    public static List<Deal> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.getFileName().toString());
        }
    }

    public static List<Deal> read(Reader reader, String name) throws IOException {
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        List<Deal> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(reader, fmt)) {
            List<String> header = p.getHeaderNames();
            for (String h : HEADER) {
                if (!header.contains(h)) {
                    throw new IOException(name + ": missing column '" + h + "' (header: " + String.join(",", header) + ")");
                }
            }
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1;
                try {
                    out.add(new Deal(
                            LocalDateTime.parse(rec.get("Time").strip(), TIME),
                            Long.parseLong(rec.get("Deal").strip()),
                            rec.get("Symbol"),
                            type(rec.get("Type").strip()),
                            entry(rec.get("Direction").strip()),
                            num(rec.get("Volume")),
                            num(rec.get("Price")),
                            rec.get("Order").isBlank() ? 0 : Long.parseLong(rec.get("Order").strip()),
                            num(rec.get("Commission")),
                            num(rec.get("Swap")),
                            num(rec.get("Profit")),
                            num(rec.get("Balance")),
                            rec.get("Comment")));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    throw new IOException(name + " line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static DealType type(String s) {
        for (DealType t : DealType.values()) {
            if (t.label().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown deal type '" + s + "'");
    }

    private static DealEntry entry(String s) {
        for (DealEntry e : DealEntry.values()) {
            if (e.label().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + s + "'");
    }

    private static double num(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : Double.parseDouble(t);
    }

    static String fixed(double v, int decimals) {
        BigDecimal b = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
        return b.signum() == 0 ? b.abs().toPlainString() : b.toPlainString();
    }

    private static String quote(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
