package com.llmea.dataset;

import com.llmea.data.BarSeries;
import com.llmea.data.Timeframe;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitTest {
    private static Windows windows(int bars, int length, int stride) {
        long[] t = new long[bars];
        double[] c = new double[bars];
        for (int i = 0; i < bars; i++) {
            t[i] = i * 300L;
            c[i] = 1 + i * 1e-5;
        }
        return Windows.slide(BarSeries.ofCloses("X", Timeframe.M5, t, c), length, stride);
    }

    @Test
    void noBarIsInTwoSplitsForAnyStride() {
        for (int stride : new int[] {1, 3, 7, 60, 100}) {
            Windows w = windows(1000, 60, stride);
            Split s = Split.of(w, DatasetOptions.defaults().withStride(stride));
            int trainLastBar = w.start(s.trainTo() - 1) + 59;
            int validLastBar = w.start(s.validTo() - 1) + 59;
            assertTrue(trainLastBar < w.start(s.validFrom()), "stride " + stride);
            assertTrue(validLastBar < w.start(s.testFrom()), "stride " + stride);
            assertEquals(s.testTo(), w.size());
            assertEquals(w.size(), s.trainCount() + s.validCount() + s.testCount() + s.purged());
            // purging is minimal: the window before the first kept one would overlap
            assertTrue(w.start(s.validTo()) + 59 >= w.start(s.testFrom()), "stride " + stride);
        }
    }

    @Test
    void zeroFractionsKeepEverythingForTraining() {
        Windows w = windows(200, 60, 1);
        Split s = Split.of(w, DatasetOptions.defaults().withFractions(0, 0));
        assertEquals(w.size(), s.trainCount());
        assertEquals(0, s.validCount() + s.testCount() + s.purged());
    }

    @Test
    void seedSplitHoldsOutTheLastWindowsWithoutPurge() {
        Windows w = windows(2500, 60, 1);
        Split s = Split.of(w, DatasetOptions.defaults().withSplit(SplitMode.SEED));
        assertEquals(2441 - 10, s.trainCount());
        assertEquals(10, s.testCount());
        assertEquals(0, s.validCount());
        assertEquals(0, s.purged());
    }
}
