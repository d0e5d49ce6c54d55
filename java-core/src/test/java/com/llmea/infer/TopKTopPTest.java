package com.llmea.infer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java side of sampling: top-k and top-p keep the right tokens and draw them in proportion. */
class TopKTopPTest {
    static final float[] P = {0.05f, 0.5f, 0.0f, 0.3f, 0.15f};

    static int[] counts(TopKTopP s, int n) {
        int[] c = new int[P.length];
        for (int i = 0; i < n; i++) {
            c[(int) s.sampleRow(P, P.length)]++;
        }
        return c;
    }

    @Test
    void plainSamplingFollowsTheProbabilities() {
        int[] c = counts(new TopKTopP(1, 0, 1, 1), 100_000);
        assertEquals(0, c[2]);
        assertEquals(0.5, c[1] / 1e5, 0.01);
        assertEquals(0.3, c[3] / 1e5, 0.01);
        assertEquals(0.15, c[4] / 1e5, 0.01);
        assertEquals(0.05, c[0] / 1e5, 0.01);
    }

    @Test
    void topKKeepsTheKMostLikely() {
        int[] c = counts(new TopKTopP(1, 2, 1, 2), 50_000);
        assertEquals(0, c[0] + c[2] + c[4]);
        assertEquals(0.5 / 0.8, c[1] / 5e4, 0.01);
        int[] one = counts(new TopKTopP(1, 1, 1, 3), 1000);
        assertEquals(1000, one[1]);
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // sorted: 0.5, 0.3, 0.15, 0.05 -> 0.5 < 0.7, 0.8 >= 0.7: keep {1, 3}
        int[] c = counts(new TopKTopP(1, 0, 0.7, 4), 50_000);
        assertEquals(0, c[0] + c[2] + c[4]);
        assertEquals(0.5 / 0.8, c[1] / 5e4, 0.01);
        // 0.9 needs 0.5 + 0.3 + 0.15
        int[] d = counts(new TopKTopP(1, 0, 0.9, 5), 50_000);
        assertEquals(0, d[0] + d[2]);
        assertTrue(d[4] > 0);
        // top-k then top-p, renormalised within the k: {1, 3, 4} -> 0.5/0.95 < 0.6 <= 0.8/0.95: keep {1, 3}
        int[] e = counts(new TopKTopP(1, 3, 0.6, 6), 50_000);
        assertEquals(0, e[0] + e[2] + e[4]);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TopKTopP(-1, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TopKTopP(1, -1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TopKTopP(1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TopKTopP(1, 0, 1.5, 0));
    }
}
