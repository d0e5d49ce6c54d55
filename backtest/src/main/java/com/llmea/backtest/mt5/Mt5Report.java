package com.llmea.backtest.mt5;

import com.llmea.backtest.Deal;
import com.llmea.backtest.DealsCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MetaTrader 5 Strategy Tester report, read from the HTML file the terminal saves or from its XLSX
 * export: the "Settings"/"Results" label–value pairs exactly as printed, and the Deals table.
 *
 * @param source      the file it was read from
 * @param fields      every {@code Label:} → value text of the report's header part, in order, labels
 *                    without the colon (e.g. {@code "Balance Drawdown Maximal" -> "152.73 (5.06%)"})
 * @param deals       the Deals table, first row (the deposit) included
 * @param priceDigits the most decimals any deal price is printed with (the symbol's digits)
 */
public record Mt5Report(Path source, Map<String, String> fields, List<Deal> deals, int priceDigits) {

    public Mt5Report {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        deals = List.copyOf(deals);
    }

    /** Reads a report, HTML or XLSX (told apart by content, not by name). */
    public static Mt5Report read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<List<String>> rows = bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K'
                    ? XlsxRows.read(bytes)
                    : HtmlRows.read(bytes);
            return fromRows(file, rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Builds the report from its rows of cell texts (both file formats come down to this). */
    static Mt5Report fromRows(Path source, List<List<String>> rows) {
        Map<String, String> fields = new LinkedHashMap<>();
        int dealsAt = -1;
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = nonEmpty(rows.get(i));
            if (cells.size() == 1 && (cells.get(0).equals("Orders") || cells.get(0).equals("Deals"))) {
                if (cells.get(0).equals("Deals")) {
                    dealsAt = i;
                    break;
                }
                // the Orders table follows: no more label/value pairs, skip on to the deals
                for (int j = i + 1; j < rows.size(); j++) {
                    List<String> c = nonEmpty(rows.get(j));
                    if (c.size() == 1 && c.get(0).equals("Deals")) {
                        dealsAt = j;
                        break;
                    }
                }
                break;
            }
            for (int k = 0; k < cells.size(); k++) {
                String c = cells.get(k);
                if (c.endsWith(":") && c.length() > 1) {
                    String value = k + 1 < cells.size() && !cells.get(k + 1).endsWith(":") ? cells.get(k + 1) : "";
                    fields.putIfAbsent(c.substring(0, c.length() - 1).trim(), value);
                }
            }
        }
        if (dealsAt < 0) {
            throw new IllegalArgumentException("no Deals table found: is this a Strategy Tester report?");
        }
        int headerAt = dealsAt + 1;
        while (headerAt < rows.size() && nonEmpty(rows.get(headerAt)).isEmpty()) {
            headerAt++;
        }
        if (headerAt >= rows.size()) {
            throw new IllegalArgumentException("the Deals table has no header row");
        }
        Map<String, Integer> col = new LinkedHashMap<>();
        List<String> header = rows.get(headerAt);
        for (int k = 0; k < header.size(); k++) {
            String h = header.get(k).trim();
            if (!h.isEmpty()) {
                col.putIfAbsent(h.toLowerCase(Locale.ROOT), k);
            }
        }
        for (String h : DealsCsv.HEADER) {
            if (!col.containsKey(h.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Deals table header lacks column '" + h + "': " + header);
            }
        }
        List<Deal> deals = new ArrayList<>();
        int digits = 0;
        for (int i = headerAt + 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            String time = cell(r, col, "time");
            if (EXCEL_SERIAL.matcher(time).matches() && !cell(r, col, "type").isEmpty()) {
                time = XlsxRows.excelDate(Double.parseDouble(time)); // a date cell stored as a number
            }
            if (!DATE.matcher(time).matches()) {
                break; // the totals row, then the end of the table
            }
            try {
                String price = cell(r, col, "price");
                int dot = price.indexOf('.');
                if (dot >= 0) {
                    digits = Math.max(digits, price.length() - dot - 1);
                }
                deals.add(new Deal(
                        DealsCsv.parseTime(time),
                        (long) DealsCsv.number(cell(r, col, "deal"), "Deal"),
                        cell(r, col, "symbol"),
                        DealsCsv.parseType(cell(r, col, "type")),
                        DealsCsv.parseEntry(cell(r, col, "direction")),
                        DealsCsv.number(cell(r, col, "volume"), "Volume"),
                        DealsCsv.number(price, "Price"),
                        (long) DealsCsv.number(cell(r, col, "order"), "Order"),
                        DealsCsv.number(cell(r, col, "commission"), "Commission"),
                        DealsCsv.number(cell(r, col, "swap"), "Swap"),
                        DealsCsv.number(cell(r, col, "profit"), "Profit"),
                        DealsCsv.number(cell(r, col, "balance"), "Balance"),
                        cell(r, col, "comment")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("deal row " + (deals.size() + 1) + ": " + e.getMessage(), e);
            }
        }
        if (deals.isEmpty()) {
            throw new IllegalArgumentException("the Deals table is empty");
        }
        return new Mt5Report(source, fields, deals, digits);
    }

    private static final Pattern EXCEL_SERIAL = Pattern.compile("\\d{5}(\\.\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}[.-]\\d{2}[.-]\\d{2} \\d{2}:\\d{2}(:\\d{2})?");

    private static String cell(List<String> row, Map<String, Integer> col, String name) {
        int k = col.get(name);
        return k < row.size() ? row.get(k).trim() : "";
    }

    private static List<String> nonEmpty(List<String> row) {
        List<String> out = new ArrayList<>();
        for (String c : row) {
            String t = c.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- typed access to the figures

    /** A field's text, if the report has it. */
    public Optional<String> field(String label) {
        return Optional.ofNullable(fields.get(label));
    }

    /** The initial deposit as the report states it (settings), or else its first balance deal. */
    public double initialDeposit() {
        return field("Initial Deposit").map(s -> DealsCsv.number(s, "Initial Deposit"))
                .orElseGet(() -> deals.get(0).net());
    }

    /** The symbol's point (10^-digits), from the prices printed in the deal table. */
    public double point() {
        return Math.pow(10, -priceDigits);
    }

    private static final Pattern NUM = Pattern.compile("-?\\d[\\d \\u00A0]*(?:\\.\\d+)?|-?\\.\\d+");

    /**
     * One printed figure: the first number of a field ({@link Figure#main}) and the number in its
     * brackets ({@link Figure#bracket}), each with the decimals it was printed with. {@code "152.73
     * (5.06%)"} gives 152.73 and 5.06; {@code "65 (66.15%)"} gives 65 and 66.15.
     */
    public Optional<Figure> figure(String label) {
        return field(label).flatMap(Figure::parse);
    }

    /** A number as printed, with the count of decimals it was printed with. */
    public record Value(double value, int decimals) {
        /** Whether {@code x} rounds to this printed value (within half a unit of its last digit). */
        public boolean matches(double x) {
            return Math.abs(x - value) <= 0.5 * Math.pow(10, -decimals) + 1e-9;
        }

        static Value parse(String s) {
            String t = s.replace(" ", "").replace("\u00A0", "");
            int dot = t.indexOf('.');
            return new Value(Double.parseDouble(t), dot < 0 ? 0 : t.length() - dot - 1);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
    }

    /** A field's main number and optional bracketed number. */
    public record Figure(Value main, Value bracket) {
        static Optional<Figure> parse(String text) {
            int open = text.indexOf('(');
            String head = open >= 0 ? text.substring(0, open) : text;
            Matcher m = NUM.matcher(head);
            if (!m.find()) {
                return Optional.empty();
            }
            Value main = Value.parse(m.group().trim());
            Value bracket = null;
            if (open >= 0) {
                Matcher b = NUM.matcher(text.substring(open));
                if (b.find()) {
                    bracket = Value.parse(b.group().trim());
                }
            }
            return Optional.of(new Figure(main, bracket));
        }
    }
}
