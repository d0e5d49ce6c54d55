package com.llmea.cli;

import ai.djl.ndarray.types.DataType;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Config;
import com.llmea.model.ModelDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code llm-ea model init}: a randomly initialised GPT-2 in a new model directory. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised GPT-2 (HF's init, seeded) as a Hugging Face model directory.")
final class ModelInitCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "tiny|small|FILE",
            description = "tiny (64 wide, 2 layers), small (GPT-2 124M) or a config.json")
    String config;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "random seed (default 0)")
    long seed;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json to copy into the directory")
    Path tokenizer;

    @Option(names = "--force", description = "overwrite the model files of an existing directory")
    boolean force;

    @Parameters(index = "0", paramLabel = "OUT", description = "output directory")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Gpt2Config c = Gpt2Config.preset(config);
        if (Files.exists(out.resolve(ModelDir.WEIGHTS)) && !force) {
            throw new IllegalArgumentException(out + " already holds a model (use --force to overwrite)");
        }
        if (tokenizer != null && !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("tokenizer file " + tokenizer + " does not exist");
        }
        try (Gpt2 model = Gpt2.init(c, seed, ai.djl.Device.cpu(), DataType.FLOAT32)) {
            ModelDir.save(model, out, tokenizer);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s, %,d parameters, seed %d%s%n", out, c,
                c.parameterCount(), seed, tokenizer == null ? " (no tokenizer.json: add one with --tokenizer)" : "");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
