package com.llmea.cli;

import com.llmea.infer.Constrained;
import com.llmea.infer.Generator;
import com.llmea.infer.Greedy;
import com.llmea.infer.Sampler;
import com.llmea.infer.TopKTopP;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;
import com.llmea.model.ModelDir;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code llm-ea generate}: continue a prompt with a model directory. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate tokens after a prompt (greedy by default, or sampled with a seed).")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions opts;

    static final class Prompt {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "prompt text (tokenized with the model's tokenizer.json)")
        String text;

        @Option(names = "--prompt-ids", paramLabel = "IDS", description = "prompt token ids, e.g. 15,13,5333")
        String ids;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prompt prompt;

    @Option(names = "--greedy", description = "arg-max decoding (the default when no sampling option is given)")
    boolean greedy;

    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature (> 0)")
    Double temperature;

    @Option(names = "--top-k", paramLabel = "K", description = "sample among the K most likely tokens (0 = all)")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "nucleus sampling: smallest set reaching probability P")
    Double topP;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "random seed for sampling (default 0)")
    long seed;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "64", description = "at most N new tokens (default 64)")
    int maxNewTokens;

    @Option(names = "--stop-at-newline", description = "stop after the first token that contains a newline")
    boolean stopAtNewline;

    @Option(names = "--constrained", description = "allow only tokens made of digits, '.', spaces and newlines (and EOS)")
    boolean constrained;

    @Option(names = "--print-ids", description = "print the new token ids (comma-separated) instead of text")
    boolean printIds;

    @Option(names = "--no-cache", description = "recompute the whole sequence every step (slow; for checking)")
    boolean noCache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean sampling = temperature != null || topK != null || topP != null;
        if (greedy && sampling) {
            throw new IllegalArgumentException("--greedy cannot be combined with --temperature/--top-k/--top-p");
        }
        boolean needTokenizer = prompt.text != null || !printIds || stopAtNewline || constrained;
        PrintWriter out = spec.commandLine().getOut();
        try (Gpt2 model = opts.load();
             Gpt2Tokenizer tok = needTokenizer ? opts.tokenizer(needTokenizerWhy()) : null) {
            long[] ids = prompt.text != null ? tok.encode(prompt.text) : ModelOptions.parseIds(prompt.ids, "--prompt-ids");
            if (ids.length == 0) {
                throw new IllegalArgumentException("the prompt has no tokens");
            }
            int vocab = model.config().vocabSize;
            int eos = ModelDir.eosTokenId(opts.model, model.config());
            Sampler sampler = sampling
                    ? new TopKTopP(temperature == null ? 1.0 : temperature, topK == null ? 0 : topK, topP == null ? 1.0 : topP, seed)
                    : new Greedy();
            Constrained c = constrained ? Constrained.numeric(sampler, tok.numericTokens(), vocab, eos) : null;
            try {
                boolean[] stops = Generator.stopSet(vocab, stopAtNewline ? tok.newlineTokens() : null, eos);
                Generator.Options o = new Generator.Options(maxNewTokens, stops, !noCache);
                long[] made = new Generator(model).generate(ids, c != null ? c : sampler, o);
                if (printIds) {
                    out.println(ModelOptions.joinIds(made));
                } else {
                    out.println(tok.decodeText(made));
                }
            } finally {
                if (c != null) {
                    c.close();
                }
            }
        }
        out.flush();
        return 0;
    }

    private String needTokenizerWhy() {
        if (prompt.text != null) {
            return "--prompt";
        }
        if (constrained) {
            return "--constrained";
        }
        if (stopAtNewline) {
            return "--stop-at-newline";
        }
        return "printing text (use --print-ids for ids)";
    }
}
