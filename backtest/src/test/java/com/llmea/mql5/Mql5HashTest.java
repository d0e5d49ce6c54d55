package com.llmea.mql5;

import com.llmea.backtest.EaJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the EA's own hash code: LlmFnv1a64, LlmClosesText and LlmClosesHash are cut out of Journal.mqh, compiled
 * as C++ with g++ against a few lines of MQL5 shims (string, StringLen, StringGetCharacter, StringSubstr,
 * DoubleToString as printf "%.*f"), and must give the hash {@link EaJournal#closesHash} gives for the same closes.
 * The only rewrite of the MQL5 text is {@code const double &a[]} → {@code const double *a} (C++ has no arrays of
 * references). g++ is installed by .ci/run.
 */
class Mql5HashTest {
    static final Path JOURNAL = Path.of("..", "mql5", "Include", "LlmEa", "Journal.mqh");

    static final String SHIM = """
            #include <cstdio>
            #include <iostream>
            #include <sstream>
            #include <string>
            #include <vector>
            #define ulong unsigned long long
            #define ushort unsigned short
            struct string : std::string {
                string() {}
                string(const char *s) : std::string(s) {}
                string(const std::string &s) : std::string(s) {}
            };
            static int StringLen(const string &s) { return (int) s.size(); }
            static ushort StringGetCharacter(const string &s, int i) { return (unsigned char) s[i]; }
            static string StringSubstr(const string &s, int start, int len) { return s.substr(start, len); }
            static string DoubleToString(double v, int digits) {
                char b[64];
                std::snprintf(b, sizeof b, "%.*f", digits, v);
                return string(b);
            }
            """;

    static final String MAIN = """
            int main() {
                std::string line;
                while (std::getline(std::cin, line)) {
                    std::istringstream in(line);
                    int digits;
                    in >> digits;
                    std::vector<double> closes;
                    double c;
                    while (in >> c) closes.push_back(c);
                    std::cout << LlmClosesHash(closes.data(), (int) closes.size(), digits) << '\\n';
                }
                return 0;
            }
            """;

    @Test
    void theEaComputesTheSameHashAsJava(@TempDir Path dir) throws Exception {
        String mqh = Files.readString(JOURNAL, StandardCharsets.UTF_8);
        StringBuilder cpp = new StringBuilder(SHIM);
        for (String f : List.of("LlmFnv1a64", "LlmClosesText", "LlmClosesHash")) {
            cpp.append(function(mqh, f).replaceAll("const double &(\\w+)\\[\\]", "const double *$1")).append('\n');
        }
        cpp.append(MAIN);
        Path src = dir.resolve("hash.cpp");
        Path exe = dir.resolve("hash");
        Files.writeString(src, cpp, StandardCharsets.UTF_8);
        String compiled = run(dir, "", "g++", "-std=c++17", "-O0", "-o", exe.toString(), src.toString());
        assertEquals("", compiled.strip(), "g++ output for the MQL5 hash code:\n" + cpp);

        List<double[]> series = new ArrayList<>();
        List<Integer> digits = new ArrayList<>();
        series.add(new double[] {1.17829, 1.17808, 1.17841, 1.1791, 1.17862});
        digits.add(5);
        series.add(new double[] {150.0, 149.987});
        digits.add(3);
        Random rnd = new Random(8);
        for (int k = 0; k < 200; k++) {
            int d = k % 3 == 0 ? 3 : 5;
            double price = d == 3 ? 150 : 1.1;
            double[] closes = new double[20];
            for (int i = 0; i < closes.length; i++) {
                price += (rnd.nextDouble() - 0.5) * price * 0.002;
                closes[i] = Math.round(price * Math.pow(10, d)) / Math.pow(10, d);
            }
            series.add(closes);
            digits.add(d);
        }
        StringBuilder input = new StringBuilder();
        for (int k = 0; k < series.size(); k++) {
            input.append(digits.get(k));
            for (double c : series.get(k)) {
                input.append(' ').append(String.format(Locale.ROOT, "%.17g", c));
            }
            input.append('\n');
        }
        String[] hashes = run(dir, input.toString(), exe.toString()).split("\n");
        assertEquals(series.size(), hashes.length);
        assertEquals("6c19c3ad5d931372", hashes[0]);
        for (int k = 0; k < series.size(); k++) {
            assertEquals(EaJournal.closesHash(series.get(k), digits.get(k)), hashes[k], "series " + k);
        }
    }

    /** A function's text in MetaQuotes layout: from its signature to the closing brace in column 3. */
    static String function(String mqh, String name) {
        Matcher m = Pattern.compile("(?m)^string " + name + "\\(.*?\\n  }\\n", Pattern.DOTALL).matcher(mqh);
        if (!m.find()) {
            throw new AssertionError("Journal.mqh has no function " + name);
        }
        return m.group();
    }

    static String run(Path dir, String stdin, String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd[0] + " (g++ is needed to run the EA's hash code; .ci/run installs it): "
                    + e.getMessage(), e);
        }
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd[0] + " timed out");
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}
