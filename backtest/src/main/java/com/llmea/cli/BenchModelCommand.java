package com.llmea.cli;

import com.llmea.infer.ModelBench;
import com.llmea.model.ModelDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code llm-ea bench model}: matmul FLOP/s, forward and KV-cached generation tokens/s. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Forward and KV-cached generation speed of tiny and GPT-2 small (random weights), batch 1 and 32,",
                "and a 250-token forecast on GPT-2 small, each relative to a large matmul measured in the same run."})
final class BenchModelCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "fewer and shorter runs")
    boolean quick;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 (default) or float16 (GPU)")
    String dtype;

    @Option(names = "--device", description = "cpu, gpu or gpu:N")
    String device;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch intra-op threads (default: one per core; 1 is steadier on a busy machine)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (threads != null) {
            com.llmea.infer.TorchThreads.set(threads);
        }
        new ModelBench(spec.commandLine().getOut(), ModelDir.parseDevice(device), ModelDir.parseDtype(dtype)).runAll(quick);
        return 0;
    }
}
