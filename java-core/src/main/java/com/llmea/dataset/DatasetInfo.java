package com.llmea.dataset;

import java.util.Map;

/** What {@code dataset.json} records: the source, how it was cut, and what each split holds. */
public record DatasetInfo(
        Source source,
        int window,
        int stride,
        String split,
        double validFraction,
        double testFraction,
        Map<String, Integer> windows,
        Map<String, Range> ranges) {

    /** The input file: enough to tell later whether a data set was made from the file at hand. */
    public record Source(String file, String sha256, String format, String symbol, String timeframe, int digits,
                         int bars, String first, String last, boolean synthetic) {
    }

    /** Bars [firstBar, lastBar] (inclusive, series indices) that a split's windows cover. */
    public record Range(int firstBar, int lastBar, String firstTime, String lastTime) {
    }

    public int count(String part) {
        return windows.getOrDefault(part, 0);
    }
}
