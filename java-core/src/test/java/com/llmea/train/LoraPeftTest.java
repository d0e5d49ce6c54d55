package com.llmea.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.model.Fixtures;
import com.llmea.model.Gpt2;
import com.llmea.model.KvCache;
import com.llmea.model.ModelDir;
import com.llmea.model.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PEFT fixture adapter on tiny-gpt2 reproduces PEFT's logits, loss and generation, applied and merged. */
@org.junit.jupiter.api.extension.ExtendWith(com.llmea.infer.OneTorchThread.class)
class LoraPeftTest {
    static final Path DIR = Fixtures.root().resolve("lora-peft");

    @Test
    void adapterAppliedAndMergedMatchPeft(@TempDir Path tmp) throws Exception {
        JsonObject exp = Fixtures.json("lora-peft/expected.json");
        long[][] ids = Fixtures.longs2(exp.getAsJsonArray("input_ids"));
        try (Gpt2 model = ModelDir.load(Fixtures.tinyGpt2()); Lora lora = Lora.load(DIR, model)) {
            assertEquals(8.0, lora.scaling());
            assertEquals(4 * 64 * 2 + 192 * 4 * 2, lora.parameterCount());
            model.setAdapters(lora);
            checkLogits(model, ids, exp.getAsJsonObject("adapter"));
            checkGeneration(model, exp.getAsJsonObject("generation"));

            // saving gives PEFT's layout back, bit for bit in the tensors
            lora.save(tmp.resolve("saved"), "tiny-gpt2");
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> want = SafeTensors.read(DIR.resolve(Lora.WEIGHTS), m);
                Map<String, NDArray> got = SafeTensors.read(tmp.resolve("saved").resolve(Lora.WEIGHTS), m);
                assertEquals(want.keySet(), got.keySet());
                for (String k : want.keySet()) {
                    assertArrayEquals(want.get(k).toFloatArray(), got.get(k).toFloatArray(), k);
                }
            }
            JsonObject cfg = JsonParser.parseString(Files.readString(tmp.resolve("saved").resolve(Lora.CONFIG)))
                    .getAsJsonObject();
            assertEquals("LORA", cfg.get("peft_type").getAsString());
            assertEquals(4, cfg.get("r").getAsInt());
            assertTrue(cfg.get("fan_in_fan_out").getAsBoolean());

            lora.mergeInto(model);
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> want = SafeTensors.read(DIR.resolve("merged/model.safetensors"), m);
                double worst = 0;
                for (Map.Entry<String, NDArray> e : want.entrySet()) {
                    float[] w = e.getValue().toFloatArray();
                    float[] g = model.parameters().get(e.getKey()).toFloatArray();
                    for (int i = 0; i < w.length; i++) {
                        worst = Math.max(worst, Math.abs(w[i] - g[i]));
                    }
                }
                assertTrue(worst <= 1e-6, "merged weights differ by " + worst);
            }
            checkLogits(model, ids, exp.getAsJsonObject("merged"));
            checkGeneration(model, exp.getAsJsonObject("generation"));
        }
    }

    @Test
    void freshAdapterIsExactlyTheBaseModel() throws Exception {
        JsonObject exp = Fixtures.json("tiny-gpt2/expected.json");
        long[][] ids = Fixtures.longs2(exp.getAsJsonArray("input_ids"));
        try (Gpt2 model = ModelDir.load(Fixtures.tinyGpt2()); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float[] base = model.logits(ids).toFloatArray();
            try (Lora lora = Lora.create(model, 8, 32, 0.1, List.of("c_attn", "c_proj", "c_fc"), 1)) {
                model.setAdapters(lora);
                assertArrayEquals(base, model.logits(ids).toFloatArray());
                // and in training mode with LoRA dropout on, B = 0 still contributes nothing
                Batch b = Batch.full(ids);
                double lossTrain = TrainStep.loss(model, b, false).getFloat();
                assertEquals(exp.get("loss").getAsDouble(), lossTrain, 1e-5);
            }
        }
    }

    static void checkLogits(Gpt2 model, long[][] ids, JsonObject want) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = model.logits(ids);
            float[] all = logits.toFloatArray();
            int v = 50257, t = ids[0].length;
            JsonArray first8 = want.getAsJsonArray("logits_first8_all_positions");
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < t; i++) {
                    JsonArray row = first8.get(b).getAsJsonArray().get(i).getAsJsonArray();
                    for (int j = 0; j < 8; j++) {
                        assertEquals(row.get(j).getAsDouble(), all[(b * t + i) * v + j], 1e-4);
                    }
                }
            }
            for (var e : want.getAsJsonArray("logits_rows")) {
                JsonObject r = e.getAsJsonObject();
                int b = r.get("b").getAsInt(), i = r.get("t").getAsInt();
                JsonArray full = r.getAsJsonArray("logits");
                double worst = 0;
                for (int j = 0; j < v; j++) {
                    worst = Math.max(worst, Math.abs(full.get(j).getAsDouble() - all[(b * t + i) * v + j]));
                }
                assertTrue(worst <= 1e-4, "row (" + b + "," + i + ") differs by " + worst);
            }
            assertEquals(want.get("loss").getAsDouble(), model.loss(ids), 1e-4);
        }
    }

    static void checkGeneration(Gpt2 model, JsonObject gen) {
        long[] prompt = Fixtures.longs(gen.getAsJsonArray("prompt_ids"));
        long[] want = Fixtures.longs(gen.getAsJsonArray("new_ids"));
        assertArrayEquals(want, Greedy.generate(model, prompt, want.length));
    }
}
