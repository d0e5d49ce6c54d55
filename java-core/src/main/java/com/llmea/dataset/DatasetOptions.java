package com.llmea.dataset;

/**
 * How a series becomes a data set. Defaults match the original method's windows (60 closes, step 1)
 * with an honest chronological split.
 */
public record DatasetOptions(int window, int stride, SplitMode split, double validFraction, double testFraction,
                             int seedTestWindows) {
    public static final int DEFAULT_WINDOW = 60;

    public DatasetOptions {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2 closes, got " + window);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + stride);
        }
        if (validFraction < 0 || testFraction < 0 || validFraction + testFraction >= 1) {
            throw new IllegalArgumentException("valid and test fractions must be >= 0 and sum to less than 1, got "
                    + validFraction + " and " + testFraction);
        }
        if (seedTestWindows < 1) {
            throw new IllegalArgumentException("test windows must be at least 1, got " + seedTestWindows);
        }
    }

    public static DatasetOptions defaults() {
        return new DatasetOptions(DEFAULT_WINDOW, 1, SplitMode.CHRONOLOGICAL, 0.1, 0.1, 10);
    }

    public DatasetOptions withWindow(int w) {
        return new DatasetOptions(w, stride, split, validFraction, testFraction, seedTestWindows);
    }

    public DatasetOptions withStride(int s) {
        return new DatasetOptions(window, s, split, validFraction, testFraction, seedTestWindows);
    }

    public DatasetOptions withSplit(SplitMode m) {
        return new DatasetOptions(window, stride, m, validFraction, testFraction, seedTestWindows);
    }

    public DatasetOptions withFractions(double valid, double test) {
        return new DatasetOptions(window, stride, split, valid, test, seedTestWindows);
    }

    public DatasetOptions withSeedTestWindows(int n) {
        return new DatasetOptions(window, stride, split, validFraction, testFraction, n);
    }
}
