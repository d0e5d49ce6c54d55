package com.llmea.mql5;

import com.llmea.strategy.StrategyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The EA's config reader (CLlmConfig in Config.mqh: Add, Find, Get, Set, run as C++ through {@link Mql5Cpp}) sees
 * the same values as {@link StrategyConfig}, and the copy it writes with the inputs' overrides loads in
 * StrategyConfig with the overridden values, the others unchanged, and no duplicate key.
 */
class Mql5ConfigTest {
    static final Path CONFIG = Path.of("..", "mql5", "Include", "LlmEa", "Config.mqh");

    static final String MAIN = """
            int main(int argc, char **argv) {
                CLlmConfig config;
                std::string line;
                while (std::getline(std::cin, line)) {
                    if (line == "--") break;
                    config.Add(line);
                }
                // then: "get KEY" prints the value (or <none>), "set KEY VALUE" overrides, "dump" prints the lines
                while (std::getline(std::cin, line)) {
                    std::istringstream in(line);
                    std::string cmd, key, value;
                    in >> cmd >> key;
                    if (cmd == "get") std::cout << key << "=" << config.Get(key, "<none>") << '\\n';
                    if (cmd == "set") { std::getline(in, value); config.Set(key, value.substr(1)); }
                    if (cmd == "dump") for (auto &l : config.m_lines) std::cout << l << '\\n';
                }
                return 0;
            }
            """;

    static final List<String> FILE = List.of(
            "# llm-ea strategy",
            "; another comment",
            "",
            "model = models/eurusd-m5",
            "  Threshold =  2.5  ",
            "lookback=20",
            "java.home = C:\\Program Files\\Eclipse Adoptium\\jdk-17",
            "LOTS = 0.10",
            "stop_loss_points =",
            "rule = mean = 20");

    @Test
    void everyKeyTheEaWritesIsAKeyTheJavaStrategyDocuments() throws Exception {
        String mqh = Files.readString(CONFIG, StandardCharsets.UTF_8);
        String doc = Files.readString(Path.of("..", "docs", "strategy.md"), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#define\\s+LLMEA_KEY_\\w+\\s+\"([^\"]+)\"").matcher(mqh);
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(doc.contains("| `" + m.group(1) + "` |"),
                    "Config.mqh overrides key '" + m.group(1) + "', which docs/strategy.md does not list");
        }
        assertTrue(n >= 6, "found the EA's key definitions (" + n + ")");
    }

    @Test
    void readsWhatStrategyConfigReadsAndOverridesWithoutDuplicates(@TempDir Path dir) throws Exception {
        String mqh = Files.readString(CONFIG, StandardCharsets.UTF_8);
        String cpp = Mql5Cpp.SHIM + "#define private public\n" + Mql5Cpp.classDeclaration(mqh, "CLlmConfig")
                + Mql5Cpp.function(mqh, "void CLlmConfig::Add(") + Mql5Cpp.function(mqh, "int CLlmConfig::Find(")
                + Mql5Cpp.function(mqh, "string CLlmConfig::Get(") + Mql5Cpp.function(mqh, "void CLlmConfig::Set(") + MAIN;
        Path exe = Mql5Cpp.compile(dir, cpp);

        Path original = dir.resolve("strategy.conf");
        Files.write(original, FILE, StandardCharsets.UTF_8);
        StrategyConfig java = StrategyConfig.load(original);
        List<String> keys = List.of("model", "threshold_points", "lookback", "java.home", "lots", "stop_loss_points", "rule", "absent");
        StringBuilder in = new StringBuilder(String.join("\n", FILE)).append("\n--\n");
        for (String k : keys) {
            in.append("get ").append(k).append('\n');
        }
        String[] got = Mql5Cpp.run(dir, in.toString(), exe.toString()).split("\n");
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(keys.get(i) + "=" + java.string(keys.get(i), "<none>").replaceFirst("^$", "<none>"), got[i],
                    "the EA and StrategyConfig disagree on '" + keys.get(i) + "'");
        }

        // the EA's inputs: threshold_points 3.5, lots 0.2, stop-loss 150 (an empty key), max_bars 12 (a new key)
        in = new StringBuilder(String.join("\n", FILE)).append("\n--\n")
                .append("set threshold_points 3.50000000\nset lots 0.20000000\nset stop_loss_points 150\nset max_bars 12\ndump\n");
        Path copy = dir.resolve("strategy.conf.ea-1234abcd.conf");
        Files.writeString(copy, Mql5Cpp.run(dir, in.toString(), exe.toString()), StandardCharsets.UTF_8);
        StrategyConfig overridden = StrategyConfig.load(copy);
        assertEquals(3.5, overridden.number("threshold_points", 0));
        assertEquals(0.2, overridden.number("lots", 0));
        assertEquals(150, overridden.integer("stop_loss_points", 0));
        assertEquals(12, overridden.integer("max_bars", 0));
        for (String k : List.of("model", "lookback", "java.home", "rule")) {
            assertEquals(java.string(k, null), overridden.string(k, null), k + " must be unchanged");
        }
        assertEquals(java.resolve("models/eurusd-m5"), overridden.resolve(overridden.string("model", null)),
                "relative paths resolve as in the original: the copy sits next to it");
    }
}
