package com.llmea.train;

import ai.djl.ndarray.NDArray;
import com.llmea.model.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run stopped after k steps and resumed from its checkpoint ends with exactly the weights of an uninterrupted
 * run (dropout on, shuffling across an epoch boundary, gradient accumulation).
 */
@org.junit.jupiter.api.extension.ExtendWith(com.llmea.infer.OneTorchThread.class)
class ResumeTest {

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path base = TrainFixtures.tinyBase(tmp.resolve("base"), 7);
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<String> lines = Files.readAllLines(Fixtures.root().resolve("textdataset-packing/train.txt"));
        Files.write(data.resolve("train.txt"), lines.subList(0, 4));
        Files.write(data.resolve("valid.txt"), lines.subList(190, 194));

        Map<String, float[]> full = train(base, data, tmp.resolve("full"), false, 0);
        // "crash" after 3 steps (the checkpoint of step 2 is the last one), then resume to the end
        train(base, data, tmp.resolve("crash"), false, 3);
        assertFalse(Files.exists(tmp.resolve("crash").resolve("model.safetensors")));
        try (Stream<Path> s = Files.list(tmp.resolve("crash").resolve(Trainer.CHECKPOINTS))) {
            assertEquals(List.of("best", "checkpoint-00000002"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Map<String, float[]> resumed = train(base, data, tmp.resolve("crash"), true, 0);
        assertEquals(full.keySet(), resumed.keySet());
        for (String k : full.keySet()) {
            assertArrayEquals(full.get(k), resumed.get(k), k);
        }
        assertTrue(Files.isRegularFile(tmp.resolve("crash").resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(tmp.resolve("crash").resolve(Trainer.CHART)));
        List<String> metrics = Files.readAllLines(tmp.resolve("crash").resolve(Trainer.METRICS));
        assertEquals(1 + 6, metrics.size(), String.join("\n", metrics));
        assertEquals(Files.readAllLines(tmp.resolve("full").resolve(Trainer.METRICS)).stream()
                        .map(l -> l.substring(0, l.lastIndexOf(','))).toList(),
                metrics.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    }

    static Map<String, float[]> train(Path base, Path data, Path out, boolean resume, long stopAfter) throws Exception {
        TrainOptions o = new TrainOptions();
        o.baseModel = base;
        o.dataset = data;
        o.output = out;
        o.packing = Packing.STREAM;
        o.blockSize = 32;
        o.batchSize = 4;
        o.gradAccum = 2;
        o.maxSteps = 6; // 4 lines = 30 blocks of 32 = 8 batches of 4 = 4 steps per epoch: crosses an epoch
        o.epochs = 1;
        o.lr = 1e-3;
        o.warmupSteps = 2;
        o.weightDecay = 0.01;
        o.saveEvery = 2;
        o.evalEvery = 2;
        o.keep = 1;
        o.loadBestAtEnd = false;
        o.resume = resume;
        o.stopAfter = stopAfter;
        o.device = "cpu";
        try (Trainer t = new Trainer(o, null)) {
            t.run();
            Map<String, float[]> w = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : t.trainable().entrySet()) {
                w.put(e.getKey(), e.getValue().toFloatArray());
            }
            return w;
        }
    }
}
