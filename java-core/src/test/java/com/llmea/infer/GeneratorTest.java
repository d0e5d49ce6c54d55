package com.llmea.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import com.google.gson.JsonObject;
import com.llmea.model.Fixtures;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;
import com.llmea.model.ModelDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Greedy generation matches HF's on tiny-gpt2, with and without the KV cache, batched and not; sampling. */
@org.junit.jupiter.api.extension.ExtendWith(OneTorchThread.class)
class GeneratorTest {
    static Gpt2 model;
    static Generator gen;
    @BeforeAll
    static void load() throws Exception {
        model = ModelDir.load(Fixtures.tinyGpt2());
        gen = new Generator(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void greedyMatchesHfWithAndWithoutCache() {
        JsonObject g = Fixtures.json("tiny-gpt2/expected.json").getAsJsonObject("generation");
        long[] prompt = Fixtures.longs(g.getAsJsonArray("prompt_ids"));
        long[] want = Fixtures.longs(g.getAsJsonArray("new_ids"));
        assertEquals(40, want.length);
        Generator.Options o = Generator.Options.of(40);
        assertArrayEquals(want, gen.generate(prompt, new Greedy(), o));
        assertArrayEquals(want, gen.generate(prompt, new Greedy(), o.withCache(false)));
    }

    @Test
    void leftPaddedBatchMatchesHfAndUnbatched() {
        JsonObject bg = Fixtures.json("tiny-gpt2/batched-generation.json");
        long[][] ids = Fixtures.longs2(bg.getAsJsonArray("input_ids"));
        int[][] mask = Fixtures.ints2(bg.getAsJsonArray("attention_mask"));
        long[][] want = Fixtures.longs2(bg.getAsJsonArray("new_ids"));
        List<long[]> prompts = new ArrayList<>();
        for (int r = 0; r < ids.length; r++) {
            int off = 0;
            while (mask[r][off] == 0) {
                off++;
            }
            prompts.add(Arrays.copyOfRange(ids[r], off, ids[r].length));
        }
        assertEquals(List.of(20, 14, 9), prompts.stream().map(p -> p.length).toList());
        // HF's position ids and first-step logits of the padded batch
        assertArrayEquals(Fixtures.longs2(bg.getAsJsonArray("position_ids_prompt_step")), Gpt2.positionIds(mask));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = model.step(ids, mask, null, true); // (3, 1, V)
            for (int r = 0; r < 3; r++) {
                float[] got = logits.get(r, 0).get(new NDIndex("0:8")).toFloatArray();
                com.google.gson.JsonArray want8 = bg.getAsJsonArray("first_step_logits_first8").get(r).getAsJsonArray();
                for (int i = 0; i < 8; i++) {
                    assertEquals(want8.get(i).getAsDouble(), got[i], 1e-4, "row " + r + " logit " + i);
                }
            }
        }
        Generator.Options o = Generator.Options.of(40);
        List<long[]> cached = gen.generate(prompts, new Greedy(), o);
        List<long[]> plain = gen.generate(prompts, new Greedy(), o.withCache(false));
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(want[r], cached.get(r), "row " + r + " (cache)");
            assertArrayEquals(want[r], plain.get(r), "row " + r + " (no cache)");
            assertArrayEquals(want[r], gen.generate(prompts.get(r), new Greedy(), o), "row " + r + " alone");
        }
    }

    @Test
    void samplingIsSeeded() {
        long[] prompt = {300, 2077, 3854, 5631, 7408};
        Generator.Options o = Generator.Options.of(30);
        long[] a = gen.generate(prompt, new TopKTopP(1.0, 0, 1.0, 42), o);
        long[] b = gen.generate(prompt, new TopKTopP(1.0, 0, 1.0, 42), o);
        long[] c = gen.generate(prompt, new TopKTopP(1.0, 0, 1.0, 43), o);
        assertArrayEquals(a, b);
        assertArrayEquals(a, gen.generate(prompt, new TopKTopP(1.0, 0, 1.0, 42), o.withCache(false)), "no cache");
        assertFalse(Arrays.equals(a, c), "different seeds gave the same 30 tokens");
        long[] d = gen.generate(prompt, new TopKTopP(0.8, 50, 0.9, 7), o);
        long[] e = gen.generate(prompt, new TopKTopP(0.8, 50, 0.9, 7), o);
        assertArrayEquals(d, e);
        // batched rows are reproducible too
        List<long[]> p2 = List.of(prompt, new long[] {11, 12356});
        List<long[]> x = gen.generate(p2, new TopKTopP(1.2, 0, 0.95, 5), o);
        List<long[]> y = gen.generate(p2, new TopKTopP(1.2, 0, 0.95, 5), o);
        assertArrayEquals(x.get(0), y.get(0));
        assertArrayEquals(x.get(1), y.get(1));
    }

    @Test
    void topKOneIsGreedy() {
        long[] prompt = {9876, 22221, 34566};
        Generator.Options o = Generator.Options.of(25);
        long[] greedy = gen.generate(prompt, new Greedy(), o);
        assertArrayEquals(greedy, gen.generate(prompt, new TopKTopP(1.0, 1, 1.0, 1), o));
        assertArrayEquals(greedy, gen.generate(prompt, new TopKTopP(0.7, 1, 0.5, 99), o));
        assertArrayEquals(greedy, gen.generate(prompt, new TopKTopP(0, 0, 1.0, 3), o));
    }

    @Test
    void constrainedDecodingEmitsOnlyNumbers() throws Exception {
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Fixtures.tinyGpt2())) {
            boolean[] numeric = tok.numericTokens();
            assertTrue(numeric[15] && numeric[13] && numeric[657] && numeric[198]); // "0" "." " 0" "\n"
            assertFalse(numeric[15496]);
            long[] prompt = tok.encode("0.6119 0.61197 0.61201");
            for (Sampler inner : List.of(new Greedy(), new TopKTopP(1.0, 0, 1.0, 11))) {
                try (Constrained c = Constrained.numeric(inner, numeric, model.config().vocabSize, -1)) {
                    long[] out = gen.generate(prompt, c, Generator.Options.of(40));
                    assertEquals(40, out.length);
                    for (long id : out) {
                        assertTrue(c.allowed(id), "id " + id);
                    }
                    String text = tok.decode(out);
                    assertTrue(text.matches("[0-9. \\n]+"), "'" + text + "'");
                }
            }
        }
    }

    @Test
    void stopsAtNewline() throws Exception {
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Fixtures.tinyGpt2())) {
            long[] prompt = tok.encode("0.6119 0.61197 0.61201");
            boolean[] only198 = new boolean[model.config().vocabSize];
            only198[198] = true;
            // force a newline: allow only "\n" tokens, then the row must stop right after the first one
            try (Constrained c = new Constrained(new Greedy(), only198)) {
                long[] out = gen.generate(prompt, c,
                        new Generator.Options(40, Generator.stopSet(model.config().vocabSize, tok.newlineTokens(), -1), true));
                assertArrayEquals(new long[] {198}, out);
            }
        }
    }
}
