package com.llmea.tokenizer;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Hugging Face {@code tokenizers} {@code tokenizer.json} for GPT-2 from the classic files: a vocabulary
 * ({@code vocab.json}, OpenAI's {@code encoder.json}) and a merge list ({@code merges.txt}, OpenAI's
 * {@code vocab.bpe}). Both spellings have the same content.
 *
 * <p>The output has exactly the layout of the hub's {@code gpt2} tokenizer.json: BPE (no unk token, no dropout,
 * merges as {@code "a b"} strings), ByteLevel pre-tokenizer ({@code add_prefix_space=false}), ByteLevel
 * post-processor (adds no tokens) and decoder, {@code <|endoftext|>} as a special added token, no normalizer,
 * truncation or padding. It is written compact, keys in the hub's order, UTF-8 unescaped, so for the real GPT-2
 * files it is byte-identical to the hub's file as written by {@code tokenizers}.
 */
public final class Gpt2TokenizerImporter {
    /** GPT-2's only special token. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private Gpt2TokenizerImporter() {
    }

    /** A parsed vocabulary and merge list. */
    public record Bpe(Map<String, Integer> vocab, List<String> merges) {
    }

    /** What {@link #importFiles} wrote. */
    public record Imported(Path file, int vocabSize, int merges, int endOfTextId) {
    }

    /**
     * Reads {@code vocabFile} and {@code mergesFile}, checks them and writes the tokenizer.json to {@code out}:
     * a directory (existing, or a new path not ending in {@code .json}; then {@code out/tokenizer.json}) or a file
     * path. Writes a temp file and renames it into place.
     */
    public static Imported importFiles(Path vocabFile, Path mergesFile, Path out) throws IOException {
        Bpe bpe = new Bpe(readVocab(vocabFile), readMerges(mergesFile));
        validate(bpe, vocabFile, mergesFile);
        boolean toDir = Files.isDirectory(out) || (!Files.exists(out) && !out.getFileName().toString().endsWith(".json"));
        Path target = toDir ? out.resolve("tokenizer.json") : out;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tokenizer", ".json.tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(bpe, w);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Imported(target, bpe.vocab().size(), bpe.merges().size(), endOfTextId(bpe.vocab()));
    }

    /** {@code dir/vocab.json}, else OpenAI's {@code dir/encoder.json}. */
    public static Path findVocab(Path dir) throws IOException {
        return find(dir, "vocab.json", "encoder.json");
    }

    /** {@code dir/merges.txt}, else OpenAI's {@code dir/vocab.bpe}. */
    public static Path findMerges(Path dir) throws IOException {
        return find(dir, "merges.txt", "vocab.bpe");
    }

    private static Path find(Path dir, String hfName, String openAiName) throws IOException {
        for (String n : new String[] {hfName, openAiName}) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException(dir + ": has neither " + hfName + " nor " + openAiName);
    }

