package com.llmea.infer;

import ai.djl.ndarray.NDArray;

/** Chooses the next token of every row from the last position's logits. */
public interface Sampler {
    /**
     * @param logits (B, V) float32 logits of the last position, valid only during the call (they live in the
     *               caller's per-step scope)
     * @param out    receives B token ids
     */
    void sample(NDArray logits, long[] out);
}
