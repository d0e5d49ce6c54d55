package com.llmea.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW exactly as {@code torch.optim.AdamW} (decoupled weight decay applied first, bias-corrected moments),
 * with global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_}. The update runs in place on the
 * parameters and the moments; the few temporaries of one parameter are freed before the next one, so the peak
 * extra memory is a few copies of the largest parameter, not of the model.
 *
 * <p>The parameters are leaf NDArrays with {@code setRequiresGradient(true)}; their gradients are accumulated by
 * DJL's GradientCollector (libtorch autograd) and read with {@code getGradient()}.
 */
public final class AdamW implements AutoCloseable {
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final NDManager manager;
    private final Predicate<String> decay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long step;

    /**
     * @param params the trainable parameters by name
     * @param decay  which of them get weight decay (HF Trainer: not biases and LayerNorm weights; torch: all)
     */
    public AdamW(Map<String, NDArray> params, double beta1, double beta2, double eps, double weightDecay,
                 Predicate<String> decay) {
        this.params = new LinkedHashMap<>(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decay = decay;
        NDArray any = params.values().iterator().next();
        this.manager = any.getManager().newSubManager();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
        }
    }

    /** HF Trainer's default decay rule: no decay for biases and LayerNorm weights. */
    public static boolean hfDecay(String name) {
        return !(name.endsWith(".bias") || name.contains(".ln_") || name.contains("ln_f."));
    }

    public long step() {
        return step;
    }

    public Map<String, NDArray> firstMoments() {
        return m;
    }

    public Map<String, NDArray> secondMoments() {
        return v;
    }

    /** Restores the step count and the moments (e.g. from a checkpoint). */
    public void restore(long step, Map<String, NDArray> first, Map<String, NDArray> second) {
        this.step = step;
        for (String n : params.keySet()) {
            copyInto(m.get(n), first.get("m." + n), n);
            copyInto(v.get(n), second.get("v." + n), n);
        }
    }

    private static void copyInto(NDArray dst, NDArray src, String n) {
        if (src == null || !src.getShape().equals(dst.getShape())) {
            throw new IllegalArgumentException("optimizer state for " + n + " is missing or has the wrong shape");
        }
        dst.muli(0).addi(src.toType(dst.getDataType(), false));
    }

    /** The moments as one map ("m.NAME", "v.NAME") for saving. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m." + k, a));
        v.forEach((k, a) -> s.put("v." + k, a));
        return s;
    }

    /** The current gradient of each parameter (a zero array when autograd never reached it). */
    public List<NDArray> gradients(NDManager scratch) {
        List<NDArray> gs = new ArrayList<>(params.size());
        for (NDArray p : params.values()) {
            NDArray g = p.getGradient();
            g.attach(scratch);
            gs.add(g);
        }
        return gs;
    }

    /** Elements per slice of the fused-in-cache update (1 MiB of float32). */
    public static long chunk = 1 << 18;

    /** Global L2 norm of all gradients (per-tensor norms summed in double), as {@code clip_grad_norm_} reports it. */
    public static double globalNorm(List<NDArray> grads) {
        double sq = 0;
        for (NDArray g : grads) {
            try (NDArray n = g.norm()) {
                double x = n.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                sq += x * x;
            }
        }
        return Math.sqrt(sq);
    }

    /** The factor {@code clip_grad_norm_} multiplies the gradients by: {@code maxNorm / (norm + 1e-6)} if below 1. */
    public static double clipCoefficient(double norm, double maxNorm) {
        if (maxNorm <= 0) {
            return 1.0;
        }
        double coef = maxNorm / (norm + 1e-6);
        return coef < 1 ? coef : 1.0;
    }

    /**
     * Global L2 norm of all gradients (summed in double), then scales them by {@code maxNorm / (norm + 1e-6)}
     * when that is below 1, as {@code clip_grad_norm_}. Returns the pre-clip norm. {@code maxNorm <= 0}: no clipping.
     */
    public static double clipGlobalNorm(List<NDArray> grads, double maxNorm) {
        double norm = globalNorm(grads);
        double coef = clipCoefficient(norm, maxNorm);
        if (coef < 1) {
            for (NDArray g : grads) {
                g.muli((float) coef);
            }
        }
        return norm;
    }

