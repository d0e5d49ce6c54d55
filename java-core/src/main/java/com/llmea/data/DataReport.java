package com.llmea.data;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a reader found in a price file, for a trader to check before training on it: how many rows were read
 * and kept, rows dropped and why, warnings, the range, timeframe and digits, gaps, and spread statistics.
 *
 * @param encoding  how the bytes were decoded, e.g. "UTF-16LE with BOM"
 * @param separator "tab", "semicolon" or "comma"
 * @param rowsRead data lines read (header and blank lines not counted)
 * @param rowsKept data lines that became bars (or windows, for {@link BarFormat#WINDOWS})
 * @param dropped  rows left out, by reason, in the order first met
 * @param warnings things the reader fixed or that deserve a look (e.g. the file was newest-first)
 * @param notes    plain facts about how the file was read (e.g. how windows became a series)
 * @param gaps     empty when the series has no MetaTrader timeframe (e.g. windows)
 * @param spread   empty when the format has no spread column
 */
public record DataReport(
        String fileName,
        BarFormat format,
        String encoding,
        String separator,
        String symbol,
        int rowsRead,
        int rowsKept,
        int bars,
        Map<String, Integer> dropped,
        List<String> warnings,
        List<String> notes,
        Optional<Timeframe> timeframe,
        int digits,
        Optional<LocalDateTime> firstBar,
        Optional<LocalDateTime> lastBar,
        Optional<Gaps> gaps,
        Optional<SpreadStats> spread) {

    public DataReport {
        dropped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dropped)); // keeps first-met order
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /**
     * Steps between consecutive bars longer than the timeframe. Weekends and holidays are normal; many
     * non-weekend gaps mean missing history.
     *
     * @param count         steps longer than one bar
     * @param overWeekend   those of them that span a Saturday
     * @param largestSeconds the longest step, in seconds (0 when there is no gap)
     * @param largestFrom   the bar before the longest step
     * @param largestTo     the bar after it
     */
    public record Gaps(int count, int overWeekend, long largestSeconds, Optional<LocalDateTime> largestFrom,
                       Optional<LocalDateTime> largestTo) {

        /** Gaps of a series; empty when it has no timeframe. Monthly bars allow up to 31 days. */
        public static Optional<Gaps> of(BarSeries s) {
            if (s.timeframe().isEmpty()) {
                return Optional.empty();
            }
            Timeframe tf = s.timeframe().get();
            long step = tf == Timeframe.MN1 ? 31L * 86400 : tf.seconds();
            int count = 0, weekend = 0, largestAt = -1;
            long largest = 0;
            for (int i = 1; i < s.size(); i++) {
                long d = s.timeSeconds(i) - s.timeSeconds(i - 1);
                if (d > step) {
                    count++;
                    if (spansSaturday(s.timeSeconds(i - 1) + tf.seconds(), s.timeSeconds(i))) {
                        weekend++;
                    }
                    if (d > largest) {
                        largest = d;
                        largestAt = i;
                    }
                }
            }
            return Optional.of(new Gaps(count, weekend, largest,
                    largestAt < 0 ? Optional.empty() : Optional.of(s.time(largestAt - 1)),
                    largestAt < 0 ? Optional.empty() : Optional.of(s.time(largestAt))));
        }

        /** Whether the missing stretch [from, to) touches a Saturday. */
        private static boolean spansSaturday(long from, long to) {
            long firstDay = Math.floorDiv(from, 86400), lastDay = Math.floorDiv(to - 1, 86400);
            if (lastDay - firstDay >= 6) {
                return true;
            }
            for (long d = firstDay; d <= lastDay; d++) {
                if (java.time.LocalDate.ofEpochDay(d).getDayOfWeek() == DayOfWeek.SATURDAY) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Spread in points over all bars; {@code zeroShare} is the fraction of bars whose spread is 0 (none recorded). */
    public record SpreadStats(int min, double mean, int max, double zeroShare) {
        public static SpreadStats of(BarSeries s) {
            int n = s.size(), min = Integer.MAX_VALUE, max = 0, zeros = 0;
            long sum = 0;
            for (int i = 0; i < n; i++) {
                int sp = s.spread(i);
                min = Math.min(min, sp);
                max = Math.max(max, sp);
                sum += sp;
                if (sp == 0) {
                    zeros++;
                }
            }
            return n == 0 ? new SpreadStats(0, 0, 0, 0) : new SpreadStats(min, (double) sum / n, max, (double) zeros / n);
        }
    }

    /** The report as the {@code inspect} command prints it. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        line(b, "file", fileName);
        line(b, "format", format.name().toLowerCase(Locale.ROOT) + " (" + format.description() + "), " + encoding + ", "
                + separator + "-separated");
        line(b, "symbol", symbol);
        line(b, "rows", String.format(Locale.ROOT, "%,d read, %,d kept", rowsRead, rowsKept)
                + (bars != rowsKept ? String.format(Locale.ROOT, ", %,d bars", bars) : ""));
        if (format == BarFormat.WINDOWS) {
            line(b, "range", String.format(Locale.ROOT, "bar 0 -> bar %,d (no times in this format)", bars - 1));
            line(b, "timeframe", "none (no times in this format)");
        } else {
            line(b, "range", firstBar.map(DataReport::time).orElse("-") + " -> "
                    + lastBar.map(DataReport::time).orElse("-") + " (clock as written, no zone conversion)");
            line(b, "timeframe", timeframe.map(Enum::name).orElse("none (steps match no MetaTrader timeframe)"));
        }
        line(b, "digits", digits + String.format(Locale.ROOT, " (point %s)",
                java.math.BigDecimal.ONE.movePointLeft(digits).toPlainString()));
        line(b, "gaps", gaps.map(DataReport::gapsText).orElse("not checked (no timeframe)"));
        line(b, "spread", spread.map(DataReport::spreadText).orElse("none in this format"));
        if (dropped.isEmpty()) {
            line(b, "dropped", "none");
        } else {
            for (Map.Entry<String, Integer> e : dropped.entrySet()) {
                line(b, "dropped", String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()));
            }
        }
        if (warnings.isEmpty()) {
            line(b, "warnings", "none");
        }
        for (String w : warnings) {
            line(b, "warning", w);
        }
        for (String n : notes) {
            line(b, "note", n);
        }
        return b.toString();
    }

    private static String gapsText(Gaps g) {
        if (g.count() == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "%,d (%,d over a weekend); largest %s from %s to %s", g.count(),
                g.overWeekend(), duration(g.largestSeconds()), time(g.largestFrom().orElseThrow()),
                time(g.largestTo().orElseThrow()));
    }

    private static String spreadText(SpreadStats s) {
        return String.format(Locale.ROOT, "min %d, mean %.2f, max %d points; zero in %.1f%% of bars", s.min(), s.mean(),
                s.max(), 100 * s.zeroShare());
    }

    private static String duration(long seconds) {
        long d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60;
        return (d > 0 ? d + "d " : "") + h + "h " + m + "m";
    }

    private static String time(LocalDateTime t) {
        return ServerTime.format(BarSeries.toSeconds(t));
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "%-10s %s%n", key, value));
    }
}
