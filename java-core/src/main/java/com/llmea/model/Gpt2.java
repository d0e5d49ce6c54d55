package com.llmea.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * GPT-2 (Hugging Face {@code GPT2LMHeadModel}) as plain NDArrays keyed by HF's parameter names with an explicit
 * forward pass, in the spirit of nanoGPT's model.py. Conv1D weights are {@code [in, out]}, {@code c_attn} is the
 * fused {@code [q | k | v]} projection, blocks are pre-LayerNorm, the activation is gelu_new (tanh) and
 * {@code lm_head} is tied to {@code wte}.
 *
 * <p>The parameters are ordinary NDArrays, so fine-tuning marks them with {@code setRequiresGradient(true)} and
 * records the forward pass with DJL's GradientCollector. Inference never applies dropout.
 */
public final class Gpt2 implements AutoCloseable {
    public static final String PREFIX = "transformer.";
    /** Additive attention bias for masked keys (finite so fully masked pad rows stay NaN-free). */
    static final float MASKED = -1e9f;

    private final Gpt2Config config;
    private final NDManager manager;
    private final Map<String, NDArray> params; // canonical order, HF names with the "transformer." prefix
    private final DataType dtype;
    private final Layer[] layers;
    private final NDArray wte;
    private final NDArray wpe;
    private final NDArray lnFw;
    private final NDArray lnFb;
    private final Shape normShape;
    // scalar constants, made once: a Java number in an op would allocate a new scalar array on every call
    private final NDArray scale;
    private final NDArray geluA;
    private final NDArray geluB;
    private volatile Adapters adapters = Adapters.NONE;

    private record Layer(NDArray ln1w, NDArray ln1b, NDArray attnW, NDArray attnB, NDArray projW, NDArray projB,
                         NDArray ln2w, NDArray ln2b, NDArray fcW, NDArray fcB, NDArray fcProjW, NDArray fcProjB,
                         NDArray attnWt, NDArray projWt, NDArray fcWt, NDArray fcProjWt) {
    }

    /** A transposed view ([out, in]) of a Conv1D weight for torch's fused linear; shares the weight's storage. */
    private static NDArray view(NDArray w) {
        NDArray v = w.transpose();
        NDScope.unregister(v);
        return v;
    }

    private Gpt2(Gpt2Config config, NDManager manager, Map<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.params = Collections.unmodifiableMap(params);
        this.wte = params.get(PREFIX + "wte.weight");
        this.dtype = wte.getDataType();
        this.wpe = params.get(PREFIX + "wpe.weight");
        this.lnFw = params.get(PREFIX + "ln_f.weight");
        this.lnFb = params.get(PREFIX + "ln_f.bias");
        this.layers = new Layer[config.nLayer];
        for (int l = 0; l < config.nLayer; l++) {
            String p = PREFIX + "h." + l + ".";
            layers[l] = new Layer(params.get(p + "ln_1.weight"), params.get(p + "ln_1.bias"),
                    params.get(p + "attn.c_attn.weight"), params.get(p + "attn.c_attn.bias"),
                    params.get(p + "attn.c_proj.weight"), params.get(p + "attn.c_proj.bias"),
                    params.get(p + "ln_2.weight"), params.get(p + "ln_2.bias"),
                    params.get(p + "mlp.c_fc.weight"), params.get(p + "mlp.c_fc.bias"),
                    params.get(p + "mlp.c_proj.weight"), params.get(p + "mlp.c_proj.bias"),
                    view(params.get(p + "attn.c_attn.weight")), view(params.get(p + "attn.c_proj.weight")),
                    view(params.get(p + "mlp.c_fc.weight")), view(params.get(p + "mlp.c_proj.weight")));
        }
        this.normShape = new Shape(config.nEmbd);
        this.scale = manager.create((float) (1.0 / Math.sqrt(config.headDim()))); // scores are float32
        NDScope.unregister(scale);
        this.geluA = constant(2 * Math.sqrt(2.0 / Math.PI));
        this.geluB = constant(2 * Math.sqrt(2.0 / Math.PI) * 0.044715);
        // the model outlives any NDScope it was built in
        for (NDArray a : params.values()) {
            NDScope.unregister(a);
        }
    }

    private NDArray constant(double v) {
        NDArray a = manager.create((float) v).toType(dtype, false);
        NDScope.unregister(a);
        return a;
    }

    // ---------------------------------------------------------------- parameters

