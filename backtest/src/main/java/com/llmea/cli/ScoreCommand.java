package com.llmea.cli;

import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code llm-ea score}: mean next-token cross-entropy of a token sequence. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Print the mean shifted cross-entropy (nats per token) of a sequence, as HF computes it with labels = ids.")
final class ScoreCommand implements Callable<Integer> {
    @Mixin
    ModelOptions opts;

    static final class Input {
        @Option(names = "--ids", paramLabel = "IDS", description = "token ids, e.g. 15,13,5333")
        String ids;

        @Option(names = "--text", paramLabel = "TEXT", description = "text (tokenized with the model's tokenizer.json)")
        String text;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Gpt2 model = opts.load()) {
            long[] ids;
            if (input.text != null) {
                try (Gpt2Tokenizer tok = opts.tokenizer("--text")) {
                    ids = tok.encode(input.text);
                }
            } else {
                ids = ModelOptions.parseIds(input.ids, "--ids");
            }
            if (ids.length < 2) {
                throw new IllegalArgumentException("need at least 2 tokens to score, got " + ids.length);
            }
            if (ids.length > model.config().nPositions) {
                throw new IllegalArgumentException(ids.length + " tokens exceed the model's context of "
                        + model.config().nPositions);
            }
            double loss = model.loss(new long[][] {ids});
            spec.commandLine().getOut().println(format(loss));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** 7 significant digits. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(7)).toPlainString();
    }
}
