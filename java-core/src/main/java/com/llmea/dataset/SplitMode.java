package com.llmea.dataset;

/** How windows are divided into train / validation / test. */
public enum SplitMode {
    /**
     * Train, then validation, then test, in time order, with a purge gap: a later split's windows start
     * only after the last bar of the earlier split's windows, so no price is seen in two splits.
     */
    CHRONOLOGICAL,
    /**
     * The original method exactly: the last {@code testWindows} windows are the test set, every earlier
     * window is training data, there is no validation set and no purge gap (test windows overlap the
     * last training windows, which leaks their prices: use it to reproduce, not to judge a model).
     */
    SEED
}
