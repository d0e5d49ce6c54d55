package com.llmea.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.model.Adapters;
import com.llmea.model.Gpt2;
import com.llmea.model.SafeTensors;
import com.llmea.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * LoRA as PEFT implements it for GPT-2's Conv1D layers ({@code fan_in_fan_out=True}):
 * {@code y = x W + b + s * (dropout(x) A^T) B^T} with A {@code [r, in]}, B {@code [out, r]}, {@code s = alpha / r};
 * A starts kaiming-uniform (a = sqrt 5, i.e. U(-1/sqrt(in), 1/sqrt(in))), B at zero, so a fresh adapter changes
 * nothing. Saved as PEFT does: {@code adapter_config.json} and {@code adapter_model.safetensors} with keys
 * {@code base_model.model.<module>.lora_A.weight} / {@code .lora_B.weight}. Merging adds {@code s (B A)^T} to the
 * {@code [in, out]} Conv1D weight.
 */
public final class Lora implements Adapters, AutoCloseable {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    static final String KEY_PREFIX = "base_model.model.";
    static final String[] MODULES = {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"};

    private final int r;
    private final double alpha;
    private final double dropout;
    private final List<String> targets;
    private final NDManager manager;
    /** By HF module name (e.g. transformer.h.0.attn.c_attn): A [r, in] and B [out, r]. */
    private final Map<String, NDArray[]> ab = new LinkedHashMap<>();
    private boolean merged;

    private Lora(int r, double alpha, double dropout, List<String> targets, NDManager manager) {
        this.r = r;
        this.alpha = alpha;
        this.dropout = dropout;
        this.targets = List.copyOf(targets);
        this.manager = manager;
    }

    public double scaling() {
        return alpha / r;
    }

    public int rank() {
        return r;
    }

    /** PEFT's rule: a module is targeted if its name equals a target or ends with "." + target. */
    static boolean targeted(String module, List<String> targets) {
        for (String t : targets) {
            if (module.equals(t) || module.endsWith("." + t)) {
                return true;
            }
        }
        return false;
    }

    /** A fresh adapter for {@code model} (A kaiming-uniform from {@code seed}, B zero). */
    public static Lora create(Gpt2 model, int r, double alpha, double dropout, List<String> targets, long seed) {
        if (r <= 0) {
            throw new IllegalArgumentException("LoRA rank must be positive");
        }
        Lora l = new Lora(r, alpha, dropout, targets, model.manager().newSubManager());
        SplittableRandom rng = new SplittableRandom(seed);
        for (int layer = 0; layer < model.config().nLayer; layer++) {
            for (String mod : MODULES) {
                String name = Gpt2.PREFIX + "h." + layer + "." + mod;
                if (!targeted(name, targets)) {
                    continue;
                }
                Shape w = model.parameters().get(name + ".weight").getShape();
                int in = (int) w.get(0), out = (int) w.get(1);
                float[] a = new float[r * in];
                double bound = 1.0 / Math.sqrt(in);
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                }
                NDArray aa = l.manager.create(a, new Shape(r, in)).toType(model.dataType(), false);
                NDArray bb = l.manager.zeros(new Shape(out, r), model.dataType());
                l.ab.put(name, new NDArray[]{aa, bb});
            }
        }
        if (l.ab.isEmpty()) {
            throw new IllegalArgumentException("no module matches the LoRA targets " + targets);
        }
        return l;
    }

