package com.llmea.train;

import com.llmea.model.Gpt2Tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a text file of price lines becomes training examples.
 *
 * <ul>
 *   <li>{@link #STREAM}: Hugging Face {@code TextDataset}: the whole file is tokenized as one text ("\n" is an
 *   ordinary token, 198), cut into blocks of {@code blockSize} ids, the remainder dropped; labels = inputs. Every
 *   block is full, so no padding is wasted, but blocks start and end in the middle of lines and numbers.</li>
 *   <li>{@link #LINES}: one example per line: the line's ids, then EOS. Each example starts at a line start, as a
 *   forecast prompt does, and the model learns to stop after a line; batches are padded to their longest line and
 *   the padding is masked out of the loss and of attention.</li>
 * </ul>
 */
public enum Packing {
    STREAM, LINES;

    public static Packing parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** Characters per tokenizer call in stream mode; chunks end at line ends (see {@link #streamIds}). */
    static final int CHUNK_CHARS = 1 << 20;

    /** The examples of {@code file}: token id rows (unpadded). Lines mode skips blank lines. */
    public List<long[]> examples(Path file, Gpt2Tokenizer tok, int blockSize, int eos) throws IOException {
        if (this == STREAM) {
            return blocks(streamIds(file, tok), blockSize);
        }
        List<long[]> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                long[] ids = tok.encode(line);
                long[] ex = Arrays.copyOf(ids, ids.length + 1);
                ex[ids.length] = eos;
                if (ex.length > blockSize) {
                    throw new IOException(file + ": a line has " + ex.length + " tokens with EOS, more than the block"
                            + " size " + blockSize + " (raise --block-size up to the model's n_positions)");
                }
                out.add(ex);
            }
        }
        return out;
    }

    /**
     * All ids of the file as TextDataset tokenizes it: the text in one pass. Large files are tokenized in chunks
     * of about 1 MB that end right after a newline; GPT-2's pre-tokenizer never joins a "\n" with the next line's
     * first character, so this equals one pass for price files (lines without leading whitespace).
     */
    public static long[] streamIds(Path file, Gpt2Tokenizer tok) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        LongList ids = new LongList();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + CHUNK_CHARS);
            if (to < text.length()) {
                int nl = text.lastIndexOf('\n', to - 1);
                if (nl >= from) {
                    to = nl + 1;
                }
            }
            ids.addAll(tok.encode(text.substring(from, to)));
            from = to;
        }
        return ids.toArray();
    }

    /** Non-overlapping blocks of {@code blockSize}; the tail shorter than a block is dropped. */
    public static List<long[]> blocks(long[] ids, int blockSize) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i + blockSize <= ids.length; i += blockSize) {
            out.add(Arrays.copyOfRange(ids, i, i + blockSize));
        }
        return out;
    }

    /**
     * A batch of the examples {@code rows}: right-padded with {@code pad} to the longest, labels -100 at pads, mask
     * 0 at pads. Full-length rows give a batch without a mask.
     */
    public static Batch batch(List<long[]> rows, long pad) {
        int t = 0;
        boolean ragged = false;
        for (long[] r : rows) {
            if (t != 0 && r.length != t) {
                ragged = true;
            }
            t = Math.max(t, r.length);
        }
        long[][] ids = new long[rows.size()][t];
        long[][] labels = new long[rows.size()][t];
        int[][] mask = ragged ? new int[rows.size()][t] : null;
        long tokens = 0;
        for (int i = 0; i < rows.size(); i++) {
            long[] r = rows.get(i);
            for (int j = 0; j < t; j++) {
                boolean real = j < r.length;
                ids[i][j] = real ? r[j] : pad;
                labels[i][j] = real ? r[j] : -100;
                if (mask != null) {
                    mask[i][j] = real ? 1 : 0;
                }
            }
            tokens += r.length;
        }
        return new Batch(ids, labels, mask, tokens);
    }

    static final class LongList {
        long[] a = new long[1024];
        int n;

        void addAll(long[] xs) {
            if (n + xs.length > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + xs.length));
            }
            System.arraycopy(xs, 0, a, n, xs.length);
            n += xs.length;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
