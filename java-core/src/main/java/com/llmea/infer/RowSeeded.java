package com.llmea.infer;

import ai.djl.ndarray.NDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Temperature/top-k/top-p sampling with one random stream per row, so a row's tokens depend only on its own
 * prompt and seed, never on the other rows of the batch: batched sampling gives the same ids as sampling each
 * row alone (what {@link TopKTopP}, with one stream for the whole batch, cannot promise).
 */
public final class RowSeeded implements Sampler {
    private final double temperature;
    private final TopKTopP[] rows;
    private float[] probs = new float[0];

    /** @param seeds one seed per row of the batch this sampler will see */
    public RowSeeded(double temperature, int topK, double topP, long[] seeds) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("row-seeded sampling needs temperature > 0, not " + temperature);
        }
        this.temperature = temperature;
        this.rows = new TopKTopP[seeds.length];
        for (int r = 0; r < seeds.length; r++) {
            rows[r] = new TopKTopP(temperature, topK, topP, seeds[r]);
        }
    }

    @Override
    public void sample(NDArray logits, long[] out) {
        int b = out.length;
        if (b != rows.length) {
            throw new IllegalArgumentException("sampler made for " + rows.length + " rows, batch has " + b);
        }
        int v = (int) logits.getShape().get(1);
        NDArray scaled = temperature == 1 ? logits : logits.div((float) temperature);
        FloatBuffer fb = scaled.softmax(-1).toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (probs.length < v) {
            probs = new float[v];
        }
        for (int r = 0; r < b; r++) {
            fb.position(r * v);
            fb.get(probs, 0, v);
            out[r] = rows[r].sampleRow(probs, v);
        }
    }
}
