package com.llmea.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.llmea.model.Gpt2;
import com.llmea.model.KvCache;

/** Greedy decoding with the KV cache, for tests (the product's Generator lives on the model branch). */
final class Greedy {
    private Greedy() {
    }

    static long[] generate(Gpt2 model, long[] prompt, int n) {
        return generate(model, prompt, n, -1);
    }

    /** Up to {@code n} new ids; stops after {@code eos} (not included) when it is not negative. */
    static long[] generate(Gpt2 model, long[] prompt, int n, long eos) {
        n = Math.min(n, model.config().nPositions - prompt.length);
        long[] out = new long[n];
        try (KvCache cache = KvCache.allocate(model, 1, prompt.length + n); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long[][] step = {prompt};
            for (int i = 0; i < n; i++) {
                try (NDScope s = new NDScope()) {
                    s.suppressNotUsedWarning();
                    NDArray logits = model.step(step, null, cache, true);
                    out[i] = logits.argMax(-1).toLongArray()[0];
                }
                if (out[i] == eos) {
                    return java.util.Arrays.copyOf(out, i);
                }
                step = new long[][]{{out[i]}};
            }
        }
        return out;
    }
}
