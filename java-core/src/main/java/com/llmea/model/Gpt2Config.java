package com.llmea.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GPT-2 hyper-parameters, read from and written to Hugging Face's {@code config.json}. Keys this class does not
 * know (architectures, summary_*, torch_dtype, ...) are kept and written back unchanged.
 */
public final class Gpt2Config {
    public final int vocabSize;
    public final int nPositions;
    public final int nCtx;
    public final int nEmbd;
    public final int nLayer;
    public final int nHead;
    /** Width of the MLP hidden layer; null in config.json means 4 * n_embd. */
    public final Integer nInner;
    public final String activationFunction;
    public final double layerNormEpsilon;
    public final double residPdrop;
    public final double embdPdrop;
    public final double attnPdrop;
    public final double initializerRange;
    public final int bosTokenId;
    public final int eosTokenId;
    private final JsonObject raw; // everything as read, unknown keys included

    private Gpt2Config(JsonObject o) {
        this.raw = o.deepCopy();
        this.vocabSize = intOr(o, "vocab_size", 50257);
        this.nPositions = intOr(o, "n_positions", 1024);
        this.nCtx = intOr(o, "n_ctx", nPositions);
        this.nEmbd = intOr(o, "n_embd", 768);
        this.nLayer = intOr(o, "n_layer", 12);
        this.nHead = intOr(o, "n_head", 12);
        JsonElement inner = o.get("n_inner");
        this.nInner = inner == null || inner.isJsonNull() ? null : inner.getAsInt();
        this.activationFunction = o.has("activation_function") ? o.get("activation_function").getAsString() : "gelu_new";
        this.layerNormEpsilon = doubleOr(o, "layer_norm_epsilon", 1e-5);
        this.residPdrop = doubleOr(o, "resid_pdrop", 0.1);
        this.embdPdrop = doubleOr(o, "embd_pdrop", 0.1);
        this.attnPdrop = doubleOr(o, "attn_pdrop", 0.1);
        this.initializerRange = doubleOr(o, "initializer_range", 0.02);
        this.bosTokenId = intOr(o, "bos_token_id", 50256);
        this.eosTokenId = intOr(o, "eos_token_id", 50256);
        if (nEmbd <= 0 || nHead <= 0 || nEmbd % nHead != 0) {
            throw new IllegalArgumentException("config: n_embd (" + nEmbd + ") must be a positive multiple of n_head (" + nHead + ")");
        }
        if (nLayer <= 0 || vocabSize <= 0 || nPositions <= 0) {
            throw new IllegalArgumentException("config: n_layer, vocab_size and n_positions must be positive");
        }
        if (!"gelu_new".equals(activationFunction)) {
            throw new IllegalArgumentException("config: activation_function '" + activationFunction + "' is not supported (only gelu_new)");
        }
        if (o.has("scale_attn_by_inverse_layer_idx") && o.get("scale_attn_by_inverse_layer_idx").getAsBoolean()) {
            throw new IllegalArgumentException("config: scale_attn_by_inverse_layer_idx=true is not supported");
        }
    }

