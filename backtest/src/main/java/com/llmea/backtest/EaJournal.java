package com.llmea.backtest;

import java.io.IOException;
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
 * The Expert Advisor's journal (mql5/Include/LlmEa/Journal.mqh), read here so a Strategy Tester run can be diffed
 * against the harness decision by decision. Format (docs/mt5-setup.md): UTF-8 CSV, CRLF or LF, header
 * {@value #HEADER}, one line per decision, per deal and per failure:
 * <pre>
 * 2024.01.02 00:05:00,DECISION,6c19c3ad5d931372,OPEN_BUY,0.10,,,mean(forecast) 1.17901 &gt; mean(last 20) 1.17850 + 2.0 pt
 * 2024.01.02 00:05:00,DEAL,6c19c3ad5d931372,BUY_IN,0.10,1.17905,2,EXPERT
 * </pre>
 * {@code reason} is the last column and may contain commas (never newlines); empty volume, price and deal are
 * written as nothing. The closes hash is {@link #closesHash}: equal hashes mean the EA and the harness fed the
 * strategy the same closes.
 */
public final class EaJournal {
    public static final String HEADER = "bar_time,event,closes_hash,action,volume,price,deal,reason";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss", Locale.ROOT);
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** What a line records. */
    public enum Event { DECISION, DEAL, ERROR }

    /**
     * One journal line.
     *
     * @param barTime    the bar the decision was made at (for a deal: the bar during which it was filled)
     * @param closesHash {@link #closesHash} of the closes the decision saw (for a deal: of the last decision)
     * @param action     DECISION: NONE, OPEN_BUY, OPEN_SELL, CLOSE, REVERSE; DEAL: BUY_IN, SELL_OUT, BUY_INOUT, ...
     * @param price      the fill price of a deal, NaN otherwise
     * @param deal       the deal ticket, 0 otherwise
     * @param reason     the strategy's reason, the deal's reason (EXPERT, SL, TP, SO) or the failure
     * @param line       1-based line number in the file (0 when not read from a file)
     */
    public record Entry(LocalDateTime barTime, Event event, String closesHash, String action, double volume,
                        double price, long deal, String reason, int line) {
    }

    private EaJournal() {
    }

    public static List<Entry> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** Parses journal lines (header first); {@code name} is used in error messages. */
    public static List<Entry> parse(List<String> lines, String name) throws IOException {
        if (lines.isEmpty() || !strip(lines.get(0)).equals(HEADER)) {
            throw new IOException(name + ": not an llm-ea EA journal: the first line must be '" + HEADER + "'");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = strip(lines.get(i));
            if (!l.isEmpty()) {
                out.add(parseLine(l, name, i + 1));
            }
        }
        return out;
    }

    private static Entry parseLine(String l, String name, int line) throws IOException {
        String[] f = l.split(",", 8);
        if (f.length != 8) {
            throw new IOException(name + " line " + line + ": expected 8 columns (" + HEADER + "), got " + f.length);
        }
        try {
            return new Entry(LocalDateTime.parse(f[0], TIME), Event.valueOf(f[1]), f[2], f[3],
                    f[4].isEmpty() ? 0 : Double.parseDouble(f[4]), f[5].isEmpty() ? Double.NaN : Double.parseDouble(f[5]),
                    f[6].isEmpty() ? 0 : Long.parseLong(f[6]), f[7], line);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException(name + " line " + line + ": " + e.getMessage() + " in '" + l + "'", e);
        }
    }

    /** The line the EA writes for an entry (without the line end). */
    public static String format(Entry e, int digits) {
        return TIME.format(e.barTime()) + "," + e.event() + "," + e.closesHash() + "," + e.action() + ","
                + fixed(e.volume(), 2) + "," + (Double.isNaN(e.price()) ? "" : fixed(e.price(), digits)) + ","
                + (e.deal() == 0 ? "" : Long.toString(e.deal())) + "," + e.reason().replace('\r', ' ').replace('\n', ' ');
    }

    /** Writes a journal in the EA's format (CRLF, as the EA writes it), e.g. for the harness's side of a diff. */
    public static void write(Path file, List<Entry> entries, int digits) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (Entry e : entries) {
            sb.append(format(e, digits)).append("\r\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /**
     * The closes hash: FNV-1a 64 over the ASCII bytes of {@link #closesText}, as 16 lower-case hex digits.
     * MQL5 computes the same in {@code LlmClosesHash} (Journal.mqh).
     */
    public static String closesHash(double[] closes, int digits) {
        return hex(fnv1a64(closesText(closes, digits).getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The closes oldest first, each with exactly {@code digits} decimals (MQL5 {@code DoubleToString(close, _Digits)}),
     * joined by one space. Rounding is of the exact binary value, half-even, as C's printf; closes already at the
     * symbol's digits print as their own decimal text either way.
     */
    public static String closesText(double[] closes, int digits) {
        StringBuilder sb = new StringBuilder(closes.length * (digits + 4));
        for (int i = 0; i < closes.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(fixed(closes[i], digits));
        }
        return sb.toString();
    }

    /** FNV-1a, 64 bits: offset basis 0xcbf29ce484222325, prime 0x100000001b3, arithmetic modulo 2^64. */
    public static long fnv1a64(byte[] bytes) {
        long h = FNV_OFFSET;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    public static String hex(long h) {
        String s = Long.toHexString(h);
        return "0".repeat(16 - s.length()) + s;
    }

    private static String fixed(double v, int digits) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String strip(String l) {
        String s = l.startsWith("\uFEFF") ? l.substring(1) : l;
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
