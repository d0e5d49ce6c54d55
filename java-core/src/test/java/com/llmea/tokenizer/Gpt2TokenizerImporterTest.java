package com.llmea.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void toyVocabularyBuildsATokenizerThatDjlLoadsAndRoundTrips() throws Exception {
        Path vocab = tmp.resolve("vocab.json");
        Path merges = tmp.resolve("merges.txt");
        Map<String, Integer> v = ToyVocab.write(vocab, merges, "\n");
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        Path written = Gpt2TokenizerImporter.importFiles(vocab, merges, outDir).file();
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
        assertEquals(ToyVocab.MERGES.size(), model.getAsJsonArray("merges").size());
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
        ToyVocab.write(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"), "\r\n");
        Path vocab = Gpt2TokenizerImporter.findVocab(dir);
        Path merges = Gpt2TokenizerImporter.findMerges(dir);
        assertEquals("encoder.json", vocab.getFileName().toString());
        assertEquals("vocab.bpe", merges.getFileName().toString());
        assertEquals(ToyVocab.MERGES, Gpt2TokenizerImporter.readMerges(merges));
        Path out = tmp.resolve("sub/dir/my-tokenizer.json");
        assertEquals(out, Gpt2TokenizerImporter.importFiles(vocab, merges, out).file());
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void mismatchedFilesGiveAClearError() throws Exception {
        Path vocab = tmp.resolve("vocab.json");
        Path merges = tmp.resolve("merges.txt");
        ToyVocab.write(vocab, merges, "\n");
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
