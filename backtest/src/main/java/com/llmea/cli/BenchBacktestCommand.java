package com.llmea.cli;

import com.llmea.backtest.ReplayBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code llm-ea bench backtest}: tester replay speed with precomputed signals, bars per second on one core. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay speed of the Strategy Tester emulation with precomputed signals (synthetic EURUSD M5,",
                "ma-cross signals, reverse, SL/TP, commission and swap): wall-clock and thread-CPU bars/s."})
final class BenchBacktestCommand implements Callable<Integer> {
    @Option(names = "--bars", defaultValue = "2000000", description = "bars to replay (default ${DEFAULT-VALUE})")
    int bars;

    @Option(names = "--rounds", defaultValue = "7", description = "timed rounds after two warm-up rounds (default ${DEFAULT-VALUE})")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (bars < 100 || rounds < 1) {
            throw new IllegalArgumentException("--bars must be at least 100 and --rounds at least 1");
        }
        ReplayBench.run(spec.commandLine().getOut(), bars, rounds);
        return 0;
    }
}
