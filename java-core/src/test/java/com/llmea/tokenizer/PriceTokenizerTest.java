package com.llmea.tokenizer;

import com.llmea.model.Gpt2Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceTokenizerTest {
    @TempDir
    Path dir;

    @Test
    void encodesPriceTextOneCharacterATokenAndRoundTrips() throws IOException {
        Path file = PriceTokenizer.write(dir);
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(file)) {
            assertEquals(PriceTokenizer.VOCAB_SIZE, tok.vocabSize());
            String text = "1.17829 0.6119\n";
            long[] ids = tok.encode(text);
            assertArrayEquals(new long[] {1, 10, 1, 7, 8, 2, 9, 11, 0, 10, 6, 1, 1, 9, 12}, ids);
            assertEquals(text, tok.decode(ids));
            // a long line is not truncated (DJL's default would cut at 512 tokens)
            String line = "1.17829 ".repeat(100).strip();
            assertEquals(line.length(), tok.encode(line).length);
            boolean[] numeric = tok.numericTokens();
            for (int id = 0; id < 12; id++) {
                assertTrue(numeric[id], "token " + id + " is allowed by constrained decoding");
            }
        }
    }
}
