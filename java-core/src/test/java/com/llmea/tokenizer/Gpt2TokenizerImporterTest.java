package com.llmea.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A toy byte-level vocabulary built in the test: no downloads needed. */
class Gpt2TokenizerImporterTest {
    @TempDir
    Path tmp;

    /** GPT-2's byte → printable character table ({@code bytes_to_unicode}). */
    static List<String> byteLevelAlphabet() {
        List<Integer> bs = new ArrayList<>();
        for (int c = '!'; c <= '~'; c++) {
            bs.add(c);
        }
        for (int c = 0xA1; c <= 0xAC; c++) {
            bs.add(c);
        }
        for (int c = 0xAE; c <= 0xFF; c++) {
            bs.add(c);
        }
        List<Integer> cs = new ArrayList<>(bs);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                bs.add(b);
                cs.add(256 + n++);
            }
        }
        List<String> out = new ArrayList<>();
        for (int c : cs) {
            out.add(new String(Character.toChars(c)));
        }
        return out;
    }

    static final List<String> TOY_MERGES = List.of("h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d",
            "Ġwor ld");

    /** Writes vocab.json (256 bytes, merged tokens, {@code <|endoftext|>}) and merges.txt; returns the vocab. */
    Map<String, Integer> writeToy(Path vocabFile, Path mergesFile, String newline) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : byteLevelAlphabet()) {
            vocab.put(s, vocab.size());
        }
        for (String m : TOY_MERGES) {
            vocab.put(m.replace(" ", ""), vocab.size());
        }
        vocab.put("<|endoftext|>", vocab.size());
        StringBuilder json = new StringBuilder("{");
        vocab.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "")
                .append(new com.google.gson.JsonPrimitive(k)).append(": ").append(v));
        json.append("}");
        Files.writeString(vocabFile, json, StandardCharsets.UTF_8);
        Files.writeString(mergesFile, "#version: 0.2" + newline + String.join(newline, TOY_MERGES) + newline,
                StandardCharsets.UTF_8);
        return vocab;
    }

    @Test
    void toyVocabularyBuildsATokenizerThatDjlLoadsAndRoundTrips() throws Exception {
        Path vocab = tmp.resolve("vocab.json");
        Path merges = tmp.resolve("merges.txt");
        Map<String, Integer> v = writeToy(vocab, merges, "\n");
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        Path written = Gpt2TokenizerImporter.importFiles(vocab, merges, outDir);
        assertEquals(outDir.resolve("tokenizer.json"), written);

        JsonObject j = JsonParser.parseString(Files.readString(written)).getAsJsonObject();
        assertTrue(j.get("normalizer").isJsonNull());
        assertTrue(j.get("truncation").isJsonNull());
        assertTrue(j.get("padding").isJsonNull());
        JsonObject model = j.getAsJsonObject("model");
        assertEquals("BPE", model.get("type").getAsString());
        assertTrue(model.get("unk_token").isJsonNull());
        assertTrue(model.get("dropout").isJsonNull());
        assertEquals(v.size(), model.getAsJsonObject("vocab").size());
        assertEquals(TOY_MERGES.size(), model.getAsJsonArray("merges").size());
        assertEquals("Ġwor ld", model.getAsJsonArray("merges").get(8).getAsString());
        JsonObject added = j.getAsJsonArray("added_tokens").get(0).getAsJsonObject();
        assertEquals(v.get("<|endoftext|>").intValue(), added.get("id").getAsInt());
        assertTrue(added.get("special").getAsBoolean());
        assertEquals(false, j.getAsJsonObject("pre_tokenizer").get("add_prefix_space").getAsBoolean());
        assertEquals(true, j.getAsJsonObject("post_processor").get("add_prefix_space").getAsBoolean());
        assertEquals(false, j.getAsJsonObject("post_processor").get("trim_offsets").getAsBoolean());

        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(written, Map.of("truncation", "false"))) {
            assertArrayEquals(new long[] {v.get("hello"), v.get("Ġworld")}, tok.encode("hello world").getIds());
            assertArrayEquals(new long[] {v.get("hello"), v.get("<|endoftext|>")},
                    tok.encode("hello<|endoftext|>").getIds());
            for (String text : new String[] {"hello world", "  héllo\tworld ✓ 0.6119\n", "€uro 1.17829 1.1791"}) {
                long[] ids = tok.encode(text).getIds();
                assertEquals(text, tok.decode(ids, false), "round trip of " + text);
            }
        }
    }

    @Test
    void openAiNamesAndCrlfAreAccepted() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("openai"));
        writeToy(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"), "\r\n");
        Path vocab = Gpt2TokenizerImporter.findVocab(dir);
        Path merges = Gpt2TokenizerImporter.findMerges(dir);
        assertEquals("encoder.json", vocab.getFileName().toString());
        assertEquals("vocab.bpe", merges.getFileName().toString());
        assertEquals(TOY_MERGES, Gpt2TokenizerImporter.readMerges(merges));
        Path out = tmp.resolve("sub/dir/my-tokenizer.json");
        assertEquals(out, Gpt2TokenizerImporter.importFiles(vocab, merges, out));
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void mismatchedFilesGiveAClearError() throws Exception {
        Path vocab = tmp.resolve("vocab.json");
        Path merges = tmp.resolve("merges.txt");
        writeToy(vocab, merges, "\n");
        Files.writeString(merges, "#version: 0.2\nh e\nq z\n");
        IOException e = assertThrows(IOException.class,
                () -> Gpt2TokenizerImporter.importFiles(vocab, merges, tmp.resolve("t.json")));
        assertTrue(e.getMessage().contains("merge 2 \"q z\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"qz\""), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("t.json")));

        Files.writeString(merges, "#version: 0.2\nh e x\n");
        e = assertThrows(IOException.class, () -> Gpt2TokenizerImporter.readMerges(merges));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());

        Files.writeString(vocab, "[1, 2]");
        e = assertThrows(IOException.class, () -> Gpt2TokenizerImporter.readVocab(vocab));
        assertTrue(e.getMessage().contains("not a vocabulary"), e.getMessage());

        e = assertThrows(IOException.class, () -> Gpt2TokenizerImporter.findVocab(tmp.resolve("nowhere")));
        assertTrue(e.getMessage().contains("encoder.json"), e.getMessage());
    }
}
