package com.llmea.dataset;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.llmea.data.BarSeries;
import com.llmea.text.PriceText;
import com.llmea.util.AtomicFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a data set directory: {@code train.txt} and {@code valid.txt} (one window of prices a line,
 * as the fine-tuning reads them), {@code test.csv} (the window format {@code index,c1..cN}, for
 * evaluation) and {@code dataset.json} (where it came from and how it was cut). Every file is written
 * atomically; {@code dataset.json} last, so a directory with one is complete.
 */
public final class DatasetWriter {
    public static final String TRAIN = "train.txt";
    public static final String VALID = "valid.txt";
    public static final String TEST = "test.csv";
    public static final String INFO = "dataset.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private DatasetWriter() {
    }

    /**
     * Cuts {@code series} (or, for the window format, {@code rows}) into windows, splits them and writes
     * the directory. {@code source} describes the input file for dataset.json.
     */
    public static DatasetInfo write(BarSeries series, double[][] rows, DatasetInfo.Source source,
                                    DatasetOptions options, Path outDir) throws IOException {
        Windows windows = rows != null ? Windows.rows(rows, options.window())
                : Windows.slide(series, options.window(), options.stride());
        if (windows.size() == 0) {
            throw new IllegalArgumentException("the series has " + series.size() + " bars, fewer than one window of "
                    + options.window() + " closes");
        }
        Split split = Split.of(windows, options);
        int digits = series.digits();
        Files.createDirectories(outDir);
        writeLines(outDir.resolve(TRAIN), windows, split.trainFrom(), split.trainTo(), digits);
        writeLines(outDir.resolve(VALID), windows, split.validFrom(), split.validTo(), digits);
        writeCsv(outDir.resolve(TEST), windows, split.testFrom(), split.testTo(), digits);

        DatasetInfo info = new DatasetInfo(source, options.window(), rows != null ? 1 : options.stride(),
                options.split().name().toLowerCase(), options.split() == SplitMode.SEED ? 0 : options.validFraction(),
                options.split() == SplitMode.SEED ? 0 : options.testFraction(),
                Map.of("train", split.trainCount(), "valid", split.validCount(), "test", split.testCount(),
                        "purged", split.purged(), "total", windows.size()),
                ranges(series, windows, split));
        AtomicFiles.writeString(outDir.resolve(INFO), GSON.toJson(info) + "\n");
        return info;
    }

    public static DatasetInfo read(Path dir) throws IOException {
        return GSON.fromJson(Files.readString(dir.resolve(INFO)), DatasetInfo.class);
    }

    private static Map<String, DatasetInfo.Range> ranges(BarSeries s, Windows w, Split split) {
        Map<String, DatasetInfo.Range> m = new LinkedHashMap<>();
        m.put("train", range(s, w, split.trainFrom(), split.trainTo()));
        m.put("valid", range(s, w, split.validFrom(), split.validTo()));
        m.put("test", range(s, w, split.testFrom(), split.testTo()));
        return m;
    }

    private static DatasetInfo.Range range(BarSeries s, Windows w, int from, int to) {
        if (from >= to) {
            return null;
        }
        int first = w.start(from);
        int last = Math.min(s.size() - 1, w.start(to - 1) + w.length() - 1);
        boolean timed = s.timeframe().isPresent();
        return new DatasetInfo.Range(first, last, timed ? s.time(first).toString() : null,
                timed ? s.time(last).toString() : null);
    }

    private static void writeLines(Path file, Windows w, int from, int to, int digits) throws IOException {
        double[] buf = new double[w.length()];
        StringBuilder sb = new StringBuilder(w.length() * 9);
        AtomicFiles.writeText(file, out -> {
            for (int i = from; i < to; i++) {
                w.copy(i, buf);
                sb.setLength(0);
                PriceText.appendLine(sb, buf, 0, buf.length, digits);
                sb.append('\n');
                out.append(sb);
            }
        });
    }

    private static void writeCsv(Path file, Windows w, int from, int to, int digits) throws IOException {
        double[] buf = new double[w.length()];
        StringBuilder sb = new StringBuilder(w.length() * 9);
        AtomicFiles.writeText(file, out -> {
            header(out, w.length());
            for (int i = from; i < to; i++) {
                w.copy(i, buf);
                sb.setLength(0);
                sb.append(w.start(i));
                for (double v : buf) {
                    sb.append(',');
                    PriceText.append(sb, v, digits);
                }
                sb.append('\n');
                out.append(sb);
            }
        });
    }

    private static void header(Writer out, int length) throws IOException {
        StringBuilder sb = new StringBuilder("index");
        for (int c = 1; c <= length; c++) {
            sb.append(",c").append(c);
        }
        out.append(sb).append('\n');
    }
}
