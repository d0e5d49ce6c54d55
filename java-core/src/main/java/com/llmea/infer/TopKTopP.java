package com.llmea.infer;

import ai.djl.ndarray.NDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sampling with temperature, then top-k, then top-p (nucleus), like HF's warpers in that order. The softmax runs
 * on the device; each row's probabilities are copied into a reused float[] and drawn with a seeded
 * {@link SplittableRandom}, so the same seed gives the same ids on the same machine. Temperature 0 means greedy.
 */
public final class TopKTopP implements Sampler {
    private final double temperature;
    private final int topK;
    private final double topP;
    private final SplittableRandom rng;
    private final Greedy greedy = new Greedy();
    private float[] probs = new float[0];
    private long[] packed = new long[0];

    /**
     * @param temperature > 0 divides the logits (0 = greedy)
     * @param topK        keep the k most likely tokens (0 = off)
     * @param topP        keep the smallest set of most likely tokens whose probability reaches p (1 = off)
     * @param seed        random seed
     */
    public TopKTopP(double temperature, int topK, double topP, long seed) {
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], not " + topP);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public void sample(NDArray logits, long[] out) {
        if (temperature == 0) {
            greedy.sample(logits, out);
            return;
        }
        int b = out.length;
        int v = (int) logits.getShape().get(1);
        NDArray scaled = temperature == 1 ? logits : logits.div((float) temperature);
        NDArray p = scaled.softmax(-1);
        FloatBuffer fb = p.toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (probs.length < v) {
            probs = new float[v];
        }
        for (int r = 0; r < b; r++) {
            fb.position(r * v);
            fb.get(probs, 0, v);
            out[r] = sampleRow(probs, v);
        }
    }

    /** Draws one id from probabilities {@code p[0..v)} (non-negative, summing to about 1). */
    long sampleRow(float[] p, int v) {
        boolean filter = topK > 0 && topK < v || topP < 1;
        if (!filter) {
            double total = 0;
            for (int i = 0; i < v; i++) {
                total += p[i];
            }
            double u = rng.nextDouble() * total;
            double c = 0;
            int last = -1;
            for (int i = 0; i < v; i++) {
                if (p[i] > 0) {
                    c += p[i];
                    last = i;
                    if (u < c) {
                        return i;
                    }
                }
            }
            return last;
        }
        // candidates packed as (probability bits << 32 | id): for p >= 0 the bit order is the numeric order
        if (packed.length < v) {
            packed = new long[v];
        }
        int n = 0;
        if (topK > 0 && topK < v) {
            n = topKPacked(p, v, topK);
        } else {
            // tokens below (1 - top_p) / V are always in the dropped tail of the nucleus; skip sorting them
            float cut = (float) ((1 - topP) / v);
            for (int i = 0; i < v; i++) {
                if (p[i] > cut) {
                    packed[n++] = ((long) Float.floatToRawIntBits(p[i]) << 32) | i;
                }
            }
            if (n == 0) {
                for (int i = 0; i < v; i++) {
                    packed[n++] = ((long) Float.floatToRawIntBits(p[i]) << 32) | i;
                }
            }
        }
        Arrays.sort(packed, 0, n); // ascending; walk from the end
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += Float.intBitsToFloat((int) (packed[i] >>> 32));
        }
        if (total <= 0) {
            return (int) packed[n - 1];
        }
        int keepFrom = 0; // index in packed of the least likely kept token
        if (topP < 1) {
            double c = 0;
            keepFrom = n - 1;
            for (int i = n - 1; i >= 0; i--) {
                c += Float.intBitsToFloat((int) (packed[i] >>> 32)) / total;
                keepFrom = i;
                if (c >= topP) {
                    break;
                }
            }
        }
        double kept = 0;
        for (int i = n - 1; i >= keepFrom; i--) {
            kept += Float.intBitsToFloat((int) (packed[i] >>> 32));
        }
        double u = rng.nextDouble() * kept;
        double c = 0;
        for (int i = n - 1; i >= keepFrom; i--) {
            c += Float.intBitsToFloat((int) (packed[i] >>> 32));
            if (u < c) {
                return (int) packed[i];
            }
        }
        return (int) packed[keepFrom];
    }

    /** The k largest probabilities, packed, into packed[0..k); returns k. Min-heap over primitive longs. */
    private int topKPacked(float[] p, int v, int k) {
        int size = 0;
        for (int i = 0; i < v; i++) {
            long x = ((long) Float.floatToRawIntBits(p[i]) << 32) | i;
            if (size < k) {
                packed[size] = x;
                siftUp(size++);
            } else if (x > packed[0]) {
                packed[0] = x;
                siftDown(0, size);
            }
        }
        return size;
    }

    private void siftUp(int i) {
        long x = packed[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (packed[parent] <= x) {
                break;
            }
            packed[i] = packed[parent];
            i = parent;
        }
        packed[i] = x;
    }

    private void siftDown(int i, int size) {
        long x = packed[i];
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                break;
            }
            int m = l + 1 < size && packed[l + 1] < packed[l] ? l + 1 : l;
            if (packed[m] >= x) {
                break;
            }
            packed[i] = packed[m];
            i = m;
        }
        packed[i] = x;
    }
}
