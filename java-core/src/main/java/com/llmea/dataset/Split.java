package com.llmea.dataset;

/**
 * Window index ranges [from, to) of each part of a data set, and how many windows the purge gaps
 * dropped between them.
 */
public record Split(int trainFrom, int trainTo, int validFrom, int validTo, int testFrom, int testTo, int purged) {

    public int trainCount() {
        return trainTo - trainFrom;
    }

    public int validCount() {
        return validTo - validFrom;
    }

    public int testCount() {
        return testTo - testFrom;
    }

    /** Divides {@code windows} as {@code options} says. */
    public static Split of(Windows windows, DatasetOptions options) {
        int n = windows.size();
        if (options.split() == SplitMode.SEED) {
            int test = Math.min(options.seedTestWindows(), n);
            return new Split(0, n - test, n - test, n - test, n - test, n, 0);
        }
        int testCount = (int) Math.round(n * options.testFraction());
        int validCount = (int) Math.round(n * options.validFraction());
        int testFrom = n - testCount;
        // Validation ends where its last window's bars end before the first test bar.
        int validTo = validCount == 0 && testCount == 0 ? n : lastEndingBefore(windows, testFrom, n);
        int validFrom = Math.max(0, validTo - validCount);
        int trainTo = validCount == 0 ? validFrom : lastEndingBefore(windows, validFrom, validTo);
        int purged = (n - trainTo) - (validTo - validFrom) - testCount;
        return new Split(0, trainTo, validFrom, validTo, testFrom, n, purged);
    }

    /** The count of windows before {@code next} whose bars all end before window {@code next} starts. */
    private static int lastEndingBefore(Windows w, int next, int n) {
        if (next >= n) {
            return n; // the next part is empty: nothing to purge against
        }
        int firstBar = w.start(next);
        int j = next;
        while (j > 0 && w.start(j - 1) + w.length() > firstBar) {
            j--;
        }
        return j;
    }
}
