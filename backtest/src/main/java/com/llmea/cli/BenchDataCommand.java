package com.llmea.cli;

import com.llmea.data.Mt5ExportWriter;
import com.llmea.data.SyntheticSeries;
import com.llmea.dataset.DataBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llm-ea bench data}: reader rows/s and data-set builder windows/s. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Reading speed (rows/s) and data-set building speed (windows/s) on a bar file",
                "(default: a 25,000-bar synthetic MT5 export, the size of a few months of M5)."})
final class BenchDataCommand implements Callable<Integer> {
    @Option(names = "--bars", paramLabel = "FILE", description = "bar file to measure on")
    Path bars;

    @Option(names = "--rounds", defaultValue = "15", description = "measured rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = bars;
        Path tmp = null;
        if (file == null) {
            tmp = Files.createTempDirectory("llmea-bench");
            file = tmp.resolve(SyntheticSeries.SYMBOL + "_M5.csv");
            Mt5ExportWriter.write(SyntheticSeries.eurusdM5(1, 25_000), file);
        }
        try {
            new DataBench(spec.commandLine().getOut()).run(file, rounds);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(tmp);
            }
        }
        return 0;
    }
}
