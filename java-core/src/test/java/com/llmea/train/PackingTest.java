package com.llmea.train;

import com.google.gson.JsonObject;
import com.llmea.model.Fixtures;
import com.llmea.model.Gpt2Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PackingTest {

    @Test
    void streamPackingIsHfTextDataset() throws Exception {
        JsonObject exp = Fixtures.json("textdataset-packing/blocks.json");
        Path train = Fixtures.root().resolve("textdataset-packing/train.txt");
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Fixtures.tinyGpt2())) {
            long[] ids = Packing.streamIds(train, tok);
            assertEquals(exp.get("total_tokens").getAsInt(), ids.length);
            List<long[]> blocks = Packing.STREAM.examples(train, tok, 60, 50256);
            long[][] want = Fixtures.longs2(exp.getAsJsonArray("blocks"));
            assertEquals(821, want.length);
            assertEquals(want.length, blocks.size());
            for (int i = 0; i < want.length; i++) {
                assertArrayEquals(want[i], blocks.get(i), "block " + i);
            }
            long[] tail = Fixtures.longs(exp.getAsJsonArray("tail_token_ids"));
            assertEquals(26, tail.length);
            assertArrayEquals(tail, java.util.Arrays.copyOfRange(ids, ids.length - 26, ids.length));
        }
    }

    @Test
    void chunkedTokenizingEqualsOnePass(@TempDir Path tmp) throws Exception {
        // a file larger than one tokenizer chunk gives the same ids as line-by-line encoding + "\n"
        Path train = Fixtures.root().resolve("textdataset-packing/train.txt");
        List<String> lines = Files.readAllLines(train);
        StringBuilder sb = new StringBuilder();
        while (sb.length() <= Packing.CHUNK_CHARS + 100_000) {
            lines.forEach(l -> sb.append(l).append('\n'));
        }
        Path big = tmp.resolve("big.txt");
        Files.writeString(big, sb);
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Fixtures.tinyGpt2())) {
            long[] ids = Packing.streamIds(big, tok);
            Packing.LongList want = new Packing.LongList();
            for (String l : sb.toString().split("\n")) {
                want.addAll(tok.encode(l));
                want.addAll(new long[]{198});
            }
            assertArrayEquals(want.toArray(), ids);
        }
    }

    @Test
    void linePackingPadsAndMasks() throws Exception {
        JsonObject exp = Fixtures.json("textdataset-packing/blocks.json");
        Path train = Fixtures.root().resolve("textdataset-packing/train.txt");
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Fixtures.tinyGpt2())) {
            List<long[]> ex = Packing.LINES.examples(train, tok, 256, 50256);
            assertEquals(200, ex.size());
            long[][] firstLines = Fixtures.longs2(exp.getAsJsonArray("line_token_ids"));
            for (int i = 0; i < 3; i++) {
                long[] e = ex.get(i);
                assertArrayEquals(firstLines[i], java.util.Arrays.copyOf(e, e.length - 1));
                assertEquals(50256, e[e.length - 1]);
            }
            Batch b = Packing.batch(List.of(new long[]{1, 2, 3}, new long[]{4, 5}), 50256);
            assertArrayEquals(new long[]{4, 5, 50256}, b.ids()[1]);
            assertArrayEquals(new long[]{4, 5, -100}, b.labels()[1]);
            assertArrayEquals(new int[]{1, 1, 0}, b.mask()[1]);
            assertEquals(5, b.tokens());
            assertNull(Packing.batch(List.of(new long[]{1, 2}, new long[]{3, 4}), 0).mask());
        }
    }
}
