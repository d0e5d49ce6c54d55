package com.llmea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llm-ea model}: model directory tools. Subcommands are listed in the annotation. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Create and manage model directories.",
        subcommands = {ModelInitCommand.class, ModelFetchCommand.class})
final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
