package com.llmea.cli;

import com.llmea.infer.ForecastBench;
import com.llmea.model.Gpt2Config;
import com.llmea.model.ModelDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llm-ea bench forecast}: forecasts/s at batch 1 vs batch 32 and forecast-cache lookups/s. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"GPT-2 forecasts per second for a backtest (GPT-2 small shape, random weights) one window at a"
                + " time vs 32 per generation call, and forecast-cache writes and lookups per second."})
final class BenchForecastCommand implements Callable<Integer> {
    @Option(names = "--tokenizer", paramLabel = "FILE", required = true,
            description = "a GPT-2 tokenizer.json (or a model directory holding one)")
    Path tokenizer;

    @Option(names = "--config", paramLabel = "NAME", defaultValue = "small",
            description = "model shape: small (default), tiny, or a config.json")
    String config;

    @Option(names = "--single", paramLabel = "N", defaultValue = "4", description = "windows forecast one by one (default 4)")
    int single;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "windows per batched call (default 32)")
    int batch;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "0",
            description = "token budget per forecast (0 = automatic, as in a backtest)")
    int maxNewTokens;

    @Option(names = "--cache-only", description = "only the forecast cache")
    boolean cacheOnly;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 (default) or float16 (GPU)")
    String dtype;

    @Option(names = "--device", description = "cpu, gpu or gpu:N")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch intra-op threads (set before the engine starts)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Path tok = Files.isDirectory(tokenizer) ? tokenizer.resolve(ModelDir.TOKENIZER) : tokenizer;
        ForecastBench b = new ForecastBench(spec.commandLine().getOut(), ModelDir.parseDevice(device),
                ModelDir.parseDtype(dtype));
        b.cache(20_000, 2_000_000);
        if (!cacheOnly) {
            b.model(Gpt2Config.preset(config), tok, single, batch, maxNewTokens);
        }
        return 0;
    }
}
