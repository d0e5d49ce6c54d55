package com.llmea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Stand-in for the {@code llm-ea model} parent on this branch, so that {@code llm-ea model fetch} runs; the real
 * {@code ModelCommand} (with {@code init}) takes {@link ModelFetchCommand} as a subcommand when the branches merge.
 */
@Command(name = "model", mixinStandardHelpOptions = true, description = "GPT-2 models.")
final class ModelFetchParent implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
