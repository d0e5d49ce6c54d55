package com.llmea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llm-ea bench}: speed measurements (not part of the tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed on this machine.",
        subcommands = {BenchDataCommand.class, BenchModelCommand.class, BenchBacktestCommand.class,
                BenchForecastCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
