package com.llmea.train;

import com.llmea.infer.Generator;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;
import com.llmea.model.ModelDir;
import com.llmea.text.ParsedPrices;
import com.llmea.text.PriceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny GPT-2 (64 wide, 2 layers, real GPT-2 tokenizer) fine-tuned for a bounded time on real EURUSD M5 windows
 * of 50 closes clearly lowers the validation loss, and then continues 10-price prompts from held-out windows with
 * 40 prices in a plausible range for most prompts.
 */
@org.junit.jupiter.api.extension.ExtendWith(com.llmea.infer.OneTorchThread.class)
class EurusdFineTuneTest {
    static final int WINDOW = 50;
    static final int PROMPT = 10;

    @Test
    void tinyModelLearnsToWritePrices(@TempDir Path tmp) throws Exception {
        double[] closes = TrainFixtures.eurusdCloses();
        int n = closes.length;
        int trainEnd = (int) (n * 0.75);
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<String> train = new ArrayList<>();
        for (int i = 0; i + WINDOW <= trainEnd; i += 2) {
            train.add(PriceText.line(closes, i, WINDOW, 5));
        }
        List<String> valid = new ArrayList<>();
        List<Integer> validStarts = new ArrayList<>();
        for (int i = trainEnd + WINDOW; i + WINDOW <= n; i += 20) {
            valid.add(PriceText.line(closes, i, WINDOW, 5));
            validStarts.add(i);
        }
        Files.write(data.resolve("train.txt"), train);
        Files.write(data.resolve("valid.txt"), valid);

        TrainOptions o = new TrainOptions();
        o.baseModel = TrainFixtures.tinyBase(tmp.resolve("base"), 11);
        o.dataset = data;
        o.output = tmp.resolve("out");
        o.batchSize = 4;
        // 80 steps of 4 lines (~66k tokens): about a minute on 2 free cores; 60 steps already give 7 of 8 good
        // generations. The time cap only bounds a run on a badly overloaded machine (the assertions may then fail).
        o.maxSteps = 80;
        o.maxSeconds = Double.parseDouble(System.getProperty("llmea.eurusdSeconds", "300"));
        o.lr = 5e-3;
        o.constantLr = true;
        o.warmupSteps = 5;
        o.evalBatches = 6;
        o.device = "cpu";
        double before;
        double after;
        try (Trainer t = new Trainer(o, null)) {
            before = t.validationLoss();
            after = t.run();
            System.out.printf("EURUSD tiny fine-tune: %d steps, validation loss %.3f -> %.3f%n", t.step(), before, after);
        }
        assertTrue(after < 0.35 * before, "validation loss " + before + " -> " + after);

        double lo = Arrays.stream(closes).min().orElseThrow() * 0.98;
        double hi = Arrays.stream(closes).max().orElseThrow() * 1.02;
        int ok = 0;
        int prompts = 0;
        StringBuilder report = new StringBuilder();
        try (Gpt2 model = ModelDir.load(o.output); Gpt2Tokenizer tok = Gpt2Tokenizer.load(o.output)) {
            List<long[]> batch = new ArrayList<>();
            for (int k = 0; k < validStarts.size() && k < 8; k++) {
                batch.add(tok.encode(PriceText.line(closes, validStarts.get(k), PROMPT, 5)));
            }
            Generator.Options opts = Generator.Options.of(190).withStops(Generator.stopSet(50257, null, 50256));
            for (long[] out : new Generator(model).generate(batch, new com.llmea.infer.Greedy(), opts)) {
                prompts++;
                ParsedPrices p = PriceText.parse(tok.decodeText(out), WINDOW - PROMPT);
                boolean plausible = p.complete() && Arrays.stream(p.values()).allMatch(v -> v >= lo && v <= hi);
                if (plausible) {
                    ok++;
                } else {
                    report.append("\n  ").append(p.stopReason()).append(": ").append(tok.decodeText(out));
                }
            }
        }
        System.out.printf("EURUSD tiny fine-tune: %d of %d prompts give 40 plausible prices%n", ok, prompts);
        assertTrue(ok >= 0.6 * prompts, ok + " of " + prompts + " generations parse as 40 plausible prices:" + report);
    }
}
