package com.llmea.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.llmea.model.Gpt2;

/**
 * Forward and backward of one micro-batch in training mode: positions 0..T-1, a causal attention bias that also
 * hides right padding from every query, and HF's shifted cross-entropy with -100 labels ignored. Gradients are
 * accumulated into the parameters that require them (libtorch autograd through DJL's GradientCollector).
 * Call it inside an {@link ai.djl.ndarray.NDScope} so that every temporary is freed when the step ends.
 */
public final class TrainStep {
    private TrainStep() {
    }

    /** Nanoseconds spent in the forward (incl. loss) and backward passes; accumulated by the callers. */
    public static final class Timing {
        public long forwardNs;
        public long backwardNs;
        public long optimizerNs;
        public long steps;

        public void reset() {
            forwardNs = backwardNs = optimizerNs = steps = 0;
        }
    }

    /**
     * Runs the batch forward with dropout on, backpropagates {@code loss * scale} (scale = 1 / accumulation
     * steps) and returns the unscaled mean loss.
     */
    public static double forwardBackward(Gpt2 model, Batch batch, double scale, Timing timing) {
        long t0 = System.nanoTime();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = loss(model, batch, true);
            float value = loss.getFloat();
            long t1 = System.nanoTime();
            gc.backward(scale == 1 ? loss : loss.mul((float) scale));
            long t2 = System.nanoTime();
            if (timing != null) {
                timing.forwardNs += t1 - t0;
                timing.backwardNs += t2 - t1;
            }
            return value;
        }
    }

    /** The mean loss of the batch as an NDArray (training: dropout on). */
    public static NDArray loss(Gpt2 model, Batch batch, boolean training) {
        NDManager m = model.manager();
        int b = batch.size(), t = batch.length();
        long[] flat = new long[b * t];
        long[] lab = new long[b * t];
        long[] pos = new long[b * t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(batch.ids()[r], 0, flat, r * t, t);
            System.arraycopy(batch.labels()[r], 0, lab, r * t, t);
            for (int i = 0; i < t; i++) {
                pos[r * t + i] = i;
            }
        }
        NDArray ids = m.create(flat, new Shape(b, t));
        NDArray labels = m.create(lab, new Shape(b, t));
        NDArray positions = m.create(pos, new Shape(b, t));
        NDArray bias = m.create(attentionBias(batch.mask(), b, t), batch.mask() == null
                ? new Shape(1, 1, t, t) : new Shape(b, 1, t, t));
        NDArray logits = model.forward(ids, positions, bias, null, training, false);
        return Gpt2.lmLoss(logits, labels, -100);
    }

    /** Causal additive bias; with a mask, padded keys are hidden too. */
    static float[] attentionBias(int[][] mask, int b, int t) {
        final float masked = -1e9f;
        if (mask == null) {
            float[] bias = new float[t * t];
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    bias[i * t + j] = masked;
                }
            }
            return bias;
        }
        float[] bias = new float[b * t * t];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < t; i++) {
                int base = (r * t + i) * t;
                for (int j = 0; j < t; j++) {
                    if (j > i || mask[r][j] == 0) {
                        bias[base + j] = masked;
                    }
                }
            }
        }
        return bias;
    }
}
