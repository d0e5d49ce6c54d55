package com.llmea.infer;

import java.util.List;

/**
 * Continues price-text prompts: the model side of {@link Gpt2Forecaster}. Each completion must depend only on its
 * own request (prompt and seed), never on the other requests of the call, so that batching cannot change a
 * forecast. The GPT-2 implementation is {@link Gpt2Completer}; tests of malformed model output plug in canned text.
 */
public interface TextCompleter extends AutoCloseable {

    /** One prompt to continue; {@code seed} drives sampling (ignored by greedy decoding). */
    record Request(String prompt, long seed) {
    }

    /**
     * What came back: the text (special tokens dropped), how many tokens were generated, and a note when the
     * generation was cut (token budget or context reached), empty otherwise.
     */
    record Completion(String text, int tokens, String note) {
        public Completion {
            note = note == null ? "" : note;
        }
    }

    /** One completion per request, in order. */
    List<Completion> complete(List<Request> requests);

    /**
     * What identifies the model behind the text: a forecast cache keys entries with it (the SHA-256 of the weights
     * for a model directory).
     */
    String modelId();

    @Override
    default void close() {
    }
}
