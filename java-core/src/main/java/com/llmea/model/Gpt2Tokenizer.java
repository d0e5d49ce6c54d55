package com.llmea.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * GPT-2's byte-level BPE from a Hugging Face {@code tokenizer.json}, through DJL's HuggingFaceTokenizer with
 * truncation off (DJL otherwise cuts at 512 tokens) and no special tokens added. {@link #decode(long[])} keeps
 * special tokens so that ids round-trip; {@link #decodeText(long[])} drops them.
 */
public final class Gpt2Tokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final int vocabSize;
    private volatile boolean[] numeric;
    private volatile boolean[] newline;

    private Gpt2Tokenizer(HuggingFaceTokenizer tokenizer, Path file, int vocabSize) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.vocabSize = vocabSize;
    }

    /** From a tokenizer.json file or a model directory that holds one. */
    public static Gpt2Tokenizer load(Path fileOrDir) throws IOException {
        Path f = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(ModelDir.TOKENIZER) : fileOrDir;
        if (!Files.isRegularFile(f)) {
            throw new IOException("no tokenizer: " + f + " does not exist");
        }
        HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                .optTokenizerPath(f)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
        int size;
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            JsonObject o = JsonParser.parseReader(r).getAsJsonObject();
            size = vocab(o).size();
            if (o.has("added_tokens") && o.get("added_tokens").isJsonArray()) {
                for (JsonElement e : o.getAsJsonArray("added_tokens")) {
                    size = Math.max(size, e.getAsJsonObject().get("id").getAsInt() + 1);
                }
            }
        }
        return new Gpt2Tokenizer(t, f, size);
    }

    private static JsonObject vocab(JsonObject tokenizerJson) {
        return tokenizerJson.getAsJsonObject("model").getAsJsonObject("vocab");
    }

    public Path file() {
        return file;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public long[] encode(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        return e.getIds();
    }

    /** Text of the ids, special tokens included (encode(decode(ids)) gives the ids back). */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    /** Text of the ids without special tokens such as {@code <|endoftext|>}. */
    public String decodeText(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /**
     * For every id, whether the token's text is made only of digits, '.', spaces and newlines (computed once from
     * the byte-level vocabulary: GPT-2 writes a space as U+0120 and a newline as U+010A).
     */
    public boolean[] numericTokens() throws IOException {
        boolean[] n = numeric;
        if (n == null) {
            n = new boolean[vocabSize];
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonObject o = JsonParser.parseReader(r).getAsJsonObject();
                for (Map.Entry<String, JsonElement> e : vocab(o).entrySet()) {
                    int id = e.getValue().getAsInt();
                    if (id >= 0 && id < n.length) {
                        n[id] = isNumericPiece(e.getKey());
                    }
                }
            }
            numeric = n;
        }
        return n;
    }

    /** For every id, whether the token's text contains a newline (U+010A in the byte-level vocabulary). */
    public boolean[] newlineTokens() throws IOException {
        boolean[] n = newline;
        if (n == null) {
            n = new boolean[vocabSize];
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonObject o = JsonParser.parseReader(r).getAsJsonObject();
                for (Map.Entry<String, JsonElement> e : vocab(o).entrySet()) {
                    int id = e.getValue().getAsInt();
                    if (id >= 0 && id < n.length) {
                        n[id] = e.getKey().indexOf('\u010A') >= 0;
                    }
                }
            }
            newline = n;
        }
        return n;
    }

    static boolean isNumericPiece(String piece) {
        if (piece.isEmpty()) {
            return false;
        }
        for (int i = 0; i < piece.length(); i++) {
            char ch = piece.charAt(i);
            boolean ok = (ch >= '0' && ch <= '9') || ch == '.' || ch == '\u0120' || ch == '\u010A';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