    /** Every parameter name (with the {@code transformer.} prefix) and its shape, in canonical order. */
    public static Map<String, Shape> expectedShapes(Gpt2Config c) {
        Map<String, Shape> m = new LinkedHashMap<>();
        long e = c.nEmbd, f = c.innerDim();
        m.put(PREFIX + "wte.weight", new Shape(c.vocabSize, e));
        m.put(PREFIX + "wpe.weight", new Shape(c.nPositions, e));
        for (int l = 0; l < c.nLayer; l++) {
            String p = PREFIX + "h." + l + ".";
            m.put(p + "ln_1.weight", new Shape(e));
            m.put(p + "ln_1.bias", new Shape(e));
            m.put(p + "attn.c_attn.weight", new Shape(e, 3 * e));
            m.put(p + "attn.c_attn.bias", new Shape(3 * e));
            m.put(p + "attn.c_proj.weight", new Shape(e, e));
            m.put(p + "attn.c_proj.bias", new Shape(e));
            m.put(p + "ln_2.weight", new Shape(e));
            m.put(p + "ln_2.bias", new Shape(e));
            m.put(p + "mlp.c_fc.weight", new Shape(e, f));
            m.put(p + "mlp.c_fc.bias", new Shape(f));
            m.put(p + "mlp.c_proj.weight", new Shape(f, e));
            m.put(p + "mlp.c_proj.bias", new Shape(e));
        }
        m.put(PREFIX + "ln_f.weight", new Shape(e));
        m.put(PREFIX + "ln_f.bias", new Shape(e));
        return m;
    }

    /** True for names HF stores that are not parameters of ours: attention buffers and the tied lm_head. */
    static boolean ignorable(String canonicalName) {
        return canonicalName.endsWith(".attn.bias") || canonicalName.endsWith(".attn.masked_bias")
                || canonicalName.equals("lm_head.weight") || canonicalName.equals(PREFIX + "lm_head.weight");
    }

    /** HF name with the {@code transformer.} prefix, whether or not the file had it. */
    static String canonical(String name) {
        if (name.startsWith(PREFIX) || name.equals("lm_head.weight")) {
            return name;
        }
        return PREFIX + name;
    }

