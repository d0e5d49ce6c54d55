package com.llmea.backtest;

import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import com.llmea.util.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code deals.csv}: MetaTrader's deal list with its column names, one deal a row. The harness writes it, the
 * bridge's C replay program writes the same format, and {@code llm-ea compare} / {@code llm-ea report} read it.
 *
 * <p>Format written: UTF-8 without BOM, comma-separated, LF line ends, RFC 4180 quoting only where needed;
 * header {@code Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Swap,Profit,Balance,Comment};
 * time as {@code yyyy.MM.dd HH:mm:ss}; Type {@code balance|buy|sell}; Direction {@code in|out|in/out} or
 * empty; volume with 2 decimals, price with the symbol's digits, money with 2 decimals; the balance row leaves
 * Symbol, Direction, Volume, Price and Order empty, as the tester's report does.
 *
 * <p>The reader is lenient in what MetaTrader-like files contain: the columns are found by their header names
 * (any order, any case), the separator may be a comma, semicolon or tab, a BOM is skipped, and numbers may
 * carry space thousands separators ({@code 3 000.00}) as in the terminal's own reports.
 *
 * <p>(Writer from branch backtest, reader and the parsing helpers shared with the MT5 report reader from
 * branch report: one class, as agreed.)
 */
public final class DealsCsv {
    public static final String[] HEADER = {"Time", "Deal", "Symbol", "Type", "Direction", "Volume", "Price", "Order",
            "Commission", "Swap", "Profit", "Balance", "Comment"};
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss", Locale.ROOT);

    private DealsCsv() {
    }

    // ---------------------------------------------------------------- writing

    public static void write(Path file, List<Deal> deals, int digits) throws IOException {
        AtomicFiles.writeString(file, format(deals, digits));
    }

    /** Writes with the price digits the deals themselves need ({@link #digits}). */
    public static void write(Path file, List<Deal> deals) throws IOException {
        write(file, deals, digits(deals));
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

    /** The most decimals any deal's price needs (at most 8): the symbol's digits as the deals show them. */
    public static int digits(List<Deal> deals) {
        int digits = 0;
        for (Deal d : deals) {
            if (d.type() != DealType.BALANCE && d.price() != 0) {
                digits = Math.max(digits, Math.min(8, BigDecimal.valueOf(d.price()).stripTrailingZeros().scale()));
            }
        }
        return digits;
    }

    static String fixed(double v, int decimals) {
        BigDecimal b = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
        return b.signum() == 0 ? b.abs().toPlainString() : b.toPlainString();
    }

    /** The shortest plain decimal that reads back as {@code v} (for messages: prices, volumes). */
    public static String plain(double v) {
        if (v == 0) {
            return "0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
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

    // ---------------------------------------------------------------- reading

    public static List<Deal> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.getFileName().toString());
        }
    }

    /**
     * Reads a deal list. Errors are {@link IOException}s naming the file and line:
     * {@code deals.csv line 3: unknown deal type 'short'}.
     */
    public static List<Deal> read(Reader in, String name) throws IOException {
        BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in);
        br.mark(1 << 16);
        String first = br.readLine();
        if (first == null) {
            throw new IOException(name + ": empty file, expected the header " + String.join(",", HEADER));
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        char sep = first.indexOf('\t') >= 0 ? '\t' : first.indexOf(';') >= 0 ? ';' : ',';
        br.reset();
        if (br.read() != '\uFEFF') {
            br.reset();
        }
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setDelimiter(sep).get();
        List<Deal> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(br).setFormat(fmt).get()) {
            Map<String, Integer> col = null;
            for (CSVRecord r : parser) {
                if (col == null) {
                    col = header(r, name);
                    continue;
                }
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue; // blank line
                }
                try {
                    out.add(deal(r, col));
                } catch (IllegalArgumentException e) {
                    throw new IOException(name + " line " + r.getRecordNumber() + ": " + e.getMessage(), e);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(name + ": " + e.getCause().getMessage(), e.getCause());
        }
        return out;
    }

    private static Map<String, Integer> header(CSVRecord r, String name) throws IOException {
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < r.size(); i++) {
            col.putIfAbsent(r.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String h : HEADER) {
            if (!h.equals("Comment") && !col.containsKey(h.toLowerCase(Locale.ROOT))) {
                List<String> got = new ArrayList<>();
                r.forEach(got::add);
                throw new IOException(name + ": missing column '" + h + "' (header: " + String.join(",", got) + ")");
            }
        }
        return col;
    }

    private static Deal deal(CSVRecord r, Map<String, Integer> col) {
        return new Deal(
                parseTime(get(r, col, "Time")),
                (long) number(get(r, col, "Deal"), "Deal"),
                get(r, col, "Symbol"),
                parseType(get(r, col, "Type")),
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
        return i == null || i >= r.size() ? "" : r.get(i).strip();
    }

    /** {@code yyyy.MM.dd HH:mm:ss} (also {@code yyyy.MM.dd HH:mm}, and {@code -} as date separator). */
    public static LocalDateTime parseTime(String s) {
        String t = s.strip().replace('-', '.');
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
        String t = s.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "buy" -> DealType.BUY;
            case "sell" -> DealType.SELL;
            case "balance", "credit", "charge", "correction", "bonus", "commission", "commission daily",
                 "commission monthly", "agent commission", "interest", "tax" -> DealType.BALANCE;
            default -> throw new IllegalArgumentException("unknown deal type '" + s.strip() + "'");
        };
    }

    /** A MetaTrader deal direction; {@code out by} (close by) is a closing deal like {@code out}. */
    public static DealEntry parseEntry(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "in" -> DealEntry.IN;
            case "out", "out by" -> DealEntry.OUT;
            case "in/out", "inout" -> DealEntry.INOUT;
            case "" -> DealEntry.NONE;
            default -> throw new IllegalArgumentException("unknown direction '" + s.strip() + "'");
        };
    }

    /** A number as MetaTrader prints it: {@code 3 000.00}, {@code -12.61}; empty is 0. */
    public static double number(String s, String what) {
        String t = s.replace(" ", "").replace("\u00A0", "").replace("\u202F", "").strip();
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
