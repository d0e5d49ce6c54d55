package com.llmea.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.llmea.model.Fixtures;
import com.llmea.model.Gpt2;
import com.llmea.model.ModelDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LoRA and bottleneck adapters train with the base frozen; a trained LoRA merged and unmerged agree. */
@org.junit.jupiter.api.extension.ExtendWith(com.llmea.infer.OneTorchThread.class)
class PeftTrainingTest {
    static final long[][] IDS = {{16, 13, 23188, 1959, 352, 13, 1558, 2919, 352, 13, 1558, 4790, 198, 16, 13, 22}};

    static TrainOptions options(Path tmp, TrainOptions.Method method) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<String> lines = Files.readAllLines(Fixtures.root().resolve("textdataset-packing/train.txt"));
        Files.write(data.resolve("train.txt"), lines.subList(0, 3));
        Files.write(data.resolve("valid.txt"), List.of());
        TrainOptions o = new TrainOptions();
        o.baseModel = TrainFixtures.tinyBase(tmp.resolve("base"), 5);
        o.dataset = data;
        o.output = tmp.resolve("out");
        o.method = method;
        o.packing = Packing.STREAM;
        o.blockSize = 32;
        o.batchSize = 2;
        o.maxSteps = 4;
        o.lr = 1e-2;
        o.device = "cpu";
        return o;
    }

    @Test
    void trainedLoraMergedEqualsUnmerged(@TempDir Path tmp) throws Exception {
        TrainOptions o = options(tmp, TrainOptions.Method.LORA);
        o.loraR = 4;
        o.loraAlpha = 16;
        o.loraTargets = List.of("c_attn", "c_proj", "c_fc");
        o.merge = true;
        try (Trainer t = new Trainer(o, null)) {
            assertEquals("trainable params: 8,192 || all params: 3,341,120 || trainable%: 0.2452", t.parameterSummary());
            t.run();
        }
        assertTrue(Files.isRegularFile(o.output.resolve(Lora.CONFIG)));
        assertTrue(Files.isRegularFile(o.output.resolve(ModelDir.TOKENIZER)));
        try (Gpt2 base = ModelDir.load(o.baseModel); Gpt2 merged = ModelDir.load(o.output.resolve("merged"));
             Lora lora = Lora.load(o.output, base); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // the base was frozen: every tensor that LoRA does not touch is bit-identical
            for (String k : base.parameters().keySet()) {
                boolean adapted = k.endsWith("c_attn.weight") || k.endsWith("c_proj.weight") || k.endsWith("c_fc.weight");
                float[] a = base.parameters().get(k).toFloatArray();
                float[] b = merged.parameters().get(k).toFloatArray();
                if (adapted) {
                    assertFalse(java.util.Arrays.equals(a, b), k + " should carry the merged update");
                } else {
                    assertArrayEquals(a, b, k);
                }
            }
            float[] plain = base.logits(IDS).toFloatArray();
            base.setAdapters(lora);
            float[] unmerged = base.logits(IDS).toFloatArray();
            float[] m = merged.logits(IDS).toFloatArray();
            double worst = 0;
            double moved = 0;
            for (int i = 0; i < m.length; i++) {
                worst = Math.max(worst, Math.abs(m[i] - unmerged[i]));
                moved = Math.max(moved, Math.abs(plain[i] - unmerged[i]));
            }
            assertTrue(worst <= 1e-5, "merged vs unmerged: " + worst);
            assertTrue(moved > 1e-2, "training moved the logits by only " + moved);
        }
    }

    @Test
    void bottleneckAdaptersTrainWithBaseFrozen(@TempDir Path tmp) throws Exception {
        TrainOptions o = options(tmp, TrainOptions.Method.ADAPTER);
        o.adapterSize = 8;
        float[] before;
        float[] after;
        try (Trainer t = new Trainer(o, null)) {
            // 2 layers x 2 places x (64*8 + 8 + 8*64 + 64)
            assertEquals(4 * (64 * 8 + 8 + 8 * 64 + 64), t.trainable().values().stream().mapToLong(NDArray::size).sum());
            try (NDScope s = new NDScope()) {
                s.suppressNotUsedWarning();
                before = t.model().logits(IDS).toFloatArray(); // up-projections start at 0: the base model
            }
            float[] wte = t.model().parameters().get("transformer.wte.weight").toFloatArray();
            t.run();
            assertArrayEquals(wte, t.model().parameters().get("transformer.wte.weight").toFloatArray());
            try (NDScope s = new NDScope()) {
                s.suppressNotUsedWarning();
                after = t.model().logits(IDS).toFloatArray();
            }
        }
        try (Gpt2 base = ModelDir.load(o.baseModel); BottleneckAdapters ad = BottleneckAdapters.load(o.output, base);
             NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            assertArrayEquals(before, base.logits(IDS).toFloatArray());
            base.setAdapters(ad);
            assertArrayEquals(after, base.logits(IDS).toFloatArray(), 1e-6f);
            assertFalse(java.util.Arrays.equals(before, after));
        }
    }
}