    /** Loads a PEFT LoRA adapter directory (unknown config fields are ignored). */
    public static Lora load(Path dir, Gpt2 model) throws IOException {
        JsonObject c = JsonParser.parseString(Files.readString(dir.resolve(CONFIG))).getAsJsonObject();
        if (c.has("peft_type") && !"LORA".equals(c.get("peft_type").getAsString())) {
            throw new IOException(dir + ": peft_type " + c.get("peft_type") + " is not LORA");
        }
        if (c.has("bias") && !c.get("bias").isJsonNull() && !"none".equals(c.get("bias").getAsString())) {
            throw new IOException(dir + ": LoRA bias '" + c.get("bias").getAsString() + "' is not supported");
        }
        int r = c.get("r").getAsInt();
        double alpha = c.get("lora_alpha").getAsDouble();
        double drop = c.has("lora_dropout") ? c.get("lora_dropout").getAsDouble() : 0;
        List<String> targets = new ArrayList<>();
        if (c.get("target_modules").isJsonArray()) {
            c.getAsJsonArray("target_modules").forEach(e -> targets.add(e.getAsString()));
        } else {
            targets.add(c.get("target_modules").getAsString());
        }
        Lora l = new Lora(r, alpha, drop, targets, model.manager().newSubManager());
        Map<String, NDArray> t = SafeTensors.read(dir.resolve(WEIGHTS), l.manager);
        Map<String, NDArray[]> found = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : t.entrySet()) {
            String k = e.getKey().replace(".default.", ".");
            if (!k.startsWith(KEY_PREFIX) || !(k.endsWith(".lora_A.weight") || k.endsWith(".lora_B.weight"))) {
                l.close();
                throw new IOException(dir + ": unexpected tensor " + e.getKey() + " in the LoRA adapter");
            }
            String module = k.substring(KEY_PREFIX.length(), k.length() - ".lora_A.weight".length());
            if (!module.startsWith(Gpt2.PREFIX)) {
                module = Gpt2.PREFIX + module;
            }
            NDArray base = model.parameters().get(module + ".weight");
            if (base == null) {
                l.close();
                throw new IOException(dir + ": adapter module " + module + " is not in the model");
            }
            NDArray a = e.getValue().toType(model.dataType(), false);
            found.computeIfAbsent(module, x -> new NDArray[2])[k.endsWith(".lora_A.weight") ? 0 : 1] = a;
        }
        for (Map.Entry<String, NDArray[]> e : found.entrySet()) {
            NDArray[] p = e.getValue();
            Shape w = model.parameters().get(e.getKey() + ".weight").getShape();
            if (p[0] == null || p[1] == null || !p[0].getShape().equals(new Shape(r, w.get(0)))
                    || !p[1].getShape().equals(new Shape(w.get(1), r))) {
                l.close();
                throw new IOException(dir + ": LoRA weights of " + e.getKey() + " are missing or do not fit " + w);
            }
            l.ab.put(e.getKey(), p);
        }
        return l;
    }

    /** The trainable tensors with PEFT's saved key names, in module order (A then B). */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray[]> e : ab.entrySet()) {
            m.put(KEY_PREFIX + e.getKey() + ".lora_A.weight", e.getValue()[0]);
            m.put(KEY_PREFIX + e.getKey() + ".lora_B.weight", e.getValue()[1]);
        }
        return m;
    }

    @Override
    public NDArray conv1d(int layer, String module, NDArray x, NDArray weight, NDArray bias, boolean training) {
        NDArray y = x.matMul(weight).add(bias);
        NDArray[] p = merged ? null : ab.get(Gpt2.PREFIX + "h." + layer + "." + module);
        if (p == null) {
            return y;
        }
        NDArray xd = training && dropout > 0 ? Dropout.dropout(x, (float) dropout, true).singletonOrThrow() : x;
        return y.add(xd.matMul(p[0].transpose()).matMul(p[1].transpose()).mul((float) scaling()));
    }

    /** Writes adapter_config.json and adapter_model.safetensors as PEFT's save_pretrained does (atomically). */
    public void save(Path dir, String baseModelNameOrPath) throws IOException {
        Files.createDirectories(dir);
        JsonObject c = new JsonObject();
        c.addProperty("base_model_name_or_path", baseModelNameOrPath);
        c.addProperty("bias", "none");
        c.addProperty("fan_in_fan_out", true);
        c.addProperty("inference_mode", true);
        c.addProperty("init_lora_weights", true);
        c.add("layers_pattern", JsonNull.INSTANCE);
        c.add("layers_to_transform", JsonNull.INSTANCE);
        c.addProperty("lora_alpha", alpha);
        c.addProperty("lora_dropout", dropout);
        c.add("modules_to_save", JsonNull.INSTANCE);
        c.addProperty("peft_type", "LORA");
        c.addProperty("r", r);
        c.add("revision", JsonNull.INSTANCE);
        JsonArray t = new JsonArray();
        targets.forEach(t::add);
        c.add("target_modules", t);
        c.addProperty("task_type", "CAUSAL_LM");
        Map<String, NDArray> f32 = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters().entrySet()) {
            f32.put(e.getKey(), e.getValue().toType(DataType.FLOAT32, false));
        }
        AtomicFiles.write(dir.resolve(WEIGHTS), out -> {
            Path tmp = Files.createTempFile(dir, ".lora", ".st");
            try {
                SafeTensors.write(tmp, f32);
                Files.copy(tmp, out);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
        AtomicFiles.writeString(dir.resolve(CONFIG), new GsonBuilder().setPrettyPrinting().create().toJson(c) + "\n");
    }

    /**
     * Merges the update into the model's weights in place, {@code W += s (B A)^T} computed as PEFT does, and
     * turns the adapter off (the model then computes the merged function without it).
     */
    public void mergeInto(Gpt2 model) {
        for (Map.Entry<String, NDArray[]> e : ab.entrySet()) {
            NDArray w = model.parameters().get(e.getKey() + ".weight");
            NDArray[] p = e.getValue();
            try (NDArray ba = p[1].matMul(p[0]); NDArray upd = ba.transpose().mul((float) scaling())) {
                w.addi(upd);
            }
        }
        merged = true;
    }

    /** Trainable parameter count. */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : parameters().values()) {
            n += a.size();
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
