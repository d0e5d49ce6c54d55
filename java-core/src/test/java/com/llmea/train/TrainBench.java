package com.llmea.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training speed benchmark (not a test; run by hand, see docs/fine-tuning.md):
 * tokens/s of full fine-tuning and LoRA for the tiny config and the GPT-2 small shape (batch 8 x 64 tokens), as a
 * fraction of the float32 matmul rate measured in the same run, with the time split into forward, backward and
 * optimizer, and the process's peak resident memory.
 *
 * <pre>java -cp ... com.llmea.train.TrainBench [steps] [configs: tiny,small]</pre>
 */
public final class TrainBench {
    public static void main(String[] args) throws Exception {
        com.llmea.util.Djl.offline();
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> configs = List.of((args.length > 1 ? args[1] : "tiny,small").split(","));
        double flops = matmulFlops();
        System.out.printf(Locale.ROOT, "float32 matmul (2048^3): %.1f GFLOP/s, threads %s%n", flops / 1e9,
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        for (String c : configs) {
            Gpt2Config cfg = Gpt2Config.preset(c);
            for (String method : List.of("full", "lora")) {
                run(cfg, c, method, steps, flops);
            }
        }
    }

    static double matmulFlops() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            int n = 2048;
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            a.matMul(b).close();
            int reps = 5;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                a.matMul(b).close();
            }
            return 2.0 * n * n * n * reps / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static void run(Gpt2Config cfg, String name, String method, int steps, double matmul) throws Exception {
        int b = 8, t = 64;
        try (Gpt2 model = Gpt2.init(cfg, 1, Device.cpu(), DataType.FLOAT32)) {
            Map<String, NDArray> trainable;
            Lora lora = null;
            if (method.equals("lora")) {
                lora = Lora.create(model, 8, 32, 0.1, List.of("c_attn"), 1);
                model.setAdapters(lora);
                trainable = lora.parameters();
            } else {
                trainable = model.parameters();
            }
            trainable.values().forEach(p -> p.setRequiresGradient(true));
            long nTrain = trainable.values().stream().mapToLong(NDArray::size).sum();
            SplittableRandom rng = new SplittableRandom(3);
            long[][] ids = new long[b][t];
            for (long[] r : ids) {
                for (int i = 0; i < t; i++) {
                    r[i] = rng.nextInt(cfg.vocabSize);
                }
            }
            Batch batch = Batch.full(ids);
            TrainStep.Timing timing = new TrainStep.Timing();
            try (AdamW opt = new AdamW(trainable, 0.9, 0.999, 1e-8, 0.0, AdamW::hfDecay)) {
                for (int s = 0; s < steps + 1; s++) {
                    if (s == 1) {
                        timing.reset(); // the first step warms up
                    }
                    try (NDScope scope = new NDScope(); NDManager scratch = model.manager().newSubManager()) {
                        scope.suppressNotUsedWarning();
                        TrainStep.forwardBackward(model, batch, 1.0, timing);
                        long t0 = System.nanoTime();
                        List<NDArray> g = opt.gradients(scratch);
                        double norm = AdamW.globalNorm(g);
                        opt.update(g, 1e-4, AdamW.clipCoefficient(norm, 1.0));
                        timing.optimizerNs += System.nanoTime() - t0;
                    }
                    opt.zeroGrad();
                    timing.steps++;
                }
            }
            double total = (timing.forwardNs + timing.backwardNs + timing.optimizerNs) / 1e9 / timing.steps;
            double tps = b * t / total;
            long params = cfg.parameterCount();
            // model FLOPs per token: 6 N for full training (fwd 2N + bwd 4N), ~4 N for LoRA (no weight gradients)
            double flopsPerToken = (method.equals("full") ? 6.0 : 4.0) * params;
            System.out.printf(Locale.ROOT, "%-5s %-4s trainable %,11d | %.3f s/step, %7.0f tokens/s, %5.1f%% of matmul"
                            + " rate | forward %.0f%%, backward %.0f%%, optimizer %.0f%% | peak RSS %.2f GB%n",
                    name, method, nTrain, total, tps, 100 * tps * flopsPerToken / matmul,
                    100.0 * timing.forwardNs / 1e9 / timing.steps / total,
                    100.0 * timing.backwardNs / 1e9 / timing.steps / total,
                    100.0 * timing.optimizerNs / 1e9 / timing.steps / total, peakRssGb());
            if (lora != null) {
                lora.close();
            }
        }
    }

    static double peakRssGb() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
            }
        }
        return Double.NaN;
    }
}
