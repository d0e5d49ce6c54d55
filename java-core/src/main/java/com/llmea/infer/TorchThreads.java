package com.llmea.infer;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count, changeable at run time. By default libtorch uses one thread per core; on a
 * machine shared with other jobs its OpenMP threads then wait on each other and small ops get many times slower,
 * so one thread is often faster there (and always enough for tiny models).
 */
public final class TorchThreads {
    private TorchThreads() {
    }

    public static int get() {
        Engine.getInstance(); // loads libtorch
        return JniUtils.getNumThreads();
    }

    /** Sets the intra-op thread count; returns the previous one. */
    public static int set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, not " + threads);
        }
        int before = get();
        JniUtils.setNumThreads(threads);
        return before;
    }
}