    private static int intOr(JsonObject o, String k, int d) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? d : e.getAsInt();
    }

    private static double doubleOr(JsonObject o, String k, double d) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? d : e.getAsDouble();
    }

    public int headDim() {
        return nEmbd / nHead;
    }

    public int innerDim() {
        return nInner == null ? 4 * nEmbd : nInner;
    }

    public static Gpt2Config fromJson(JsonObject o) {
        return new Gpt2Config(o);
    }

    public static Gpt2Config parse(String json) {
        return new Gpt2Config(JsonParser.parseString(json).getAsJsonObject());
    }

    public static Gpt2Config read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Like the fixture tiny-gpt2: 64 wide, 2 layers, 4 heads, 256 positions, the full GPT-2 vocabulary. */
    public static Gpt2Config tiny() {
        return of(64, 2, 4, 256);
    }

    /** GPT-2 small (124M): 768 wide, 12 layers, 12 heads, 1024 positions. */
    public static Gpt2Config small() {
        return of(768, 12, 12, 1024);
    }

    public static Gpt2Config of(int nEmbd, int nLayer, int nHead, int nPositions) {
        JsonObject o = new JsonObject();
        o.addProperty("activation_function", "gelu_new");
        com.google.gson.JsonArray arch = new com.google.gson.JsonArray();
        arch.add("GPT2LMHeadModel");
        o.add("architectures", arch);
        o.addProperty("attn_pdrop", 0.1);
        o.addProperty("bos_token_id", 50256);
        o.addProperty("embd_pdrop", 0.1);
        o.addProperty("eos_token_id", 50256);
        o.addProperty("initializer_range", 0.02);
        o.addProperty("layer_norm_epsilon", 1e-5);
        o.addProperty("model_type", "gpt2");
        o.addProperty("n_ctx", nPositions);
        o.addProperty("n_embd", nEmbd);
        o.addProperty("n_head", nHead);
        o.add("n_inner", JsonNull.INSTANCE);
        o.addProperty("n_layer", nLayer);
        o.addProperty("n_positions", nPositions);
        o.addProperty("resid_pdrop", 0.1);
        o.addProperty("scale_attn_weights", true);
        o.addProperty("torch_dtype", "float32");
        o.addProperty("use_cache", true);
        o.addProperty("vocab_size", 50257);
        return new Gpt2Config(o);
    }

    /** The preset name (tiny, small) or a config.json path. */
    public static Gpt2Config preset(String nameOrFile) throws IOException {
        switch (nameOrFile) {
            case "tiny":
                return tiny();
            case "small":
            case "gpt2":
                return small();
            default:
                Path p = Path.of(nameOrFile);
                if (Files.isDirectory(p)) {
                    p = p.resolve("config.json");
                }
                if (!Files.isRegularFile(p)) {
                    throw new IOException("unknown config '" + nameOrFile + "': use tiny, small or a config.json file");
                }
                return read(p);
        }
    }

    /** The JSON to write: the keys as read (unknown ones included) with the known ones updated. */
    public JsonObject toJson() {
        JsonObject o = raw.deepCopy();
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("n_positions", nPositions);
        if (raw.has("n_ctx")) {
            o.addProperty("n_ctx", nCtx);
        }
        o.addProperty("n_embd", nEmbd);
        o.addProperty("n_layer", nLayer);
        o.addProperty("n_head", nHead);
        if (nInner == null) {
            o.add("n_inner", JsonNull.INSTANCE);
        } else {
            o.addProperty("n_inner", nInner);
        }
        o.addProperty("activation_function", activationFunction);
        o.addProperty("layer_norm_epsilon", layerNormEpsilon);
        o.addProperty("resid_pdrop", residPdrop);
        o.addProperty("embd_pdrop", embdPdrop);
        o.addProperty("attn_pdrop", attnPdrop);
        o.addProperty("initializer_range", initializerRange);
        o.addProperty("bos_token_id", bosTokenId);
        o.addProperty("eos_token_id", eosTokenId);
        if (!o.has("model_type")) {
            o.addProperty("model_type", "gpt2");
        }
        return o;
    }

    public String toJsonString() {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
        return gson.toJson(toJson()) + "\n";
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJsonString(), StandardCharsets.UTF_8);
    }

    /** Number of trainable parameters (lm_head tied, so not counted twice). */
    public long parameterCount() {
        long c = nEmbd, f = innerDim();
        long perLayer = 2 * 2 * c + c * 3 * c + 3 * c + c * c + c + c * f + f + f * c + c;
        return (long) vocabSize * c + (long) nPositions * c + nLayer * perLayer + 2 * c;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Gpt2Config && ((Gpt2Config) other).toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "Gpt2Config[n_embd=" + nEmbd + ", n_layer=" + nLayer + ", n_head=" + nHead + ", n_positions=" + nPositions
                + ", vocab=" + vocabSize + "]";
    }
}
