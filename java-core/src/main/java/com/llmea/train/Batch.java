package com.llmea.train;

/**
 * One batch of token ids. {@code labels} equal the ids where a token counts for the loss and -100 where it does
 * not (padding); {@code mask} is 1 for real tokens and 0 for padding (right padding only). {@code tokens} is the
 * number of real tokens.
 */
public record Batch(long[][] ids, long[][] labels, int[][] mask, long tokens) {
    public int size() {
        return ids.length;
    }

    public int length() {
        return ids[0].length;
    }

    /** A batch of full, unpadded sequences with labels = ids (HF TextDataset + DataCollatorForLanguageModeling). */
    public static Batch full(long[][] ids) {
        long[][] labels = new long[ids.length][];
        long tokens = 0;
        for (int i = 0; i < ids.length; i++) {
            labels[i] = ids[i].clone();
            tokens += ids[i].length;
        }
        return new Batch(ids, labels, null, tokens);
    }
}
