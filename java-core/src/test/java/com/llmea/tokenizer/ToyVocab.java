package com.llmea.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A toy GPT-2-style byte-level vocabulary for tests: the 256 byte characters, a few merges, {@code <|endoftext|>}. */
public final class ToyVocab {
    private ToyVocab() {
    }

    /** GPT-2's byte → printable character table ({@code bytes_to_unicode}). */
    public static List<String> byteLevelAlphabet() {
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

    public static final List<String> MERGES = List.of("h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d",
            "Ġwor ld");

    /** Writes vocab.json (256 bytes, merged tokens, {@code <|endoftext|>}) and merges.txt; returns the vocab. */
    public static Map<String, Integer> write(Path vocabFile, Path mergesFile, String newline) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : byteLevelAlphabet()) {
            vocab.put(s, vocab.size());
        }
        for (String m : MERGES) {
            vocab.put(m.replace(" ", ""), vocab.size());
        }
        vocab.put("<|endoftext|>", vocab.size());
        StringBuilder json = new StringBuilder("{");
        vocab.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "")
                .append(new com.google.gson.JsonPrimitive(k)).append(": ").append(v));
        json.append("}");
        Files.writeString(vocabFile, json, StandardCharsets.UTF_8);
        Files.writeString(mergesFile, "#version: 0.2" + newline + String.join(newline, MERGES) + newline,
                StandardCharsets.UTF_8);
        return vocab;
    }
}
