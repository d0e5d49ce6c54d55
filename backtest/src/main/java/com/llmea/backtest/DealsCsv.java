package com.llmea.backtest;

import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import com.llmea.util.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code deals.csv}: the harness's deal list with MetaTrader's deal columns, in this order:
 * Time, Deal, Symbol, Type, Direction, Volume, Price, Order, Commission, Swap, Profit, Balance, Comment.
 * Times are {@code yyyy.MM.dd HH:mm:ss}; Type is {@code balance}, {@code buy} or {@code sell};
 * Direction {@code in}, {@code out}, {@code in/out} or empty; money has two decimals.
 *
 * <p>The reader is lenient in what MetaTrader-like files contain: the columns are found by their header
 * names (any order, any case), the separator may be a comma, semicolon or tab, and numbers may carry
 * space thousands separators ({@code 3 000.00}) as in the terminal's own reports.
 */
public final class DealsCsv {
    public static final List<String> HEADER = List.of("Time", "Deal", "Symbol", "Type", "Direction", "Volume",
            "Price", "Order", "Commission", "Swap", "Profit", "Balance", "Comment");
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss", Locale.ROOT);

    private DealsCsv() {
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code deals} to {@code file} atomically (comma separated, UTF-8, no BOM, LF). */
    public static void write(Path file, List<Deal> deals) throws IOException {
        AtomicFiles.writeText(file, w -> write(w, deals));
    }

    public static void write(Writer w, List<Deal> deals) throws IOException {
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        CSVPrinter p = new CSVPrinter(w, fmt);
        p.printRecord(HEADER);
        for (Deal d : deals) {
            boolean bal = d.type() == DealType.BALANCE;
            p.printRecord(
                    TIME.format(d.time()),
                    d.deal(),
                    d.symbol() == null ? "" : d.symbol(),
                    d.type().label(),
                    d.entry().label(),
                    bal ? "" : plain(d.volume()),
                    bal ? "" : plain(d.price()),
                    bal ? "" : Long.toString(d.order()),
                    money(d.commission()),
                    money(d.swap()),
                    money(d.profit()),
                    money(d.balance()),
                    d.comment() == null ? "" : d.comment());
        }
        p.flush();
    }

    /** Two decimals, as MetaTrader shows money (no thousands separator). */
    public static String money(double v) {
        return String.format(Locale.ROOT, "%.2f", v + 0.0); // +0.0 turns -0.0 into 0.0
    }

    /** The shortest plain decimal that reads back as {@code v} (prices, volumes). */
    public static String plain(double v) {
        if (v == 0) {
            return "0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- reading

    public static List<Deal> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return read(new StringReader(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static List<Deal> read(Reader in) throws IOException {
        BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in);
        br.mark(1 << 16);
        String first = br.readLine();
        if (first == null) {
            throw new IllegalArgumentException("empty deals file");
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        char sep = first.indexOf('\t') >= 0 ? '\t' : first.indexOf(';') >= 0 ? ';' : ',';
        br.reset();
        if (br.read() != '\uFEFF') {
            br.reset();
        }
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setDelimiter(sep).setTrim(true).get();
        List<Deal> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(br).setFormat(fmt).get()) {
            Map<String, Integer> col = null;
            for (CSVRecord r : parser) {
                if (col == null) {
                    col = header(r);
                    continue;
                }
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // blank line
                }
                long line = r.getRecordNumber();
                try {
                    out.add(deal(r, col));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static Map<String, Integer> header(CSVRecord r) {
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < r.size(); i++) {
            col.put(r.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String h : HEADER) {
            if (!h.equals("Comment") && !col.containsKey(h.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("deals header lacks column '" + h + "' (has " + col.keySet() + ")");
            }
        }
        return col;
    }

    private static Deal deal(CSVRecord r, Map<String, Integer> col) {
        DealType type = parseType(get(r, col, "Type"));
        return new Deal(
                parseTime(get(r, col, "Time")),
                (long) number(get(r, col, "Deal"), "Deal"),
                get(r, col, "Symbol"),
                type,
                parseEntry(get(r, col, "Direction")),
                number(get(r, col, "Volume"), "Volume"),
                number(get(r, col, "Price"), "Price"),
                (long) number(get(r, col, "Order"), "Order"),
                number(get(r, col, "Commission"), "Commission"),
                number(get(r, col, "Swap"), "Swap"),
                number(get(r, col, "Profit"), "Profit"),
                number(get(r, col, "Balance"), "Balance"),
                get(r, col, "Comment"));
    }

    private static String get(CSVRecord r, Map<String, Integer> col, String name) {
        Integer i = col.get(name.toLowerCase(Locale.ROOT));
        return i == null || i >= r.size() ? "" : r.get(i).trim();
    }

    /** {@code yyyy.MM.dd HH:mm:ss} (also {@code yyyy.MM.dd HH:mm}, and {@code -} as date separator). */
    public static LocalDateTime parseTime(String s) {
        String t = s.trim().replace('-', '.');
        if (t.length() == 16) {
            t = t + ":00";
        }
        try {
            return LocalDateTime.parse(t, TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time '" + s + "' (want yyyy.MM.dd HH:mm:ss)");
        }
    }

    /** A MetaTrader deal type: buy, sell, or one of the balance operations (balance, credit, ...). */
    public static DealType parseType(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "buy" -> DealType.BUY;
            case "sell" -> DealType.SELL;
            case "balance", "credit", "charge", "correction", "bonus", "commission", "commission daily",
                 "commission monthly", "agent commission", "interest", "tax" -> DealType.BALANCE;
            default -> throw new IllegalArgumentException("unknown deal type '" + s + "'");
        };
    }

    /** A MetaTrader deal direction; {@code out by} (close by) is a closing deal like {@code out}. */
    public static DealEntry parseEntry(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "in" -> DealEntry.IN;
            case "out", "out by" -> DealEntry.OUT;
            case "in/out", "inout" -> DealEntry.INOUT;
            case "" -> DealEntry.NONE;
            default -> throw new IllegalArgumentException("unknown deal direction '" + s + "'");
        };
    }

    /** A number as MetaTrader prints it: {@code 3 000.00}, {@code -12.61}; empty is 0. */
    public static double number(String s, String what) {
        String t = s.replace(" ", "").replace("\u00A0", "").replace("\u202F", "").trim();
        if (t.isEmpty()) {
            return 0.0;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + s + "'");
        }
    }
}
