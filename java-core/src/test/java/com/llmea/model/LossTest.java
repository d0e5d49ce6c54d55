package com.llmea.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shifted LM loss with an ignore index, and that gradients reach the parameters. */
class LossTest {
    @Test
    void ignoreIndexDropsPositions() throws Exception {
        JsonObject exp = Fixtures.json("tiny-gpt2/expected.json");
        long[][] ids = Fixtures.longs2(exp.getAsJsonArray("input_ids"));
        try (Gpt2 model = ModelDir.load(Fixtures.tinyGpt2()); NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            NDManager m = model.manager();
            // row 0 alone vs both rows with row 1's labels ignored: same loss
            double row0 = model.loss(new long[][] {ids[0]});
            NDArray logits = model.logits(ids);
            long[] labels = new long[32];
            for (int t = 0; t < 16; t++) {
                labels[t] = ids[0][t];
                labels[16 + t] = -100;
            }
            double masked = Gpt2.lmLoss(logits, m.create(labels, new Shape(2, 16))).getFloat();
            assertEquals(row0, masked, 1e-6);
            assertEquals(exp.get("loss").getAsDouble(), model.loss(ids), 1e-5);
        }
    }

    @Test
    void gradientsFlowToEveryParameter() throws Exception {
        try (Gpt2 model = ModelDir.load(Fixtures.tinyGpt2()); NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            for (NDArray p : model.parameters().values()) {
                p.setRequiresGradient(true);
            }
            NDManager m = model.manager();
            long[] ids = {1, 2, 3, 4, 5, 6, 7, 8};
            NDArray x = m.create(ids, new Shape(1, 8));
            NDArray pos = m.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, new Shape(1, 8));
            float[] bias = new float[64];
            for (int i = 0; i < 8; i++) {
                for (int j = i + 1; j < 8; j++) {
                    bias[i * 8 + j] = -1e9f;
                }
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(x, pos, m.create(bias, new Shape(1, 1, 8, 8)), null, false, false);
                NDArray loss = Gpt2.lmLoss(logits, x);
                gc.backward(loss);
            }
            for (var e : model.parameters().entrySet()) {
                float norm = e.getValue().getGradient().abs().sum().getFloat();
                assertTrue(norm > 0, e.getKey() + " has no gradient");
            }
            // the differentiable path (x W + b) gives the same logits as the fused inference path
            float[] plain = model.forward(x, pos, m.create(bias, new Shape(1, 1, 8, 8)), null, false, false).toFloatArray();
            for (NDArray p : model.parameters().values()) {
                p.setRequiresGradient(false);
            }
            float[] fused = model.forward(x, pos, m.create(bias, new Shape(1, 1, 8, 8)), null, false, false).toFloatArray();
            double max = 0;
            for (int i = 0; i < plain.length; i++) {
                max = Math.max(max, Math.abs(plain[i] - fused[i]));
            }
            assertTrue(max < 1e-5, "fused vs plain: " + max);
        }
    }
}