    /** One AdamW step with learning rate {@code lr} using the (already clipped) gradients in parameter order. */
    public void update(List<NDArray> grads, double lr) {
        update(grads, lr, 1.0);
    }

    /**
     * One AdamW step with learning rate {@code lr}, the gradients (in parameter order) multiplied by
     * {@code gradScale} first (the clipping coefficient, so clipping costs no extra pass over memory). Must run
     * outside a gradient collector (in-place updates of leaf tensors).
     *
     * <p>Torch's update is a chain of ~13 element-wise ops, each a full pass over memory with a full-size
     * temporary. Here each parameter is processed in slices of {@link #chunk} elements (views of the flat
     * parameter, gradient and moments), so the chain runs in cache and the temporaries are small and reused by the
     * allocator: close to a fused kernel's memory traffic, with the same arithmetic as torch.
     */
    public void update(List<NDArray> grads, double lr, double gradScale) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        // memory-bound ops on cache-sized slices: a second OpenMP thread only adds barriers (measured on GPT-2
        // small's 124M parameters, 2 busy cores: 1.3 s single-threaded vs 10.8 s with 2 threads)
        int threads = com.llmea.infer.TorchThreads.set(1);
        try {
            updateAll(grads, lr, gradScale, stepSize, bc2Sqrt);
        } finally {
            com.llmea.infer.TorchThreads.set(threads);
        }
    }

    private void updateAll(List<NDArray> grads, double lr, double gradScale, float stepSize, float bc2Sqrt) {
        int i = 0;
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray g = grads.get(i++);
            boolean decayed = weightDecay != 0 && decay.test(e.getKey());
            try (NDArray pf = e.getValue().reshape(-1); NDArray gf = g.reshape(-1);
                 NDArray mf = m.get(e.getKey()).reshape(-1); NDArray vf = v.get(e.getKey()).reshape(-1)) {
                long n = pf.size();
                if (n <= chunk) {
                    updateSlice(pf, gf, mf, vf, lr, decayed, gradScale, stepSize, bc2Sqrt);
                    continue;
                }
                for (long from = 0; from < n; from += chunk) {
                    ai.djl.ndarray.index.NDIndex idx = new ai.djl.ndarray.index.NDIndex("{}:{}", from,
                            Math.min(n, from + chunk));
                    try (NDArray pc = pf.get(idx); NDArray gc = gf.get(idx); NDArray mc = mf.get(idx);
                         NDArray vc = vf.get(idx)) {
                        updateSlice(pc, gc, mc, vc, lr, decayed, gradScale, stepSize, bc2Sqrt);
                    }
                }
            }
        }
    }

    private void updateSlice(NDArray p, NDArray g, NDArray mi, NDArray vi, double lr, boolean decayed,
                             double gradScale, float stepSize, float bc2Sqrt) {
        if (decayed) {
            p.muli((float) (1 - lr * weightDecay));
        }
        try (NDArray gs = gradScale == 1.0 ? null : g.mul((float) gradScale)) {
            NDArray gg = gs == null ? g : gs;
            try (NDArray g1 = gg.mul((float) (1 - beta1))) {
                mi.muli((float) beta1).addi(g1);
            }
            try (NDArray g2 = gg.square()) {
                vi.muli((float) beta2).addi(g2.muli((float) (1 - beta2)));
            }
        }
        try (NDArray denom = vi.sqrt()) {
            denom.divi(bc2Sqrt).addi((float) eps);
            try (NDArray upd = mi.div(denom)) {
                p.subi(upd.muli(stepSize));
            }
        }
    }

    /** Clears the accumulated gradients (libtorch zero_grad). */
    public void zeroGrad() {
        for (NDArray p : params.values()) {
            if (p.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
