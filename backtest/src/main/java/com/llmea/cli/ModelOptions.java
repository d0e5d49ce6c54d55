package com.llmea.cli;

import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;
import com.llmea.model.ModelDir;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Options shared by the commands that load a model directory. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Hugging Face model directory (config.json, model.safetensors, tokenizer.json)")
    Path model;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
            description = "compute dtype: float32 (default; CPU) or float16 (GPU)")
    String dtype;

    @Option(names = "--device", paramLabel = "DEV", description = "cpu, gpu or gpu:N (default: a GPU if the engine has one)")
    String device;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch CPU threads (default: one per core; 1 is often faster on a busy machine)")
    Integer threads;

    Gpt2 load() throws IOException {
        if (threads != null) {
            com.llmea.infer.TorchThreads.set(threads);
        }
        return ModelDir.load(model, ModelDir.parseDevice(device), ModelDir.parseDtype(dtype));
    }

    boolean hasTokenizer() {
        return Files.isRegularFile(model.resolve(ModelDir.TOKENIZER));
    }

    Gpt2Tokenizer tokenizer(String why) throws IOException {
        if (!hasTokenizer()) {
            throw new IOException(model + " has no " + ModelDir.TOKENIZER + " (needed for " + why + ")");
        }
        return Gpt2Tokenizer.load(model);
    }

    static long[] parseIds(String s, String option) {
        String[] parts = s.trim().split("[,\\s]+");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a token id");
            }
        }
        if (ids.length == 0 || s.isBlank()) {
            throw new IllegalArgumentException(option + ": no token ids");
        }
        return ids;
    }

    static String joinIds(long[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ids[i]);
        }
        return sb.toString();
    }
}
