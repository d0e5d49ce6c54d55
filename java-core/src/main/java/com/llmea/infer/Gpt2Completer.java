package com.llmea.infer;

import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link TextCompleter} on a GPT-2 model: left-padded batched generation with the KV cache, stopping a row at a
 * newline or EOS, greedy or sampled with one seeded stream per row ({@link RowSeeded}), constrained to numeric
 * tokens when asked. Each row gets its own token budget from its own prompt; a batch generates up to the largest
 * budget and cuts every row back to its own, so a row comes out exactly as it would alone.
 */
public final class Gpt2Completer implements TextCompleter {
    private final Gpt2 model;
    private final Gpt2Tokenizer tokenizer;
    private final String modelId;
    private final ForecastOptions options;
    private final Generator generator;
    private final boolean[] stops;
    private final boolean[] numeric;
    private final int eos;
    private final boolean owns;

    /**
     * @param modelId what identifies the weights (the SHA-256 of model.safetensors for a model directory)
     * @param owns    close the model and the tokenizer with this completer
     */
    public Gpt2Completer(Gpt2 model, Gpt2Tokenizer tokenizer, int eosId, String modelId, ForecastOptions options,
                         boolean owns) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.modelId = modelId;
        this.options = options;
        this.generator = new Generator(model);
        this.eos = eosId;
        this.owns = owns;
        int vocab = model.config().vocabSize;
        try {
            this.stops = Generator.stopSet(vocab, tokenizer.newlineTokens(), eosId);
            this.numeric = options.constrained() ? tokenizer.numericTokens() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Gpt2 model() {
        return model;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public synchronized List<Completion> complete(List<Request> requests) {
        int n = requests.size();
        Completion[] out = new Completion[n];
        int ctx = model.config().nPositions;
        long[][] ids = new long[n][];
        int[] budget = new int[n];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids[i] = tokenizer.encode(requests.get(i).prompt());
            if (ids[i].length == 0) {
                out[i] = new Completion("", 0, "empty prompt");
                continue;
            }
            budget[i] = Math.min(options.budget(ids[i].length), ctx - ids[i].length);
            if (budget[i] < 1) {
                out[i] = new Completion("", 0, "the prompt's " + ids[i].length + " tokens fill the model's context of "
                        + ctx);
                continue;
            }
            todo.add(i);
        }
        // groups of at most batchSize rows whose longest prompt plus largest budget fits the context
        List<Integer> group = new ArrayList<>();
        int maxLen = 0;
        int maxBudget = 0;
        for (int i : todo) {
            int l = Math.max(maxLen, ids[i].length);
            int b = Math.max(maxBudget, budget[i]);
            if (!group.isEmpty() && (group.size() == options.batchSize() || l + b > ctx)) {
                run(group, ids, budget, requests, out);
                group.clear();
                l = ids[i].length;
                b = budget[i];
            }
            group.add(i);
            maxLen = l;
            maxBudget = b;
        }
        if (!group.isEmpty()) {
            run(group, ids, budget, requests, out);
        }
        return Arrays.asList(out);
    }

    private void run(List<Integer> rows, long[][] ids, int[] budget, List<Request> requests, Completion[] out) {
        List<long[]> prompts = new ArrayList<>(rows.size());
        long[] seeds = new long[rows.size()];
        int maxNew = 0;
        for (int j = 0; j < rows.size(); j++) {
            int i = rows.get(j);
            prompts.add(ids[i]);
            seeds[j] = requests.get(i).seed();
            maxNew = Math.max(maxNew, budget[i]);
        }
        Sampler s = options.sampling()
                ? new RowSeeded(options.temperature(), options.topK(), options.topP(), seeds)
                : new Greedy();
        Constrained c = numeric != null ? Constrained.numeric(s, numeric, model.config().vocabSize, eos) : null;
        List<long[]> made;
        try {
            made = generator.generate(prompts, c != null ? c : s, new Generator.Options(maxNew, stops, true));
        } finally {
            if (c != null) {
                c.close();
            }
        }
        for (int j = 0; j < rows.size(); j++) {
            int i = rows.get(j);
            long[] t = made.get(j);
            if (t.length > budget[i]) {
                t = Arrays.copyOf(t, budget[i]);
            }
            boolean stopped = t.length > 0 && stops[(int) t[t.length - 1]];
            String note = "";
            if (!stopped && t.length == budget[i]) {
                note = budget[i] < options.budget(ids[i].length)
                        ? "generation reached the model's context of " + model.config().nPositions + " tokens"
                        : "generation reached its budget of " + budget[i] + " tokens";
            }
            out[i] = new Completion(tokenizer.decodeText(t), t.length, note);
        }
    }

    @Override
    public void close() {
        if (owns) {
            tokenizer.close();
            model.close();
        }
    }
}
