package com.llmea.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The original method's data set: overlapping windows of closes, one window a row, saved by pandas with its
 * index column ({@code ,0,1,...,59} or {@code index,c1,...,c60} header, then {@code 17,1.1781,...}).
 *
 * <p>The windows come back as they are. The series is rebuilt so that each close appears once: a row that
 * continues the previous one with stride 1 ({@code row[i+1][0..w-2] == row[i][1..w-1]}) adds only its last
 * close; any other row adds all its closes (and is counted in a warning, since the step between it and the
 * previous row is then not a real bar step). A fully overlapping file of n rows gives n + w - 1 closes.
 * The file has no times, so bar i gets time i seconds and the series has no timeframe.
 */
final class WindowsParser implements FormatParser {
    private final List<double[]> rows = new ArrayList<>();
    private boolean indexColumn;
    private int count = -1;
    private long firstBreakLine = -1;

    @Override
    public boolean isHeader(Fields first) {
        for (int i = 0; i < first.size(); i++) {
            if (Double.isNaN(Numbers.parse(first.text(i), false))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void header(Fields h) throws BadDataException {
        h.names(Columns.names(h));
        String first = Columns.normal(h.text(0));
        indexColumn = first.isEmpty() || first.equals("index") || first.equals("unnamed:0");
        count = h.size();
        if (count - (indexColumn ? 1 : 0) < 2) {
            throw h.error(-1, "a window needs at least 2 closes; the header has " + count + " columns");
        }
    }

    @Override
    public void row(Fields f) throws BadDataException {
        if (count < 0) { // no header: the first column is the index when it is a whole number
            indexColumn = Numbers.isInteger(f.text(0)) && f.size() > 2;
            count = f.size();
            String[] names = new String[count];
            for (int i = 0; i < count; i++) {
                names[i] = indexColumn ? (i == 0 ? "index" : "c" + i) : "c" + (i + 1);
            }
            f.names(names);
        }
        f.requireCount(count);
        int from = indexColumn ? 1 : 0;
        if (indexColumn && Numbers.parseLong(f.text(0)) == Long.MIN_VALUE) {
            throw f.error(0, "row index '" + f.text(0) + "' is not a whole number");
        }
        double[] w = new double[count - from];
        for (int i = from; i < count; i++) {
            w[i - from] = f.price(i, "close");
        }
        if (!rows.isEmpty() && !continues(rows.get(rows.size() - 1), w) && firstBreakLine < 0) {
            firstBreakLine = f.line();
        }
        rows.add(w);
    }

    private static boolean continues(double[] prev, double[] next) {
        return Arrays.equals(prev, 1, prev.length, next, 0, next.length - 1);
    }

    @Override
    public LoadedBars finish(ReadContext ctx) throws BadDataException {
        if (rows.isEmpty()) {
            throw new BadDataException(ctx.fileName(), ctx.lastLine(), null, "no windows in the file");
        }
        int width = rows.get(0).length;
        double[] closes = new double[rows.size() * width];
        int n = 0, breaks = 0;
        for (int r = 0; r < rows.size(); r++) {
            double[] w = rows.get(r);
            if (r > 0 && continues(rows.get(r - 1), w)) {
                closes[n++] = w[width - 1];
            } else {
                if (r > 0) {
                    breaks++;
                }
                System.arraycopy(w, 0, closes, n, width);
                n += width;
            }
        }
        closes = Arrays.copyOf(closes, n);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = i;
        }
        BarSeries series = BarSeries.ofCloses(ctx.symbol(), null, times, closes);
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (breaks > 0) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "%,d of %,d rows do not continue the previous row with stride 1 (first at line %d); "
                            + "their closes were appended whole", breaks, rows.size(), firstBreakLine));
        }
        notes.add(String.format(java.util.Locale.ROOT, "%,d windows of %d closes -> a series of %,d closes",
                rows.size(), width, n));
        DataReport report = new DataReport(ctx.fileName(), ctx.format(), ctx.encoding(), ctx.separator(), ctx.symbol(),
                ctx.rowsRead(), rows.size(), n, Map.of(), warnings, notes, Optional.empty(), series.digits(),
                Optional.of(series.time(0)), Optional.of(series.time(n - 1)), Optional.empty(), Optional.empty());
        return new LoadedBars(series, report, Optional.of(rows.toArray(new double[0][])));
    }
}
