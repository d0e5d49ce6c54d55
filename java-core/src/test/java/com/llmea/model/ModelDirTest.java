package com.llmea.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading and saving HF model directories. */
class ModelDirTest {
    @TempDir
    Path tmp;

    @Test
    void saveThenReloadIsBitIdentical() throws Exception {
        Path dir = tmp.resolve("copy");
        try (Gpt2 a = ModelDir.load(Fixtures.tinyGpt2())) {
            ModelDir.save(a, dir, Fixtures.tinyGpt2().resolve("tokenizer.json"));
            assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
            assertTrue(Files.isRegularFile(dir.resolve("generation_config.json")));
            try (Gpt2 b = ModelDir.load(dir)) {
                assertEquals(a.config(), b.config());
                for (Map.Entry<String, NDArray> e : a.parameters().entrySet()) {
                    NDArray other = b.parameters().get(e.getKey());
                    assertTrue(e.getValue().contentEquals(other), e.getKey());
                    assertArrayEquals(e.getValue().toByteBuffer().array().length == 0 ? null : bytes(e.getValue()),
                            bytes(other), e.getKey());
                }
            }
            // saving again over the existing directory replaces the files atomically and leaves no temp files
            ModelDir.save(a, dir, null);
            try (var s = Files.list(dir)) {
                assertEquals(4, s.count());
            }
        }
        // the written file has the layout Python expects: metadata, HF names with the prefix, F32, sorted
        String header = headerOf(dir.resolve("model.safetensors"));
        JsonObject h = JsonParser.parseString(header).getAsJsonObject();
        assertEquals("pt", h.getAsJsonObject("__metadata__").get("format").getAsString());
        assertEquals(29, h.size());
        assertEquals("F32", h.getAsJsonObject("transformer.h.1.attn.c_attn.weight").get("dtype").getAsString());
        assertEquals(8 + header.length(), 8 + ((header.length() + 7) / 8 * 8));
    }

    private static byte[] bytes(NDArray a) {
        java.nio.ByteBuffer b = a.toByteBuffer();
        byte[] r = new byte[b.remaining()];
        b.get(r);
        return r;
    }

    private static String headerOf(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        long n = java.nio.ByteBuffer.wrap(all, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(all, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void configRoundTripKeepsUnknownKeys() throws Exception {
        Gpt2Config c = Gpt2Config.read(Fixtures.tinyGpt2().resolve("config.json"));
        assertEquals(64, c.nEmbd);
        assertEquals(2, c.nLayer);
        assertEquals(4, c.nHead);
        assertEquals(256, c.nPositions);
        assertEquals(256, c.innerDim());
        assertEquals(1e-5, c.layerNormEpsilon);
        assertEquals(0.2, c.initializerRange);
        assertEquals(50256, c.eosTokenId);
        Path out = tmp.resolve("config.json");
        c.write(out);
        Gpt2Config back = Gpt2Config.read(out);
        assertEquals(c, back);
        JsonObject orig = JsonParser.parseString(Files.readString(Fixtures.tinyGpt2().resolve("config.json"))).getAsJsonObject();
        JsonObject written = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(orig.keySet(), written.keySet());
        assertEquals(orig.get("summary_type"), written.get("summary_type"));
        assertTrue(written.get("n_inner").isJsonNull());
        assertEquals(Gpt2Config.tiny().nEmbd, c.nEmbd);
        Gpt2Config s = Gpt2Config.small();
        assertEquals(124_439_808L, s.parameterCount());
    }

    @Test
    void acceptsNamesWithoutPrefixAndIgnoresBuffers() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = SafeTensors.read(Fixtures.tinyGpt2().resolve("model.safetensors"), m);
            Map<String, NDArray> renamed = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : t.entrySet()) {
                renamed.put(e.getKey().substring("transformer.".length()), e.getValue());
            }
            renamed.put("h.0.attn.bias", m.ones(new Shape(1, 1, 256, 256)));
            renamed.put("h.0.attn.masked_bias", m.create(-1e4f));
            renamed.put("lm_head.weight", t.get("transformer.wte.weight"));
            Path dir = writeDir("noprefix", renamed);
            try (Gpt2 a = ModelDir.load(dir); Gpt2 b = ModelDir.load(Fixtures.tinyGpt2()); NDScope s = new NDScope()) {
                s.suppressNotUsedWarning();
                long[][] ids = {{1, 2, 3, 4}};
                assertTrue(a.logits(ids).contentEquals(b.logits(ids)));
            }
        }
    }

    @Test
    void errorsNameTheTensor() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = SafeTensors.read(Fixtures.tinyGpt2().resolve("model.safetensors"), m);

            Map<String, NDArray> missing = new LinkedHashMap<>(t);
            missing.remove("transformer.h.1.mlp.c_fc.bias");
            IOException e1 = assertThrows(IOException.class, () -> ModelDir.load(writeDir("missing", missing)));
            assertTrue(e1.getMessage().contains("missing tensors [transformer.h.1.mlp.c_fc.bias]"), e1.getMessage());

