package com.llmea.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GPT-2 BPE through DJL's HuggingFaceTokenizer, against the fixture's reference encodings. */
class Gpt2TokenizerTest {
    static Gpt2Tokenizer tok;

    @BeforeAll
    static void load() throws Exception {
        tok = Gpt2Tokenizer.load(Fixtures.tinyGpt2());
    }

    @AfterAll
    static void close() {
        tok.close();
    }

    @Test
    void pricesAndHelloWorld() {
        long[] ids = tok.encode("0.6119 0.61197 0.61201");
        assertArrayEquals(new long[] {15, 13, 5333, 1129, 657, 13, 5333, 24991, 657, 13, 43610, 486}, ids);
        assertEquals("0.6119 0.61197 0.61201", tok.decode(ids));
        assertArrayEquals(new long[] {15496, 995}, tok.encode("Hello world"));
        assertEquals(50257, tok.vocabSize());
    }

    @Test
    void referenceCases() {
        JsonObject cases = Fixtures.json("tiny-gpt2/tokenizer_cases.json");
        for (JsonElement e : cases.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String text = c.get("text").getAsString();
            long[] want = Fixtures.longs(c.getAsJsonArray("ids"));
            assertArrayEquals(want, tok.encode(text), text);
            if (c.has("decoded")) {
                assertEquals(c.get("decoded").getAsString(), tok.decode(want), text);
            }
        }
    }

    @Test
    void noTruncationAt512() {
        String text = " 1.2345".repeat(400);
        long[] ids = tok.encode(text);
        assertTrue(ids.length > 512, "only " + ids.length + " ids");
        assertEquals(text, tok.decode(ids));
    }

    @Test
    void specialTokenKeptOrDropped() {
        long[] ids = {15496, 50256};
        assertEquals("Hello<|endoftext|>", tok.decode(ids));
        assertEquals("Hello", tok.decodeText(ids));
    }

    @Test
    void numericAndNewlineMasks() throws Exception {
        boolean[] num = tok.numericTokens();
        boolean[] nl = tok.newlineTokens();
        assertTrue(num[15] && num[13] && num[5333] && num[657] && num[198] && num[220]);
        assertFalse(num[15496] || num[50256] || num[11]);
        assertTrue(nl[198] && nl[628]);
        assertFalse(nl[15]);
        int count = 0;
        for (int i = 0; i < num.length; i++) {
            if (num[i]) {
                count++;
                String s = tok.decode(new long[] {i});
                assertTrue(s.matches("[0-9. \\n]+"), i + " '" + s + "'");
            }
        }
        assertTrue(count > 1000, count + " numeric tokens");
    }
}
