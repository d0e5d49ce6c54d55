package com.llmea.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Config;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Speed of the model on this machine: a large float32 matmul as the yardstick, then forward tokens/s and
 * KV-cached generation tokens/s for given shapes and batch sizes, each also as a fraction of the matmul FLOP/s.
 * Not part of the test run: {@code llm-ea bench model}.
 */
public final class ModelBench {
    private final PrintWriter out;
    private final Device device;
    private final DataType dtype;
    private double matmulFlops;

    public ModelBench(PrintWriter out, Device device, DataType dtype) {
        this.out = out;
        this.device = device;
        this.dtype = dtype;
    }

    /** FLOP/s of an n x n by n x n matmul in the model's dtype (best of a few runs). */
    public double matmul(int n) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray a = m.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32).toType(dtype, false);
            NDArray b = m.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32).toType(dtype, false);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 6; i++) {
                try (NDScope s = new NDScope()) {
                    s.suppressNotUsedWarning();
                    long t0 = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.getFloat(0, 0); // waits for the device
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
            }
            matmulFlops = 2.0 * n * n * n / best;
            out.printf(Locale.ROOT, "matmul %dx%d %s: %.1f GFLOP/s (%.1f ms)%n", n, n, dtype, matmulFlops / 1e9, best * 1e3);
            out.flush();
            return matmulFlops;
        }
    }

    /** Matmul FLOPs per token of a forward pass at context length {@code ctx} (logits for every position). */
    static double flopsPerToken(Gpt2Config c, int ctx, boolean withHead) {
        double e = c.nEmbd;
        double perLayer = 2 * (e * 3 * e + e * e + 2 * e * c.innerDim()) + 2 * 2 * ctx * e; // weights + attention
        return c.nLayer * perLayer + (withHead ? 2 * e * c.vocabSize : 0);
    }

    /** One row of results. */
    public record Result(String what, double tokensPerSecond, double fractionOfMatmul, double seconds) {
    }

    public Result forward(String name, Gpt2 model, int batch, int seq, int reps) {
        SplittableRandom rng = new SplittableRandom(1);
        long[][] ids = randomIds(rng, batch, seq, model.config().vocabSize);
        // warm-up
        runForward(model, ids);
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            runForward(model, ids);
        }
        double s = (System.nanoTime() - t0) / 1e9 / reps;
        double tps = batch * (double) seq / s;
        double frac = tps * flopsPerToken(model.config(), seq / 2, true) / matmulFlops;
        return report(new Result(String.format(Locale.ROOT, "%s forward B=%d T=%d", name, batch, seq), tps, frac, s));
    }

    private static void runForward(Gpt2 model, long[][] ids) {
        try (NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            model.logits(ids).getFloat(0, 0, 0);
        }
    }

    /** Cached greedy generation of {@code newTokens} after a prompt of {@code prompt} tokens; counts new tokens. */
    public Result generate(String name, Gpt2 model, int batch, int prompt, int newTokens) {
        SplittableRandom rng = new SplittableRandom(2);
        long[][] ids = randomIds(rng, batch, prompt, model.config().vocabSize);
        List<long[]> prompts = new ArrayList<>();
        for (long[] r : ids) {
            prompts.add(r);
        }
        Generator g = new Generator(model);
        g.generate(prompts, new Greedy(), Generator.Options.of(Math.min(4, newTokens))); // warm-up
        long t0 = System.nanoTime();
        long t1;
        try (NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            g.generate(prompts, new Greedy(), Generator.Options.of(1)); // prefill alone
            t1 = System.nanoTime();
        }
        List<long[]> res = g.generate(prompts, new Greedy(), Generator.Options.of(newTokens));
        long t2 = System.nanoTime();
        double prefill = (t1 - t0) / 1e9;
        double total = (t2 - t1) / 1e9;
        double decode = Math.max(1e-9, total - prefill);
        int made = res.get(0).length;
        double tps = batch * (double) (made - 1) / decode;
        double frac = tps * flopsPerToken(model.config(), prompt + newTokens / 2, true) / matmulFlops;
        out.printf(Locale.ROOT, "  (prefill of %d x %d tokens: %.1f ms; whole call %.2f s)%n", batch, prompt,
                prefill * 1e3, total);
        return report(new Result(String.format(Locale.ROOT, "%s cached generation B=%d prompt=%d new=%d", name, batch,
                prompt, newTokens), tps, frac, total));
    }

    /**
     * Where a batch-1 decoding step goes: the same step's weight matmuls run alone (one activation row through
     * every weight matrix, lm_head included) versus the whole cached step; the rest is per-op overhead (JNI calls,
     * small kernels, attention over the cache, argmax).
     */
    public void stepBreakdown(String name, Gpt2 model, int prompt) {
        Gpt2Config c = model.config();
        java.util.Map<String, NDArray> p = model.parameters();
        int reps = 20;
        double matmuls;
        try (NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            NDArray x = model.manager().randomNormal(0, 1, new Shape(1, c.nEmbd), DataType.FLOAT32).toType(dtype, false);
            NDArray h = model.manager().randomNormal(0, 1, new Shape(1, c.innerDim()), DataType.FLOAT32).toType(dtype, false);
            NDArray wteT = p.get(Gpt2.PREFIX + "wte.weight").transpose();
            for (int r = -3; r < reps; r++) {
                if (r == 0) {
                    t0 = System.nanoTime();
                }
                try (NDScope inner = new NDScope()) {
                    inner.suppressNotUsedWarning();
                    NDArray last = null;
                    for (int l = 0; l < c.nLayer; l++) {
                        String pre = Gpt2.PREFIX + "h." + l + ".";
                        x.matMul(p.get(pre + "attn.c_attn.weight"));
                        x.matMul(p.get(pre + "attn.c_proj.weight"));
                        x.matMul(p.get(pre + "mlp.c_fc.weight"));
                        last = h.matMul(p.get(pre + "mlp.c_proj.weight"));
                    }
                    x.matMul(wteT).argMax(-1).toLongArray();
                    last.getFloat(0, 0);
                }
            }
            matmuls = (System.nanoTime() - t0) / 1e9 / reps;
        }
        long[] promptIds = randomIds(new SplittableRandom(3), 1, prompt, c.vocabSize)[0];
        double step;
        try (KvCacheHolder k = new KvCacheHolder(model, prompt + reps + 4)) {
            long[][] one = {{promptIds[0]}};
            try (NDScope s = new NDScope()) {
                s.suppressNotUsedWarning();
                model.step(new long[][] {promptIds}, null, k.cache, true).getFloat(0, 0, 0);
            }
            for (int r = -3; r < reps; r++) {
                if (r == 0) {
                    t0 = System.nanoTime();
                }
                try (NDScope s = new NDScope()) {
                    s.suppressNotUsedWarning();
                    one[0][0] = model.step(one, null, k.cache, true).argMax(-1).toLongArray()[0];
                }
            }
            step = (System.nanoTime() - t0) / 1e9 / reps;
        }
        double weightBytes = (double) c.parameterCount() * dtype.getNumOfBytes();
        out.printf(Locale.ROOT, "%s batch-1 step: %.2f ms = weight matmuls alone %.2f ms (%.0f%%; %.0f MB of weights"
                        + " -> %.1f GB/s) + other ops %.2f ms%n", name, step * 1e3, matmuls * 1e3, 100 * matmuls / step,
                weightBytes / 1e6, weightBytes / matmuls / 1e9, (step - matmuls) * 1e3);
        out.flush();
    }

    private long t0;

    private static final class KvCacheHolder implements AutoCloseable {
        final com.llmea.model.KvCache cache;

        KvCacheHolder(Gpt2 model, int capacity) {
            cache = com.llmea.model.KvCache.allocate(model, 1, capacity);
        }

        @Override
        public void close() {
            cache.close();
        }
    }

    private Result report(Result r) {
        out.printf(Locale.ROOT, "%-55s %10.1f tokens/s  %5.1f%% of matmul  (%.3f s)%n", r.what(), r.tokensPerSecond(),
                100 * r.fractionOfMatmul(), r.seconds());
        out.flush();
        return r;
    }

    private static long[][] randomIds(SplittableRandom rng, int b, int t, int v) {
        long[][] ids = new long[b][t];
        for (long[] r : ids) {
            for (int i = 0; i < t; i++) {
                r[i] = rng.nextInt(v);
            }
        }
        return ids;
    }

    /** The standard run: tiny and GPT-2 small (random weights), batch 1 and 32, and a 250-token forecast. */
    public void runAll(boolean quick) {
        out.printf(Locale.ROOT, "device %s, dtype %s, %d CPU threads visible%n", device, dtype,
                Runtime.getRuntime().availableProcessors());
        matmul(quick ? 1024 : 2048);
        try (Gpt2 tiny = Gpt2.init(Gpt2Config.tiny(), 1, device, dtype)) {
            forward("tiny", tiny, 1, 128, 10);
            forward("tiny", tiny, 32, 128, 3);
            generate("tiny", tiny, 1, 32, 64);
            generate("tiny", tiny, 32, 32, 64);
            stepBreakdown("tiny", tiny, 32);
        }
        try (Gpt2 small = Gpt2.init(Gpt2Config.small(), 1, device, dtype)) {
            forward("small", small, 1, 128, 3);
            forward("small", small, 32, 128, 1);
            generate("small", small, 1, 32, quick ? 16 : 64);
            generate("small", small, 32, 32, quick ? 8 : 32);
            stepBreakdown("small", small, 32);
            Result f = generate("small forecast", small, 1, 200, 250);
            out.printf(Locale.ROOT, "one forecast of 250 new tokens on GPT-2 small (prompt 200): %.2f s%n", f.seconds());
        }
        out.flush();
    }

    public static void main(String[] args) {
        com.llmea.util.Djl.offline();
        PrintWriter pw = new PrintWriter(System.out, true);
        new ModelBench(pw, ai.djl.engine.Engine.getInstance().defaultDevice(), DataType.FLOAT32)
                .runAll(args.length > 0 && args[0].equals("quick"));
    }
}
