package com.llmea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llm-ea tokenizer}: tokenizer files. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "GPT-2 tokenizer files.",
        subcommands = {TokenizerImportCommand.class, TokenizerPricesCommand.class})
public final class TokenizerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
