package com.llmea.cli;

import com.llmea.util.Djl;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code llm-ea} command line. Each subcommand is a small class of its own in this package;
 * they are registered in {@link #commandLine()}.
 */
@Command(name = "llm-ea",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Fine-tune GPT-2 on MetaTrader price history and trade with it.",
        footer = {"", "Run 'llm-ea COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    static {
        Djl.offline(); // before any DJL class loads
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command tree; tests run commands through this exactly as the script does. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // subcommands, in the order of the data flow
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new InspectCommand());
        cl.addSubcommand(new DatasetCommand());
        cl.addSubcommand(new TokenizerCommand());
        cl.addSubcommand(new ModelCommand());
        cl.addSubcommand(new GenerateCommand());
        cl.addSubcommand(new ScoreCommand());
        cl.addSubcommand(new FinetuneCommand());
        cl.addSubcommand(new EvaluateCommand());
        cl.addSubcommand(new BacktestCommand());
        cl.addSubcommand(new ReportCommand());
        cl.addSubcommand(new CompareCommand());
        cl.addSubcommand(new BenchCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
