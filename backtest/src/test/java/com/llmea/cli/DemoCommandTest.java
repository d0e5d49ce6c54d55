package com.llmea.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.backtest.DealsCsv;
import com.llmea.dataset.DatasetInfo;
import com.llmea.dataset.DatasetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code llm-ea demo}, the README's main command, end to end on a short synthetic series with a few
 * training steps (the real demo trains for minutes; the pipeline is the same).
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryStepOnTheEmbeddedSyntheticSeriesAndSaysSo() throws IOException {
        Path out = dir.resolve("demo-out");
        // 3,000 M5 bars from a Monday: ten full days and a last day of 120 bars, which is what gets backtested
        InspectCommandTest.Run r = InspectCommandTest.run("demo", "--out", out.toString(), "--synthetic-bars", "3000",
                "--train-steps", "3", "--eval-windows", "2", "--backtest-days", "1", "--max-new-tokens", "24");
        assertEquals(0, r.exit(), r.err() + "\n" + r.out());
        for (int step = 1; step <= 7; step++) {
            assertTrue(r.out().contains("[" + step + "/7]"), "step " + step + " ran:\n" + r.out());
        }
        assertTrue(r.out().contains("SYNTHETIC"), r.out());

        DatasetInfo info = DatasetWriter.read(out.resolve("dataset"));
        assertTrue(info.source().synthetic());
        assertEquals(3000, info.source().bars());
        assertEquals(3000 - 59, info.count("total"));

        assertTrue(Files.size(out.resolve("model/model.safetensors")) > 0, "the fine-tuned model was written");
        assertTrue(Files.readAllLines(out.resolve("model/metrics.csv")).size() >= 4, "3 steps in metrics.csv");

        JsonObject eval = JsonParser.parseString(Files.readString(out.resolve("evaluation/evaluation.json"))).getAsJsonObject();
        assertEquals(2, eval.getAsJsonObject("windows").get("evaluated").getAsInt());

        Path deals = out.resolve("backtest/deals.csv");
        assertTrue(Files.exists(out.resolve("backtest/report.html")));
        assertEquals("balance", DealsCsv.read(deals).get(0).type().label(), "deals.csv starts with the deposit");
        String conf = Files.readString(out.resolve("strategy.conf"));
        assertTrue(conf.contains("strategy = llm") && conf.contains("model = ") && conf.contains("max_new_tokens = 24"), conf);
    }

    @Test
    void aMissingBarFileIsOneClearLine() {
        InspectCommandTest.Run r = InspectCommandTest.run("demo", "--out", dir.resolve("x").toString(),
                "--bars", dir.resolve("nope.csv").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("nope.csv"), r.err());
    }
}
