package com.llmea.mql5;

import com.llmea.backtest.EaJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the EA's own hash code: LlmFnv1a64, LlmClosesText and LlmClosesHash are cut out of Journal.mqh, compiled
 * as C++ with g++ against a few lines of MQL5 shims (string, StringLen, StringGetCharacter, StringSubstr,
 * DoubleToString as printf "%.*f"; see {@link Mql5Cpp}), and must give the hash {@link EaJournal#closesHash} gives
 * for the same closes.
 */
class Mql5HashTest {
    static final Path JOURNAL = Path.of("..", "mql5", "Include", "LlmEa", "Journal.mqh");

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
        StringBuilder cpp = new StringBuilder(Mql5Cpp.SHIM);
        for (String f : List.of("string LlmFnv1a64(", "string LlmClosesText(", "string LlmClosesHash(")) {
            cpp.append(Mql5Cpp.function(mqh, f)).append('\n');
        }
        cpp.append(MAIN);
        Path exe = Mql5Cpp.compile(dir, cpp.toString());

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
        String[] hashes = Mql5Cpp.run(dir, input.toString(), exe.toString()).split("\n");
        assertEquals(series.size(), hashes.length);
        assertEquals("6c19c3ad5d931372", hashes[0]);
        for (int k = 0; k < series.size(); k++) {
            assertEquals(EaJournal.closesHash(series.get(k), digits.get(k)), hashes[k], "series " + k);
        }
    }
}
