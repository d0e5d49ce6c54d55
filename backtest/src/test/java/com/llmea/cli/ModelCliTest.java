package com.llmea.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.model.Gpt2;
import com.llmea.model.ModelDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate, score and model init through the command line, on the fixture tiny-gpt2. */
class ModelCliTest {
    @TempDir
    Path tmp;

    static int threads;

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        threads = com.llmea.infer.TorchThreads.set(1); // tiny model: steady on a busy machine
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreThreads() {
        com.llmea.infer.TorchThreads.set(threads);
    }

    static Path fixture() {
        return Path.of(System.getProperty("llmea.shared", "/work/shared"), "fixtures", "tiny-gpt2");
    }

    static JsonObject expected() throws Exception {
        return JsonParser.parseString(Files.readString(fixture().resolve("expected.json"))).getAsJsonObject();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String ids(com.google.gson.JsonArray a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(a.get(i).getAsLong());
        }
        return sb.toString();
    }

    @Test
    void generateGreedyPrintsHfIds() throws Exception {
        JsonObject g = expected().getAsJsonObject("generation");
        Run r = run("generate", "--model", fixture().toString(), "--prompt-ids", ids(g.getAsJsonArray("prompt_ids")),
                "--greedy", "--max-new-tokens", "40", "--print-ids");
        assertEquals(0, r.code(), r.err());
        assertEquals(ids(g.getAsJsonArray("new_ids")), r.out().trim());
        Run nc = run("generate", "--model", fixture().toString(), "--prompt-ids", ids(g.getAsJsonArray("prompt_ids")),
                "--max-new-tokens", "40", "--print-ids", "--no-cache");
        assertEquals(r.out(), nc.out());
    }

    @Test
    void generateTextSampledConstrained() {
        String[] args = {"generate", "--model", fixture().toString(), "--prompt", "0.6119 0.61197 0.61201",
                "--temperature", "0.9", "--top-k", "40", "--top-p", "0.95", "--seed", "3", "--max-new-tokens", "30",
                "--constrained"};
        Run a = run(args);
        Run b = run(args);
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        String text = a.out().substring(0, a.out().length() - 1); // println's newline
        assertTrue(text.matches("[0-9. \\n]*"), "'" + text + "'");
    }

    @Test
    void scoreMatchesTheModelApi() throws Exception {
        long[] row0 = new long[16];
        com.google.gson.JsonArray a = expected().getAsJsonArray("input_ids").get(0).getAsJsonArray();
        for (int i = 0; i < 16; i++) {
            row0[i] = a.get(i).getAsLong();
        }
        double want;
        try (Gpt2 m = ModelDir.load(fixture())) {
            want = m.loss(new long[][] {row0});
        }
        Run r = run("score", "--model", fixture().toString(), "--ids", ids(a));
        assertEquals(0, r.code(), r.err());
        assertEquals(ScoreCommand.format(want), r.out().trim());
        assertEquals(want, Double.parseDouble(r.out().trim()), 1e-5 * Math.abs(want));
        assertEquals(7, r.out().trim().replace(".", "").replaceFirst("^0+", "").length());
        Run t = run("score", "--model", fixture().toString(), "--text", "Hello world, 1.2345");
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void initWritesALoadableModel() throws Exception {
        Path out = tmp.resolve("m");
        Run r = run("model", "init", "--config", "tiny", "--seed", "7", "--tokenizer",
                fixture().resolve("tokenizer.json").toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));
        try (Gpt2 m = ModelDir.load(out)) {
            assertEquals(64, m.config().nEmbd);
            float[] ln = m.parameters().get("transformer.h.0.ln_1.weight").toFloatArray();
            assertEquals(1f, ln[0]);
            float[] b = m.parameters().get("transformer.h.0.attn.c_attn.bias").toFloatArray();
            assertEquals(0f, b[5]);
            float[] w = m.parameters().get("transformer.wte.weight").toFloatArray();
            double s = 0;
            for (float v : w) {
                s += v * v;
            }
            assertEquals(0.02, Math.sqrt(s / w.length), 0.001);
            float[] proj = m.parameters().get("transformer.h.1.mlp.c_proj.weight").toFloatArray();
            double sp = 0;
            for (float v : proj) {
                sp += v * v;
            }
            assertEquals(0.02 / 2, Math.sqrt(sp / proj.length), 0.001);
        }
        // same seed, same weights
        Path out2 = tmp.resolve("m2");
        assertEquals(0, run("model", "init", "--config", "tiny", "--seed", "7", out2.toString()).code());
        assertEquals(-1, Files.mismatch(out.resolve("model.safetensors"), out2.resolve("model.safetensors")));
        Run g = run("generate", "--model", out.toString(), "--prompt", "1.1", "--max-new-tokens", "5");
        assertEquals(0, g.code(), g.err());
        // refuses to overwrite, and errors are one line
        Run again = run("model", "init", "--config", "tiny", out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("error: ") && again.err().contains("--force"), again.err());
    }

    @Test
    void clearErrors() {
        Run r = run("generate", "--model", tmp.resolve("nope").toString(), "--prompt-ids", "1,2", "--print-ids");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
        Run s = run("generate", "--model", fixture().toString(), "--prompt-ids", "1,2", "--greedy", "--top-k", "3");
        assertEquals(1, s.code());
        assertTrue(s.err().contains("--greedy cannot be combined"), s.err());
    }
}
