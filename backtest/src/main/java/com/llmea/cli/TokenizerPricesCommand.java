package com.llmea.cli;

import com.llmea.tokenizer.PriceTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llm-ea tokenizer prices OUT}: the compact price tokenizer for models trained from scratch. */
@Command(name = "prices", mixinStandardHelpOptions = true,
        description = {"Write a 14-token tokenizer.json for price text (digits, '.', space, newline, <|endoftext|>),",
                "for a GPT-2 trained from scratch on prices (vocab_size 14). Fine-tuning a pretrained GPT-2",
                "keeps its own tokenizer."})
final class TokenizerPricesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "tokenizer.json path, or a directory")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = PriceTokenizer.write(out);
        spec.commandLine().getOut().printf("wrote %s: %d tokens, <|endoftext|> = %d%n", file,
                PriceTokenizer.VOCAB_SIZE, PriceTokenizer.END_OF_TEXT_ID);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
