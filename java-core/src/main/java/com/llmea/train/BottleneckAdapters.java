package com.llmea.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.model.Adapters;
import com.llmea.model.Gpt2;
import com.llmea.model.SafeTensors;
import com.llmea.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Houlsby-style bottleneck adapters: after the attention and after the MLP of every block (on the sub-layer's
 * output, before the residual add) {@code y + up(relu(down(y)))}, with down {@code [n_embd, size]} and up
 * {@code [size, n_embd]} (Conv1D layout, plus biases). The up-projection starts at zero, so a fresh adapter is
 * the identity. Saved as {@code adapter_config.json} ({@code "peft_type": "BOTTLENECK"}, llm-ea's own format:
 * PEFT has no bottleneck adapters) and {@code adapter_model.safetensors} with keys
 * {@code transformer.h.N.attn.adapter.down.weight} etc.
 */
public final class BottleneckAdapters implements Adapters, AutoCloseable {
    public static final String TYPE = "BOTTLENECK";
    private final int size;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();

    private BottleneckAdapters(int size, NDManager manager) {
        this.size = size;
        this.manager = manager;
    }

    private static String key(int layer, String where, String part) {
        return Gpt2.PREFIX + "h." + layer + "." + where + ".adapter." + part;
    }

    public static BottleneckAdapters create(Gpt2 model, int size, long seed) {
        BottleneckAdapters b = new BottleneckAdapters(size, model.manager().newSubManager());
        SplittableRandom rng = new SplittableRandom(seed);
        int c = model.config().nEmbd;
        double bound = 1.0 / Math.sqrt(c);
        for (int l = 0; l < model.config().nLayer; l++) {
            for (String w : new String[]{"attn", "mlp"}) {
                float[] down = new float[c * size];
                for (int i = 0; i < down.length; i++) {
                    down[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                }
                b.put(key(l, w, "down.weight"), b.manager.create(down, new Shape(c, size)), model);
                b.put(key(l, w, "down.bias"), b.manager.zeros(new Shape(size)), model);
                b.put(key(l, w, "up.weight"), b.manager.zeros(new Shape(size, c)), model);
                b.put(key(l, w, "up.bias"), b.manager.zeros(new Shape(c)), model);
            }
        }
        return b;
    }

    private void put(String k, NDArray a, Gpt2 model) {
        NDArray t = a.toType(model.dataType(), false);
        t.setName(k);
        params.put(k, t);
    }

    public static BottleneckAdapters load(Path dir, Gpt2 model) throws IOException {
        JsonObject c = JsonParser.parseString(Files.readString(dir.resolve(Lora.CONFIG))).getAsJsonObject();
        if (!TYPE.equals(c.get("peft_type").getAsString())) {
            throw new IOException(dir + ": not a bottleneck adapter");
        }
        BottleneckAdapters b = new BottleneckAdapters(c.get("adapter_size").getAsInt(), model.manager().newSubManager());
        Map<String, NDArray> t = SafeTensors.read(dir.resolve(Lora.WEIGHTS), b.manager);
        BottleneckAdapters fresh = create(model, b.size, 0);
        try {
            for (Map.Entry<String, NDArray> e : fresh.params.entrySet()) {
                NDArray a = t.get(e.getKey());
                if (a == null || !a.getShape().equals(e.getValue().getShape())) {
                    b.close();
                    throw new IOException(dir + ": adapter tensor " + e.getKey() + " missing or of the wrong shape");
                }
                b.put(e.getKey(), a, model);
            }
        } finally {
            fresh.close();
        }
        return b;
    }

    public Map<String, NDArray> parameters() {
        return params;
    }

    private NDArray apply(int layer, String where, NDArray y) {
        NDArray h = y.matMul(params.get(key(layer, where, "down.weight"))).add(params.get(key(layer, where, "down.bias")))
                .maximum(0f);
        return y.add(h.matMul(params.get(key(layer, where, "up.weight"))).add(params.get(key(layer, where, "up.bias"))));
    }

    @Override
    public NDArray afterAttention(int layer, NDArray y, boolean training) {
        return apply(layer, "attn", y);
    }

    @Override
    public NDArray afterMlp(int layer, NDArray y, boolean training) {
        return apply(layer, "mlp", y);
    }

    public void save(Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        JsonObject c = new JsonObject();
        c.addProperty("base_model_name_or_path", base);
        c.addProperty("peft_type", TYPE);
        c.addProperty("adapter_size", size);
        c.addProperty("placement", "after attention and MLP projections, before the residual add");
        c.addProperty("non_linearity", "relu");
        c.addProperty("task_type", "CAUSAL_LM");
        Map<String, NDArray> f32 = new LinkedHashMap<>();
        params.forEach((k, a) -> f32.put(k, a.toType(DataType.FLOAT32, false)));
        Path tmp = Files.createTempFile(dir, ".adapter", ".st");
        try {
            SafeTensors.write(tmp, f32);
            AtomicFiles.write(dir.resolve(Lora.WEIGHTS), out -> Files.copy(tmp, out));
        } finally {
            Files.deleteIfExists(tmp);
        }
        AtomicFiles.writeString(dir.resolve(Lora.CONFIG), new GsonBuilder().setPrettyPrinting().create().toJson(c) + "\n");
    }

    @Override
    public void close() {
        manager.close();
    }
}
