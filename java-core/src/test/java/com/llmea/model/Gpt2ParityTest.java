package com.llmea.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logits and loss of the fixture tiny-gpt2 match Hugging Face's. */
class Gpt2ParityTest {
    static Gpt2 model;

    @BeforeAll
    static void load() throws Exception {
        model = ModelDir.load(Fixtures.tinyGpt2());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void allLogitsMatchWithin1e4() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> ref = SafeTensors.read(Fixtures.tinyGpt2().resolve("expected_logits.safetensors"), m);
            NDArray ids = ref.get("input_ids");
            long[] flat = ids.toLongArray();
            long[][] rows = new long[2][16];
            for (int i = 0; i < 32; i++) {
                rows[i / 16][i % 16] = flat[i];
            }
            JsonObject exp = Fixtures.json("tiny-gpt2/expected.json");
            assertArrayEquals(Fixtures.longs2(exp.getAsJsonArray("input_ids")), rows);
            float[] got = model.logits(rows).toFloatArray();
            float[] want = ref.get("logits_f32").toFloatArray();
            assertEquals(want.length, got.length);
            assertEquals(2 * 16 * 50257, got.length);
            double max = 0;
            for (int i = 0; i < got.length; i++) {
                max = Math.max(max, Math.abs(got[i] - want[i]));
            }
            assertTrue(max <= 1e-4, "max |logit diff| = " + max);
        }
    }

    @Test
    void float16IsCloseToFloat32() throws Exception {
        JsonObject exp = Fixtures.json("tiny-gpt2/expected.json");
        long[][] ids = Fixtures.longs2(exp.getAsJsonArray("input_ids"));
        try (Gpt2 half = ModelDir.load(Fixtures.tinyGpt2(), ai.djl.Device.cpu(), ai.djl.ndarray.types.DataType.FLOAT16);
             NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray h = half.logits(ids);
            assertEquals(ai.djl.ndarray.types.DataType.FLOAT16, h.getDataType());
            float[] got = h.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            float[] want = model.logits(ids).toFloatArray();
            double max = 0;
            for (int i = 0; i < got.length; i++) {
                max = Math.max(max, Math.abs(got[i] - want[i]));
            }
            assertTrue(max < 0.05, "float16 max |logit diff| = " + max);
            assertEquals(exp.get("loss").getAsDouble(), half.loss(ids), 1e-2);
        }
    }

    @Test
    void lossMatches() {
        JsonObject exp = Fixtures.json("tiny-gpt2/expected.json");
        long[][] ids = Fixtures.longs2(exp.getAsJsonArray("input_ids"));
        double loss = model.loss(ids);
        assertEquals(exp.get("loss").getAsDouble(), loss, 1e-5);
    }
}
