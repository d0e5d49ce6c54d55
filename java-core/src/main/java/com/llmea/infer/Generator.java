package com.llmea.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import com.llmea.model.Gpt2;
import com.llmea.model.KvCache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autoregressive generation for a batch of prompts of different lengths: left padding with an attention mask and
 * HF's position ids (cumsum(mask) - 1), a preallocated KV cache (or none, to check it), and a {@link Sampler}.
 * Each step runs in its own {@link NDScope} that frees every intermediate array; Java buffers are reused.
 */
public final class Generator {
    private final Gpt2 model;
    private final int padId;

    public Generator(Gpt2 model) {
        this.model = model;
        this.padId = model.config().eosTokenId;
    }

    /** What to generate. */
    public record Options(int maxNewTokens, boolean[] stopTokens, boolean useCache) {
        public Options {
            if (maxNewTokens < 0) {
                throw new IllegalArgumentException("max new tokens must be >= 0");
            }
        }

        /** No stop tokens, with the KV cache. */
        public static Options of(int maxNewTokens) {
            return new Options(maxNewTokens, null, true);
        }

        public Options withCache(boolean use) {
            return new Options(maxNewTokens, stopTokens, use);
        }

        public Options withStops(boolean[] stops) {
            return new Options(maxNewTokens, stops, useCache);
        }

        boolean stops(long id) {
            return stopTokens != null && id >= 0 && id < stopTokens.length && stopTokens[(int) id];
        }
    }

    /**
     * A stop-token set: every token whose text contains a newline (when {@code newlineTokens} is given) and
     * {@code eosId} (when >= 0).
     */
    public static boolean[] stopSet(int vocabSize, boolean[] newlineTokens, int eosId) {
        boolean[] s = new boolean[vocabSize];
        if (newlineTokens != null) {
            System.arraycopy(newlineTokens, 0, s, 0, Math.min(vocabSize, newlineTokens.length));
        }
        if (eosId >= 0 && eosId < vocabSize) {
            s[eosId] = true;
        }
        return s;
    }

    /** One prompt; returns the new ids (a stop token, when hit, is the last id). */
    public long[] generate(long[] prompt, Sampler sampler, Options options) {
        return generate(List.of(prompt), sampler, options).get(0);
    }

    /** A batch of prompts (any lengths, at least one token each); returns the new ids of each row. */
    public List<long[]> generate(List<long[]> prompts, Sampler sampler, Options options) {
        int b = prompts.size();
        if (b == 0) {
            return List.of();
        }
        int maxLen = 0;
        for (long[] p : prompts) {
            if (p.length == 0) {
                throw new IllegalArgumentException("empty prompt");
            }
            maxLen = Math.max(maxLen, p.length);
        }
        int maxNew = options.maxNewTokens();
        int total = maxLen + maxNew;
        if (total > model.config().nPositions) {
            throw new IllegalArgumentException("prompt (" + maxLen + ") + new tokens (" + maxNew + ") = " + total
                    + " exceeds the model's context of " + model.config().nPositions + " tokens");
        }
        // left-padded prompt and mask
        long[][] ids = new long[b][maxLen];
        int[][] mask = new int[b][maxLen];
        boolean padded = false;
        for (int r = 0; r < b; r++) {
            long[] p = prompts.get(r);
            int off = maxLen - p.length;
            Arrays.fill(ids[r], 0, off, padId);
            System.arraycopy(p, 0, ids[r], off, p.length);
            Arrays.fill(mask[r], off, maxLen, 1);
            padded |= off > 0;
        }
        long[][] out = new long[b][maxNew];
        int[] len = new int[b];
        boolean[] done = new boolean[b];
        long[] next = new long[b];
        if (maxNew == 0) {
            return collect(out, len);
        }
        if (options.useCache()) {
            try (KvCache cache = KvCache.allocate(model, b, total)) {
                runStep(ids, padded ? mask : null, cache, sampler, next);
                long[][] stepIds = new long[b][1];
                for (int n = 0; ; n++) {
                    if (record(next, out, len, done, options) || n == maxNew - 1) {
                        break;
                    }
                    for (int r = 0; r < b; r++) {
                        stepIds[r][0] = done[r] ? padId : next[r];
                    }
                    runStep(stepIds, null, cache, sampler, next);
                }
            }
        } else {
            long[][] seq = new long[b][total];
            int[][] seqMask = new int[b][total];
            for (int r = 0; r < b; r++) {
                System.arraycopy(ids[r], 0, seq[r], 0, maxLen);
                System.arraycopy(mask[r], 0, seqMask[r], 0, maxLen);
            }
            int cur = maxLen;
            runStep(ids, padded ? mask : null, null, sampler, next);
            for (int n = 0; ; n++) {
                if (record(next, out, len, done, options) || n == maxNew - 1) {
                    break;
                }
                for (int r = 0; r < b; r++) {
                    seq[r][cur] = done[r] ? padId : next[r]; // a finished row's tokens no longer matter
                    seqMask[r][cur] = 1;
                }
                cur++;
                long[][] s = new long[b][];
                int[][] m = new int[b][];
                for (int r = 0; r < b; r++) {
                    s[r] = Arrays.copyOf(seq[r], cur);
                    m[r] = Arrays.copyOf(seqMask[r], cur);
                }
                runStep(s, padded ? m : null, null, sampler, next);
            }
        }
        return collect(out, len);
    }

    private void runStep(long[][] ids, int[][] mask, KvCache cache, Sampler sampler, long[] next) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = model.step(ids, mask, cache, true);
            long v = logits.getShape().get(2);
            NDArray last = logits.reshape(ids.length, v).toType(DataType.FLOAT32, false);
            sampler.sample(last, next);
        }
    }

    /** Appends each unfinished row's token; returns true when every row is finished. */
    private static boolean record(long[] next, long[][] out, int[] len, boolean[] done, Options o) {
        boolean all = true;
        for (int r = 0; r < next.length; r++) {
            if (!done[r]) {
                out[r][len[r]++] = next[r];
                if (o.stops(next[r]) || len[r] == out[r].length) {
                    done[r] = true;
                }
            }
            all &= done[r];
        }
        return all;
    }

    private static List<long[]> collect(long[][] out, int[] len) {
        List<long[]> res = new ArrayList<>(out.length);
        for (int r = 0; r < out.length; r++) {
            res.add(Arrays.copyOf(out[r], len[r]));
        }
        return res;
    }
}