    /** Reads a {@code vocab.json}/{@code encoder.json}: one JSON object, token → id, in file order. */
    public static Map<String, Integer> readVocab(Path file) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        try (JsonReader r = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw new IOException(file + ": not a vocabulary (expected a JSON object token -> id)");
            }
            r.beginObject();
            while (r.hasNext()) {
                String token = r.nextName();
                if (r.peek() != JsonToken.NUMBER) {
                    throw new IOException(file + ": id of token " + quote(token) + " is not a number");
                }
                int id = r.nextInt();
                if (vocab.put(token, id) != null) {
                    throw new IOException(file + ": token " + quote(token) + " appears twice");
                }
            }
            r.endObject();
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IOException(file + ": not valid vocabulary JSON: " + e.getMessage(), e);
        }
        if (vocab.isEmpty()) {
            throw new IOException(file + ": empty vocabulary");
        }
        return vocab;
    }

    /**
     * Reads a {@code merges.txt}/{@code vocab.bpe}: one merge {@code "a b"} a line; a first line starting with
     * {@code #version} and empty lines are skipped; CRLF is accepted.
     */
    public static List<String> readMerges(Path file) throws IOException {
        List<String> merges = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (n == 1 && line.startsWith("#version")) {
                    continue;
                }
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(" ", -1);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw new IOException(file + " line " + n + ": expected a merge \"a b\" (two tokens, one space), got "
                            + quote(line));
                }
                merges.add(line);
            }
        }
        if (merges.isEmpty()) {
            throw new IOException(file + ": no merges");
        }
        return merges;
    }

    /**
     * Checks what {@code tokenizers} would reject at load time, with a clear message: unique ids, and every merge's
     * two parts and their concatenation in the vocabulary.
     */
    public static void validate(Bpe bpe, Path vocabFile, Path mergesFile) throws IOException {
        Map<Integer, String> byId = new HashMap<>();
        for (Map.Entry<String, Integer> e : bpe.vocab().entrySet()) {
            if (e.getValue() < 0) {
                throw new IOException(vocabFile + ": token " + quote(e.getKey()) + " has a negative id " + e.getValue());
            }
            String prev = byId.put(e.getValue(), e.getKey());
            if (prev != null) {
                throw new IOException(vocabFile + ": id " + e.getValue() + " is used by " + quote(prev) + " and "
                        + quote(e.getKey()));
            }
        }
        int i = 0;
        for (String m : bpe.merges()) {
            i++;
            int sp = m.indexOf(' ');
            String a = m.substring(0, sp);
            String b = m.substring(sp + 1);
            for (String t : new String[] {a, b, a + b}) {
                if (!bpe.vocab().containsKey(t)) {
                    throw new IOException(mergesFile + ": merge " + i + " " + quote(m) + ": token " + quote(t)
                            + " is not in the vocabulary " + vocabFile + " (vocabulary and merges do not belong together?)");
                }
            }
        }
    }

    /** The id of {@code <|endoftext|>}: its vocabulary id, or (if absent) one past the largest id. */
    static int endOfTextId(Map<String, Integer> vocab) {
        Integer id = vocab.get(END_OF_TEXT);
        if (id != null) {
            return id;
        }
        return vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** Writes the tokenizer.json (compact, hub key order). */
    public static void write(Bpe bpe, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setHtmlSafe(false);
        w.setSerializeNulls(true);
        w.beginObject();
        w.name("version").value("1.0");
        w.name("truncation").nullValue();
        w.name("padding").nullValue();
        w.name("added_tokens").beginArray();
        w.beginObject();
        w.name("id").value(endOfTextId(bpe.vocab()));
        w.name("content").value(END_OF_TEXT);
        w.name("single_word").value(false);
        w.name("lstrip").value(false);
        w.name("rstrip").value(false);
        w.name("normalized").value(true);
        w.name("special").value(true);
        w.endObject();
        w.endArray();
        w.name("normalizer").nullValue();
        w.name("pre_tokenizer");
        byteLevel(w, false, true);
        w.name("post_processor");
        byteLevel(w, true, false);
        w.name("decoder");
        byteLevel(w, true, true);
        w.name("model").beginObject();
        w.name("type").value("BPE");
        w.name("dropout").nullValue();
        w.name("unk_token").nullValue();
        w.name("continuing_subword_prefix").value("");
        w.name("end_of_word_suffix").value("");
        w.name("fuse_unk").value(false);
        w.name("byte_fallback").value(false);
        w.name("vocab").beginObject();
        for (Map.Entry<String, Integer> e : bpe.vocab().entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
        w.name("merges").beginArray();
        for (String m : bpe.merges()) {
            w.value(m);
        }
        w.endArray();
        w.endObject();
        w.endObject();
        w.flush();
    }

    private static void byteLevel(JsonWriter w, boolean addPrefixSpace, boolean trimOffsets) throws IOException {
        w.beginObject();
        w.name("type").value("ByteLevel");
        w.name("add_prefix_space").value(addPrefixSpace);
        w.name("trim_offsets").value(trimOffsets);
        w.name("use_regex").value(true);
        w.endObject();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