    /**
     * Builds a model from tensors named as HF does (with or without the {@code transformer.} prefix), converting
     * them to {@code dtype}. Every expected tensor must be present with the right shape; errors name the tensors.
     * The model takes ownership of {@code manager} and of the arrays (which must belong to it).
     */
    public static Gpt2 fromTensors(Gpt2Config config, Map<String, NDArray> tensors, NDManager manager, DataType dtype) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16 && dtype != DataType.FLOAT64) {
            throw new IllegalArgumentException("compute dtype " + dtype + " is not supported (float32, float16)");
        }
        Map<String, Shape> expected = expectedShapes(config);
        Map<String, NDArray> byName = new LinkedHashMap<>();
        TreeSet<String> extra = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            String n = canonical(e.getKey());
            if (ignorable(n)) {
                continue;
            }
            if (!expected.containsKey(n)) {
                extra.add(e.getKey());
            } else if (byName.put(n, e.getValue()) != null) {
                problems.add("tensor " + n + " appears twice (with and without the prefix)");
            }
        }
        TreeSet<String> missing = new TreeSet<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            NDArray a = byName.get(e.getKey());
            if (a == null) {
                missing.add(e.getKey());
            } else if (!a.getShape().equals(e.getValue())) {
                problems.add("tensor " + e.getKey() + " has shape " + a.getShape() + ", expected " + e.getValue());
            } else if (!a.getDataType().isFloating()) {
                problems.add("tensor " + e.getKey() + " has dtype " + a.getDataType() + ", expected a float type");
            }
        }
        if (!missing.isEmpty()) {
            problems.add("missing tensors " + missing);
        }
        if (!extra.isEmpty()) {
            problems.add("unexpected tensors " + extra);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weights do not match the config (" + config + "): "
                    + String.join("; ", problems));
        }
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String n : expected.keySet()) {
            NDArray a = byName.get(n);
            NDArray c = a.getDataType() == dtype && a.getDevice().equals(manager.getDevice())
                    ? a : a.toDevice(manager.getDevice(), false).toType(dtype, false);
            if (c != a) {
                c.attach(manager);
            }
            c.setName(n);
            params.put(n, c);
        }
        return new Gpt2(config, manager, params);
    }

    /**
     * A freshly initialised model like HF's GPT-2 init: weights normal(0, initializer_range), the residual
     * projections ({@code c_proj}) scaled by 1/sqrt(2 n_layer), biases 0, LayerNorm 1 and 0. Seeded in Java, so
     * the weights are the same on every machine and device.
     */
    public static Gpt2 init(Gpt2Config config, long seed, Device device, DataType dtype) {
        NDManager m = NDManager.newBaseManager(device);
        SplittableRandom rng = new SplittableRandom(seed);
        double std = config.initializerRange;
        double projStd = std / Math.sqrt(2.0 * config.nLayer);
        Map<String, NDArray> t = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expectedShapes(config).entrySet()) {
            String n = e.getKey();
            int size = Math.toIntExact(e.getValue().size());
            float[] v = new float[size];
            if (n.contains(".ln_") && n.endsWith(".weight")) {
                java.util.Arrays.fill(v, 1f);
            } else if (n.endsWith(".weight")) {
                double s = n.endsWith("c_proj.weight") ? projStd : std;
                for (int i = 0; i < size; i++) {
                    v[i] = (float) (rng.nextGaussian() * s);
                }
            } // biases and LayerNorm biases stay 0
            t.put(n, m.create(FloatBuffer.wrap(v), e.getValue(), DataType.FLOAT32));
        }
        Gpt2 model = fromTensors(config, t, m, dtype);
        for (NDArray a : t.values()) {
            if (!model.params.containsValue(a)) {
                a.close(); // float32 originals of a converted model
            }
        }
        return model;
    }

    public Gpt2Config config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    public DataType dataType() {
        return dtype;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** The parameters by HF name ({@code transformer.} prefix), in canonical order. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** The adapters (LoRA, bottleneck) the forward pass goes through; {@link Adapters#NONE} by default. */
    public Adapters adapters() {
        return adapters;
    }

    public void setAdapters(Adapters adapters) {
        this.adapters = adapters == null ? Adapters.NONE : adapters;
    }

    // ---------------------------------------------------------------- forward

    /**
     * The core forward pass. {@code ids} and {@code positions} are (B, T) int64; {@code attnBias} is an additive
     * float32 bias broadcastable to (B, heads, T, keys) that encodes causality and padding (0 = attend,
     * {@link #MASKED} = not); null means no masking at all (right only for a single query over real keys).
     * With a {@code cache}, the new keys and values are written into it at its current length and attention runs
     * over everything stored ({@link #step} also keeps the cache's mask and positions; prefer it with a cache).
     * Returns logits (B, T, V), or (B, 1, V) for the last position only when {@code lastOnly}. Dropout applies
     * only when {@code training}.
     */
    public NDArray forward(NDArray ids, NDArray positions, NDArray attnBias, KvCache cache, boolean training,
                           boolean lastOnly) {
        Shape is = ids.getShape();
        long b = is.get(0), t = is.get(1);
        int past = cache == null ? 0 : cache.length();
        long total = past + t;
        int h = config.nHead;
        long d = config.headDim();
        long c = config.nEmbd;
        boolean half = dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64;
        // Inference uses torch's fused linear (addmm) on cached transposed views of the Conv1D weights. Those
        // views carry no autograd history, so whenever gradients may be wanted the plain x W + b is used.
        boolean fused = !training && !anyRequiresGradient();

        NDArray x = ids.getNDArrayInternal().embedding(ids, wte, SparseFormat.DENSE).singletonOrThrow()
                .add(positions.getNDArrayInternal().embedding(positions, wpe, SparseFormat.DENSE).singletonOrThrow());
        x = dropout(x, config.embdPdrop, training);
        NDIndex keep = cache == null ? null : new NDIndex().addAllDim(2).addSliceDim(0, total);
        NDIndex put = cache == null ? null : new NDIndex().addAllDim(2).addSliceDim(past, total);
        Adapters ad = adapters;
        for (int l = 0; l < layers.length; l++) {
            Layer L = layers[l];
            NDArray a = LayerNorm.layerNorm(x, normShape, L.ln1w, L.ln1b, (float) config.layerNormEpsilon)
                    .singletonOrThrow();
            NDArray qkv = proj(ad, l, "attn.c_attn", a, L.attnW, L.attnWt, L.attnB, fused, training)
                    .reshape(b, t, 3, h, d).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            if (cache != null) {
                cache.keys[l].set(put, k);
                cache.values[l].set(put, v);
                k = cache.keys[l].get(keep);
                v = cache.values[l].get(keep);
            }
            NDArray s = q.matMul(k.transpose(0, 1, 3, 2));
            if (half) {
                s = s.toType(DataType.FLOAT32, false);
            }
            s = s.mul(scale);
            if (attnBias != null) {
                s = s.add(attnBias);
            }
            s = s.softmax(-1);
            if (half) {
                s = s.toType(dtype, false);
            }
            s = dropout(s, config.attnPdrop, training);
            NDArray y = s.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, c);
            y = ad.afterAttention(l, proj(ad, l, "attn.c_proj", y, L.projW, L.projWt, L.projB, fused, training), training);
            x = x.add(dropout(y, config.residPdrop, training));

            NDArray m = LayerNorm.layerNorm(x, normShape, L.ln2w, L.ln2b, (float) config.layerNormEpsilon)
                    .singletonOrThrow();
            m = geluNew(proj(ad, l, "mlp.c_fc", m, L.fcW, L.fcWt, L.fcB, fused, training));
            m = ad.afterMlp(l, proj(ad, l, "mlp.c_proj", m, L.fcProjW, L.fcProjWt, L.fcProjB, fused, training), training);
            x = x.add(dropout(m, config.residPdrop, training));
        }
        if (cache != null) {
            cache.advance((int) t);
        }
        if (lastOnly && t > 1) {
            x = x.get(new NDIndex().addAllDim().addSliceDim(t - 1, t));
        }
        x = LayerNorm.layerNorm(x, normShape, lnFw, lnFb, (float) config.layerNormEpsilon).singletonOrThrow();
        return Linear.linear(x, wte).singletonOrThrow(); // x wte^T: lm_head tied to wte
    }

    private boolean anyRequiresGradient() {
        for (NDArray p : params.values()) {
            if (p.hasGradient()) {
                return true;
            }
        }
        return false;
    }

    /** HF's Conv1D: x W + b with W stored [in, out]. */
    /** A block's Conv1D, through the adapters when there are any. */
    private static NDArray proj(Adapters ad, int layer, String module, NDArray x, NDArray w, NDArray wt, NDArray b,
                                boolean fused, boolean training) {
        return ad == Adapters.NONE ? conv1d(x, w, wt, b, fused) : ad.conv1d(layer, module, x, w, b, training);
    }

    private static NDArray conv1d(NDArray x, NDArray w, NDArray wt, NDArray b, boolean fused) {
        return fused ? Linear.linear(x, wt, b).singletonOrThrow() : x.matMul(w).add(b);
    }

    private static NDArray dropout(NDArray x, double p, boolean training) {
        if (!training || p <= 0) {
            return x;
        }
        return Dropout.dropout(x, (float) p, true).singletonOrThrow();
    }

    /**
     * HF's NewGELUActivation, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), computed as the identical
     * x sigmoid(x (A + B x^2)) with A = 2 sqrt(2/pi), B = 0.044715 A (since 0.5 (1 + tanh z) = sigmoid(2 z)):
     * 6 ops instead of 8.
     */
    NDArray geluNew(NDArray x) {
        return x.mul(Activation.sigmoid(x.mul(x).mul(geluB).add(geluA).mul(x)));
    }

    /** Logits (B, T, V) of full sequences without padding (positions 0..T-1, causal attention). */
    public NDArray logits(long[][] ids) {
        return step(ids, null, null, false);
    }

    /**
     * Runs {@code ids} (B, T) through the model. {@code mask} (B, T) marks real tokens (1) and left padding (0);
     * null means all real. Position ids follow HF: cumsum(mask) - 1 counted from what the cache already holds,
     * 1 at pads. Without a cache the call sees only these tokens; with one it appends them.
     */
    public NDArray step(long[][] ids, int[][] mask, KvCache cache, boolean lastOnly) {
        int b = ids.length, t = ids[0].length;
        int past = cache == null ? 0 : cache.length();
        if (cache != null && cache.batch() != b) {
            throw new IllegalArgumentException("batch " + b + " does not match the cache's " + cache.batch());
        }
        long[] flat = cache == null ? new long[b * t] : cache.idBuffer(b * t);
        long[] pos = cache == null ? new long[b * t] : cache.positionBuffer(b * t);
        for (int r = 0; r < b; r++) {
            if (ids[r].length != t) {
                throw new IllegalArgumentException("ragged batch: row " + r + " has " + ids[r].length + " ids, not " + t);
            }
            for (int i = 0; i < t; i++) {
                long id = ids[r][i];
                if (id < 0 || id >= config.vocabSize) {
                    throw new IllegalArgumentException("token id " + id + " outside the vocabulary (" + config.vocabSize + ")");
                }
                flat[r * t + i] = id;
            }
            long p = fillPositions(mask == null ? null : mask[r], t, pos, r * t, cache == null ? 0 : cache.nextPosition(r));
            if (p > config.nPositions) {
                throw new IllegalArgumentException("sequence of " + p + " tokens exceeds n_positions " + config.nPositions);
            }
        }
        int[][] keyMask;
        if (cache != null) {
            cache.appendMask(t, mask);
            keyMask = cache.keyMask();
        } else {
            keyMask = mask;
        }
        int total = past + t;
        float[] bias;
        Shape biasShape;
        if (t == 1 && (keyMask == null || !anyZero(keyMask, total))) {
            bias = null; // one query, every key real: nothing to mask
            biasShape = null;
        } else if (keyMask == null) {
            bias = new float[t * total];
            biasShape = new Shape(1, 1, t, total);
            for (int i = 0; i < t; i++) {
                for (int j = past + i + 1; j < total; j++) {
                    bias[i * total + j] = MASKED;
                }
            }
        } else {
            bias = cache == null ? new float[b * t * total] : cache.biasBuffer(b * t * total);
            biasShape = new Shape(b, 1, t, total);
            for (int r = 0; r < b; r++) {
                int[] km = keyMask[r];
                for (int i = 0; i < t; i++) {
                    int base = (r * t + i) * total;
                    for (int j = 0; j < total; j++) {
                        bias[base + j] = j > past + i || km[j] == 0 ? MASKED : 0f;
                    }
                }
            }
        }
        NDManager m = manager;
        NDArray idsA = m.create(java.nio.LongBuffer.wrap(flat, 0, b * t), new Shape(b, t));
        NDArray posA = m.create(java.nio.LongBuffer.wrap(pos, 0, b * t), new Shape(b, t));
        NDArray biasA = bias == null ? null : m.create(FloatBuffer.wrap(bias, 0, (int) biasShape.size()), biasShape);
        return forward(idsA, posA, biasA, cache, false, lastOnly);
    }

    private static boolean anyZero(int[][] mask, int upTo) {
        for (int[] r : mask) {
            for (int j = 0; j < upTo; j++) {
                if (r[j] == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * HF's position ids for a left-padded batch: cumsum(mask) - 1 on real tokens, 1 on pads
     * ({@code GPT2LMHeadModel.prepare_inputs_for_generation}).
     */
    public static long[][] positionIds(int[][] mask) {
        long[][] pos = new long[mask.length][];
        for (int r = 0; r < mask.length; r++) {
            pos[r] = new long[mask[r].length];
            fillPositions(mask[r], 0, pos[r], 0, 0);
        }
        return pos;
    }

    /** Positions of {@code t = mask.length} (or of a null mask's) tokens after {@code start} real ones; returns the next. */
    private static long fillPositions(int[] mask, int t, long[] out, int offset, long start) {
        int n = mask == null ? t : mask.length;
        long p = start;
        for (int i = 0; i < n; i++) {
            boolean real = mask == null || mask[i] != 0;
            out[offset + i] = real ? p++ : 1;
        }
        return p;
    }

    // ---------------------------------------------------------------- loss

    /**
     * Mean cross-entropy of next-token prediction as HF computes it with {@code labels}: logits (B, T, V) at
     * position t predict labels[t+1]; labels equal to {@code ignoreIndex} (HF: -100) do not count.
     */
    public static NDArray lmLoss(NDArray logits, NDArray labels, long ignoreIndex) {
        long t = logits.getShape().get(1);
        NDArray lg = logits.get(new NDIndex(":, :{}, :", t - 1));
        NDArray lb = labels.get(new NDIndex(":, 1:")).toType(DataType.INT64, false);
        NDArray logp = lg.toType(DataType.FLOAT32, false).logSoftmax(-1);
        NDArray valid = lb.neq(ignoreIndex);
        NDArray safe = valid.toType(DataType.INT64, false).mul(lb);
        NDArray picked = logp.gather(safe.expandDims(-1), -1).squeeze(-1);
        NDArray w = valid.toType(DataType.FLOAT32, false);
        return picked.mul(w).sum().neg().div(w.sum());
    }

    /** {@link #lmLoss} with ignore index -100. */
    public static NDArray lmLoss(NDArray logits, NDArray labels) {
        return lmLoss(logits, labels, -100);
    }

    /** Mean shifted cross-entropy of unpadded sequences (labels = ids), as a number. */
    public double loss(long[][] ids) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = logits(ids);
            long[] flat = new long[ids.length * ids[0].length];
            for (int r = 0; r < ids.length; r++) {
                System.arraycopy(ids[r], 0, flat, r * ids[0].length, ids[0].length);
            }
            NDArray labels = manager.create(flat, new Shape(ids.length, ids[0].length));
            return lmLoss(logits, labels).getFloat();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