            Map<String, NDArray> extra = new LinkedHashMap<>(t);
            extra.put("transformer.h.2.ln_1.weight", m.ones(new Shape(64)));
            IOException e2 = assertThrows(IOException.class, () -> ModelDir.load(writeDir("extra", extra)));
            assertTrue(e2.getMessage().contains("unexpected tensors [transformer.h.2.ln_1.weight]"), e2.getMessage());

            Map<String, NDArray> shape = new LinkedHashMap<>(t);
            shape.put("transformer.h.0.attn.c_attn.weight", m.zeros(new Shape(192, 64)));
            IOException e3 = assertThrows(IOException.class, () -> ModelDir.load(writeDir("shape", shape)));
            assertTrue(e3.getMessage().contains("transformer.h.0.attn.c_attn.weight has shape (192, 64), expected (64, 192)"),
                    e3.getMessage());
        }
    }

    @Test
    void pytorchBinGetsAClearError() throws Exception {
        Path dir = tmp.resolve("bin");
        Files.createDirectories(dir);
        Files.copy(Fixtures.tinyGpt2().resolve("config.json"), dir.resolve("config.json"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {0x50, 0x4b});
        IOException e = assertThrows(IOException.class, () -> ModelDir.load(dir));
        assertTrue(e.getMessage().contains("convert it to model.safetensors"), e.getMessage());
    }

    @Test
    void loadsHalfPrecisionFilesAndConvertsDtype() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = SafeTensors.read(Fixtures.tinyGpt2().resolve("model.safetensors"), m);
            // float16 file: written through DJL
            Map<String, NDArray> half = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : t.entrySet()) {
                half.put(e.getKey(), e.getValue().toType(DataType.FLOAT16, true));
            }
            Path f16 = writeDir("f16", half);
            assertEquals("F16", SafeTensors.readHeader(f16.resolve("model.safetensors")).get(0).dtype());
            // bfloat16 file: the float32 file with every value cut to its upper 16 bits, as torch would store it
            Path bf16 = tmp.resolve("bf16");
            Files.createDirectories(bf16);
            Files.copy(Fixtures.tinyGpt2().resolve("config.json"), bf16.resolve("config.json"));
            writeBf16(Fixtures.tinyGpt2().resolve("model.safetensors"), bf16.resolve("model.safetensors"));
            try (Gpt2 a = ModelDir.load(f16, Device.cpu(), DataType.FLOAT32);
                 Gpt2 b = ModelDir.load(bf16, Device.cpu(), DataType.FLOAT32)) {
                NDArray w = a.parameters().get("transformer.wte.weight");
                assertEquals(DataType.FLOAT32, w.getDataType());
                assertTrue(w.contentEquals(half.get("transformer.wte.weight").toType(DataType.FLOAT32, true)));
                float[] orig = t.get("transformer.h.0.mlp.c_fc.weight").toFloatArray();
                float[] got = b.parameters().get("transformer.h.0.mlp.c_fc.weight").toFloatArray();
                for (int i = 0; i < orig.length; i++) {
                    assertEquals(Float.floatToRawIntBits(orig[i]) & 0xffff0000, Float.floatToRawIntBits(got[i]));
                }
            }
            try (Gpt2 a = ModelDir.load(Fixtures.tinyGpt2(), Device.cpu(), DataType.FLOAT16)) {
                assertEquals(DataType.FLOAT16, a.dataType());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDir.parseDtype("bf16"));
            assertTrue(e.getMessage().contains("bfloat16"));
        }
    }

    /** Rewrites an all-F32 safetensors file as BF16 (truncating), byte by byte. */
    private static void writeBf16(Path src, Path dst) throws IOException {
        byte[] all = Files.readAllBytes(src);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = (int) bb.getLong(0);
        JsonObject h = JsonParser.parseString(new String(all, 8, n, java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject out = new JsonObject();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (String k : h.keySet()) {
            if (k.equals("__metadata__")) {
                out.add(k, h.get(k));
                continue;
            }
            JsonObject t = h.getAsJsonObject(k).deepCopy();
            long b = t.getAsJsonArray("data_offsets").get(0).getAsLong();
            long e = t.getAsJsonArray("data_offsets").get(1).getAsLong();
            long start = data.size();
            for (long i = b; i < e; i += 4) {
                int bits = bb.getInt((int) (8 + n + i));
                data.write((bits >>> 16) & 0xff);
                data.write((bits >>> 24) & 0xff);
            }
            t.addProperty("dtype", "BF16");
            com.google.gson.JsonArray off = new com.google.gson.JsonArray();
            off.add(start);
            off.add(data.size());
            t.add("data_offsets", off);
            out.add(k, t);
        }
        byte[] hj = out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int padded = (hj.length + 7) / 8 * 8;
        try (java.io.OutputStream os = Files.newOutputStream(dst)) {
            os.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            os.write(hj);
            for (int i = hj.length; i < padded; i++) {
                os.write(' ');
            }
            data.writeTo(os);
        }
    }

    private Path writeDir(String name, Map<String, NDArray> tensors) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.copy(Fixtures.tinyGpt2().resolve("config.json"), dir.resolve("config.json"));
        SafeTensors.write(dir.resolve("model.safetensors"), tensors);
        return dir;
    }
}
