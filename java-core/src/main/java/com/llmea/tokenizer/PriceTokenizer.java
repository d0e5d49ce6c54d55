package com.llmea.tokenizer;

import com.llmea.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 14-token GPT-2-style tokenizer for price text only: the ten digits, '.', space, newline and
 * {@code <|endoftext|>}, one token a character. It is a standard Hugging Face {@code tokenizer.json}
 * (ByteLevel BPE without merges), so every tool that reads GPT-2 tokenizers reads it.
 *
 * <p>Why: a model trained from scratch on prices (the demo's tiny GPT-2) spends most of its time and
 * parameters on the 50,257-way output of the real vocabulary; with 14 outputs it learns in minutes
 * on a CPU. Fine-tuning a pretrained GPT-2 keeps that model's own tokenizer.
 */
public final class PriceTokenizer {
    /** ByteLevel spells space as 'Ġ' and newline as 'Ċ'. */
    private static final List<String> SYMBOLS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "Ġ", "Ċ");
    public static final int VOCAB_SIZE = SYMBOLS.size() + 1;
    public static final int END_OF_TEXT_ID = SYMBOLS.size();

    private PriceTokenizer() {
    }

    public static Gpt2TokenizerImporter.Bpe bpe() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : SYMBOLS) {
            vocab.put(s, vocab.size());
        }
        vocab.put(Gpt2TokenizerImporter.END_OF_TEXT, END_OF_TEXT_ID);
        return new Gpt2TokenizerImporter.Bpe(vocab, List.of());
    }

    /** Writes the tokenizer to {@code out} (a file, or a directory that gets {@code tokenizer.json}). */
    public static Path write(Path out) throws IOException {
        Path file = Files.isDirectory(out) ? out.resolve("tokenizer.json") : out;
        AtomicFiles.writeText(file, w -> Gpt2TokenizerImporter.write(bpe(), w));
        return file;
    }
}
