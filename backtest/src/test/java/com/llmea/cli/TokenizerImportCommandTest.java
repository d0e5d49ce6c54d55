package com.llmea.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea tokenizer import} on small hand-written files (the real GPT-2 ones are tested in java-core). */
class TokenizerImportCommandTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    CommandLine cli() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    void writeFiles(Path vocab, Path merges) throws Exception {
        Files.writeString(vocab, "{\"a\": 0, \"b\": 1, \"ab\": 2, \"<|endoftext|>\": 3}");
        Files.writeString(merges, "#version: 0.2\na b\n");
    }

    @Test
    void importsIntoAFolder() throws Exception {
        writeFiles(tmp.resolve("vocab.json"), tmp.resolve("merges.txt"));
        Path outDir = tmp.resolve("model");
        int rc = cli().execute("tokenizer", "import", "--vocab", tmp.resolve("vocab.json").toString(),
                "--merges", tmp.resolve("merges.txt").toString(), outDir.toString());
        assertEquals(0, rc, err.toString());
        Path tok = outDir.resolve("tokenizer.json");
        assertTrue(out.toString().contains("wrote " + tok + " (vocabulary 4, merges 1, <|endoftext|> = 3)"),
                out.toString());
        JsonObject j = JsonParser.parseString(Files.readString(tok)).getAsJsonObject();
        assertEquals("a b", j.getAsJsonObject("model").getAsJsonArray("merges").get(0).getAsString());
        assertEquals(3, j.getAsJsonArray("added_tokens").get(0).getAsJsonObject().get("id").getAsInt());
    }

    @Test
    void importsOpenAiFilesFromAFolder() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("openai"));
        writeFiles(src.resolve("encoder.json"), src.resolve("vocab.bpe"));
        Path target = tmp.resolve("t/my.json");
        assertEquals(0, cli().execute("tokenizer", "import", "--from", src.toString(), target.toString()),
                err.toString());
        assertTrue(Files.size(target) > 0);
    }

    @Test
    void errorsAreClear() throws Exception {
        writeFiles(tmp.resolve("vocab.json"), tmp.resolve("merges.txt"));
        assertEquals(2, cli().execute("tokenizer", "import", "--vocab", tmp.resolve("vocab.json").toString(),
                tmp.resolve("o").toString()));
        assertTrue(err.toString().contains("--merges"), err.toString());

        Files.writeString(tmp.resolve("merges.txt"), "#version: 0.2\na c\n");
        assertEquals(1, cli().execute("tokenizer", "import", "--vocab", tmp.resolve("vocab.json").toString(),
                "--merges", tmp.resolve("merges.txt").toString(), tmp.resolve("o").toString()));
        assertTrue(err.toString().contains("error: ") && err.toString().contains("\"c\" is not in the vocabulary"),
                err.toString());
    }
}
