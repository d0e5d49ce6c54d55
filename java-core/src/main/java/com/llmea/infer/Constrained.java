package com.llmea.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * Restricts another sampler to an allowed set of tokens by adding a precomputed -inf mask to the logits on the
 * device. {@link #numeric} allows the tokens made only of digits, '.', spaces and newlines (plus EOS so that a
 * model can still end).
 */
public final class Constrained implements Sampler, AutoCloseable {
    private final Sampler inner;
    private final boolean[] allowed;
    private NDManager manager;
    private NDArray mask;

    public Constrained(Sampler inner, boolean[] allowed) {
        this.inner = inner;
        this.allowed = allowed.clone();
        boolean any = false;
        for (boolean a : allowed) {
            any |= a;
        }
        if (!any) {
            throw new IllegalArgumentException("constrained decoding: no token is allowed");
        }
    }

    /** Digits/dots/spaces/newlines only, from the tokenizer's vocabulary mask; {@code eosId} < 0 excludes EOS. */
    public static Constrained numeric(Sampler inner, boolean[] numericTokens, int vocabSize, int eosId) {
        boolean[] a = Arrays.copyOf(numericTokens, vocabSize);
        if (eosId >= 0 && eosId < vocabSize) {
            a[eosId] = true;
        }
        return new Constrained(inner, a);
    }

    public boolean allowed(long id) {
        return id >= 0 && id < allowed.length && allowed[(int) id];
    }

    @Override
    public void sample(NDArray logits, long[] out) {
        int v = (int) logits.getShape().get(1);
        if (v != allowed.length) {
            throw new IllegalArgumentException("vocabulary mask has " + allowed.length + " entries, logits " + v);
        }
        if (mask == null || !mask.getDevice().equals(logits.getDevice())) {
            if (manager != null) {
                manager.close();
            }
            manager = NDManager.newBaseManager(logits.getDevice());
            float[] m = new float[v];
            for (int i = 0; i < v; i++) {
                m[i] = allowed[i] ? 0f : Float.NEGATIVE_INFINITY;
            }
            mask = manager.create(m, new Shape(1, v));
            NDScope.unregister(mask); // lives as long as this sampler, not the caller's step
        }
        inner.sample(logits.add(mask), out);
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
            mask = null;
        }
    }
}
