package com.llmea.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * Keys and values of every layer for a batch, preallocated to a fixed capacity so that a decoding step writes
 * one column in place instead of copying the whole cache. It is a value passed through
 * {@link Gpt2#forward}, never global state. Also holds the key mask (1 = real token, 0 = left padding) and the
 * next position id per row, so that a step only needs the new token ids.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    final NDArray[] keys;   // per layer (B, H, capacity, D)
    final NDArray[] values; // per layer (B, H, capacity, D)
    private final int batch;
    private final int capacity;
    private final int[][] keyMask; // (B, capacity)
    private final long[] nextPosition;
    private int length;
    // per-step scratch reused by Gpt2.step, so decoding allocates no Java arrays per token
    private long[] idBuf = new long[0];
    private long[] posBuf = new long[0];
    private float[] biasBuf = new float[0];

    private KvCache(NDManager manager, Gpt2Config c, int batch, int capacity, DataType dtype) {
        this.manager = manager;
        this.batch = batch;
        this.capacity = capacity;
        this.keys = new NDArray[c.nLayer];
        this.values = new NDArray[c.nLayer];
        Shape s = new Shape(batch, c.nHead, capacity, c.headDim());
        for (int l = 0; l < c.nLayer; l++) {
            keys[l] = manager.zeros(s, dtype);
            values[l] = manager.zeros(s, dtype);
        }
        this.keyMask = new int[batch][capacity];
        this.nextPosition = new long[batch];
    }

    /** A cache for {@code batch} rows of at most {@code capacity} tokens (prompt and new tokens). */
    public static KvCache allocate(Gpt2 model, int batch, int capacity) {
        if (capacity > model.config().nPositions) {
            throw new IllegalArgumentException("sequence of " + capacity + " tokens exceeds the model's n_positions "
                    + model.config().nPositions);
        }
        NDManager m = model.manager().newSubManager();
        return new KvCache(m, model.config(), batch, capacity, model.dataType());
    }

    public int batch() {
        return batch;
    }

    public int capacity() {
        return capacity;
    }

    /** Number of token columns already stored. */
    public int length() {
        return length;
    }

    /** Key mask of the stored columns plus {@code extra} new ones (set by {@link #append}). */
    int[][] keyMask() {
        return keyMask;
    }

    public long nextPosition(int row) {
        return nextPosition[row];
    }

    /** Records {@code t} new columns with their mask (null = all real) before the forward pass that fills them. */
    void appendMask(int t, int[][] mask) {
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + t + " > capacity " + capacity);
        }
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < t; i++) {
                int m = mask == null ? 1 : mask[b][i];
                keyMask[b][length + i] = m;
                if (m != 0) {
                    nextPosition[b]++;
                }
            }
        }
    }

    long[] idBuffer(int n) {
        if (idBuf.length < n) {
            idBuf = new long[n];
        }
        return idBuf;
    }

    long[] positionBuffer(int n) {
        if (posBuf.length < n) {
            posBuf = new long[n];
        }
        return posBuf;
    }

    float[] biasBuffer(int n) {
        if (biasBuf.length < n) {
            biasBuf = new float[Math.max(n, batch * capacity)];
        }
        return biasBuf;
    }

    void advance(int t) {
        length += t;
    }

    /** Forgets everything (capacity and buffers are kept). */
    public void reset() {
        length = 0;
        for (int[] r : keyMask) {
            Arrays.fill(r, 0);
        }
        Arrays.fill(nextPosition, 0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
