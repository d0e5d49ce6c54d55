package com.llmea.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Hugging Face model directory: {@code config.json}, {@code model.safetensors}, {@code tokenizer.json},
 * {@code generation_config.json}. Loading accepts HF names with or without the {@code transformer.} prefix and
 * ignores the attention buffers and the tied {@code lm_head.weight}; saving is atomic.
 */
public final class ModelDir {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String GENERATION_CONFIG = "generation_config.json";

    private ModelDir() {
    }

    /** Parses a dtype option: float32 (default), float16 / fp16 / half. bfloat16 is refused (DJL 0.33 cannot hold it). */
    public static DataType parseDtype(String s) {
        if (s == null) {
            return DataType.FLOAT32;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "float32":
            case "fp32":
            case "f32":
                return DataType.FLOAT32;
            case "float16":
            case "fp16":
            case "f16":
            case "half":
                return DataType.FLOAT16;
            case "bfloat16":
            case "bf16":
                throw new IllegalArgumentException("dtype bfloat16 is not supported: DJL 0.33's PyTorch engine cannot hold"
                        + " bfloat16 arrays (bfloat16 files load fine, as float32 or float16); use float16 on a GPU");
            default:
                throw new IllegalArgumentException("unknown dtype '" + s + "' (float32, float16, bfloat16)");
        }
    }

    /** Parses a device option: cpu, gpu, gpu:N (or cuda, cuda:N); null picks DJL's default. */
    public static Device parseDevice(String s) {
        if (s == null || s.isBlank()) {
            return ai.djl.engine.Engine.getInstance().defaultDevice();
        }
        String v = s.toLowerCase(Locale.ROOT).replace("cuda", "gpu");
        return Device.fromName(v);
    }

    /** Loads config and weights in float32 on the default device. */
    public static Gpt2 load(Path dir) throws IOException {
        return load(dir, ai.djl.engine.Engine.getInstance().defaultDevice(), DataType.FLOAT32);
    }

    public static Gpt2 load(Path dir, Device device, DataType dtype) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("model directory " + dir + " does not exist");
        }
        Path cfg = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw new IOException(dir + " has no " + CONFIG);
        }
        Gpt2Config config = Gpt2Config.read(cfg);
        Path weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))) {
                throw new IOException(dir + " has only pytorch_model.bin, which llm-ea cannot read (a pickle); convert it"
                        + " to model.safetensors, e.g. in Python: from safetensors.torch import save_file; import torch;"
                        + " save_file(torch.load('pytorch_model.bin'), 'model.safetensors', metadata={'format':'pt'})"
                        + " (or save_pretrained(..., safe_serialization=True))");
            }
            throw new IOException(dir + " has no " + WEIGHTS);
        }
        NDManager m = NDManager.newBaseManager(device);
        try {
            Map<String, NDArray> tensors = SafeTensors.read(weights, m);
            Gpt2 model = Gpt2.fromTensors(config, tensors, m, dtype);
            // free tensors that were converted or ignored
            for (NDArray a : tensors.values()) {
                if (!model.parameters().containsValue(a)) {
                    a.close();
                }
            }
            return model;
        } catch (IllegalArgumentException e) {
            m.close();
            throw new IOException(weights + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The EOS id from generation_config.json, else config.json. */
    public static int eosTokenId(Path dir, Gpt2Config config) throws IOException {
        Path g = dir.resolve(GENERATION_CONFIG);
        if (Files.isRegularFile(g)) {
            JsonObject o = JsonParser.parseString(Files.readString(g)).getAsJsonObject();
            if (o.has("eos_token_id") && o.get("eos_token_id").isJsonPrimitive()) {
                return o.get("eos_token_id").getAsInt();
            }
        }
        return config.eosTokenId;
    }

    /**
     * Saves config.json, model.safetensors (HF names with the {@code transformer.} prefix, in the model's dtype),
     * generation_config.json (unless present) and, if given, a copy of {@code tokenizerJson}. Every file is
     * written to a temporary name and renamed into place; a new directory is built beside the target and renamed.
     */
    public static void save(Gpt2 model, Path dir, Path tokenizerJson) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(abs)) {
            Path tmp = Files.createTempDirectory(parent, abs.getFileName() + ".tmp-");
            try {
                writeFiles(model, tmp, tokenizerJson, abs);
                move(tmp, abs);
            } catch (IOException | RuntimeException e) {
                deleteTree(tmp);
                throw e;
            }
            return;
        }
        if (!Files.isDirectory(abs)) {
            throw new IOException(abs + " exists and is not a directory");
        }
        Path tmp = Files.createTempDirectory(abs, ".save-");
        try {
            writeFiles(model, tmp, tokenizerJson, abs);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    move(f, abs.resolve(f.getFileName().toString()));
                }
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static void writeFiles(Gpt2 model, Path dir, Path tokenizerJson, Path finalDir) throws IOException {
        model.config().write(dir.resolve(CONFIG));
        Map<String, NDArray> named = new LinkedHashMap<>(model.parameters());
        SafeTensors.write(dir.resolve(WEIGHTS), named);
        if (!Files.exists(finalDir.resolve(GENERATION_CONFIG))) {
            JsonObject g = new JsonObject();
            g.addProperty("bos_token_id", model.config().bosTokenId);
            g.addProperty("eos_token_id", model.config().eosTokenId);
            Files.writeString(dir.resolve(GENERATION_CONFIG),
                    new GsonBuilder().setPrettyPrinting().create().toJson(g) + "\n", StandardCharsets.UTF_8);
        }
        if (tokenizerJson != null) {
            Path src = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve(TOKENIZER) : tokenizerJson;
            if (!Files.isRegularFile(src)) {
                throw new IOException("tokenizer file " + src + " does not exist");
            }
            Files.copy(src, dir.resolve(TOKENIZER));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
