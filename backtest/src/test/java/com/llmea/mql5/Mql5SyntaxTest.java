package com.llmea.mql5;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every .mq5/.mqh under mql5/ parses (mql5/tools/check.js: the tree-sitter C++ grammar with MQL5's few extra
 * keywords blanked out). No MQL5 compiler runs on Linux; this and {@link BridgeHeaderTest} are what is checked.
 * Needs node and {@code npm ci} in mql5/tools (.ci/run does it); it fails, never skips, without them.
 */
class Mql5SyntaxTest {
    static final Path MQL5 = Path.of("..", "mql5");
    static final Path TOOLS = MQL5.resolve("tools");

    @BeforeAll
    static void checkerInstalled() {
        if (!Files.isDirectory(TOOLS.resolve("node_modules").resolve("tree-sitter-cpp"))) {
            fail("the MQL5 syntax checker is not installed: run `npm ci` in mql5/tools (node 18+ and npm needed; "
                    + ".ci/run does this before mvn verify)");
        }
    }

    @Test
    void everyMql5SourceParses() throws Exception {
        Mql5Cpp.Result r = run(MQL5.resolve("Experts"), MQL5.resolve("Include"), MQL5.resolve("Scripts"));
        assertEquals(0, r.exit(), "syntax errors in mql5/:\n" + r.output());
        assertTrue(r.output().contains("no syntax errors"), r.output());
    }

    @Test
    void theExpertTheIncludeAndTheScriptAreAllChecked() throws Exception {
        for (String f : List.of("Experts/LlmEa.mq5", "Include/LlmEa/Bridge.mqh", "Scripts/LlmEaExportBars.mq5")) {
            Path p = MQL5.resolve(f);
            assertTrue(Files.isRegularFile(p), "missing " + p);
            Mql5Cpp.Result r = run(p);
            assertEquals(0, r.exit(), f + ":\n" + r.output());
        }
    }

    @Test
    void mql5ExtrasAreAccepted(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("Extras.mq5");
        Files.writeString(ok, String.join("\n",
                "#property copyright \"llm-ea\"",
                "#include <Trade\\Trade.mqh>",
                "#import \"some.dll\"",
                "int  f(string &buf, int cap);",
                "long g(double &a[], int n);",
                "#import",
                "input group \"Trading\"",
                "input double InpLots = 0.1; // Lots",
                "sinput ulong InpMagic = 42;",
                "datetime g_from = D'2024.01.01 00:00';",
                "color g_color = C'255,0,0';",
                "void OnTick() { MqlTick t; if(!SymbolInfoTick(_Symbol, t)) return; }",
                ""), StandardCharsets.UTF_8);
        Mql5Cpp.Result r = run(ok);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void aMissingBraceIsReported(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("Broken.mq5");
        Files.writeString(bad, "int OnInit()\n  {\n   return(INIT_SUCCEEDED);\n\nvoid OnTick() { }\n", StandardCharsets.UTF_8);
        Mql5Cpp.Result r = run(bad);
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("Broken.mq5:"), r.output());
        assertTrue(r.output().contains("1 with syntax errors"), r.output());
    }

    @Test
    void aBrokenExpressionIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("Broken.mqh");
        Files.writeString(bad, "int Good(void) { return(1); }\nint Bad(void)\n  {\n   int x = (1 + ;\n   return(x);\n  }\n",
                StandardCharsets.UTF_8);
        Mql5Cpp.Result r = run(bad);
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("Broken.mqh:4:"), "the error is on line 4:\n" + r.output());
    }

    @Test
    void anUnknownPathIsAnError() throws Exception {
        Mql5Cpp.Result r = run(Path.of("no-such-folder"));
        assertEquals(2, r.exit(), r.output());
    }

    static Mql5Cpp.Result run(Path... paths) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", TOOLS.resolve("check.js").toString()));
        for (Path p : paths) {
            cmd.add(p.toString());
        }
        return Mql5Cpp.exec(null, "", cmd.toArray(new String[0]));
    }
}
