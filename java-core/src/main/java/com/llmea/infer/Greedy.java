package com.llmea.infer;

import ai.djl.ndarray.NDArray;

/** Arg-max decoding, computed on the device; only B ids cross to Java. */
public final class Greedy implements Sampler {
    @Override
    public void sample(NDArray logits, long[] out) {
        long[] ids = logits.argMax(-1).toLongArray();
        System.arraycopy(ids, 0, out, 0, out.length);
    }
}
