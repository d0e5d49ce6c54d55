package com.llmea.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Config;
import com.llmea.model.ModelDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea finetune} end to end on a tiny model: an HF model directory, metrics and the loss curve. */
class FinetuneCommandTest {

    @Test
    void writesAModelDirectoryMetricsAndChart(@TempDir Path tmp) throws Exception {
        Path shared = Path.of(System.getProperty("llmea.shared", "/work/shared"));
        Path base = tmp.resolve("base");
        try (Gpt2 m = Gpt2.init(Gpt2Config.tiny(), 3, Device.cpu(), DataType.FLOAT32)) {
            ModelDir.save(m, base, shared.resolve("fixtures/tiny-gpt2/tokenizer.json"));
        }
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<String> lines = Files.readAllLines(shared.resolve("fixtures/textdataset-packing/train.txt"));
        Files.write(data.resolve("train.txt"), lines.subList(0, 4));
        Files.write(data.resolve("valid.txt"), lines.subList(150, 152));
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("finetune", "--model", base.toString(), "--data", data.toString(), "--output", out.toString(),
                "--batch-size", "2", "--max-steps", "2", "--lr", "1e-3", "--device", "cpu", "--no-progress");
        assertEquals(0, rc, err.toString());
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "generation_config.json",
                "metrics.csv", "loss.png", "finetune.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("step,epoch,loss,val_loss,lr,grad_norm,tokens_per_s", metrics.get(0));
        assertEquals(3, metrics.size());
        assertTrue(!metrics.get(2).split(",")[3].isEmpty(), "validation at the last step: " + metrics.get(2));
        try (Gpt2 tuned = ModelDir.load(out)) {
            assertEquals(Gpt2Config.tiny().nEmbd, tuned.config().nEmbd);
        }
        // a second run into the same directory without --resume is refused
        assertEquals(1, cl.execute("finetune", "--model", base.toString(), "--data", data.toString(), "--output",
                out.toString(), "--max-steps", "2", "--device", "cpu", "--no-progress"));
    }
}
