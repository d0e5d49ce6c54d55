package com.llmea.infer;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.llmea.model.Fixtures;
import com.llmea.signal.CachingForecaster;
import com.llmea.signal.FileForecastCache;
import com.llmea.signal.Forecast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GPT-2 forecaster on the tiny fixture model (real GPT-2 tokenizer, random weights): deterministic for a seed,
 * batched equal to one by one, ensembles in one generation call. Short prompts and budgets keep it fast; the tiny
 * model writes number-like garbage, which is what the HOLD path needs anyway.
 */
class Gpt2ForecasterTest {
    static final ForecastOptions FAST = ForecastOptions.defaults().withWindow(8, 6).withMaxNewTokens(16).withBatchSize(4);
    static Gpt2Forecaster greedy;
    static Gpt2Forecaster sampled;

    /** Windows of closes with 4 or 5 decimals, so their prompts differ in length (left padding in a batch). */
    static List<double[]> windows(int n, int len) {
        List<double[]> out = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            double[] c = new double[len];
            for (int i = 0; i < len; i++) {
                long points = 117800 + (w * 37L + i * (w % 3 == 0 ? 10 : 7)) % 91;
                c[i] = points / 100000.0;
            }
            out.add(c);
        }
        return out;
    }

    static long[] times(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000L + 300L * i;
        }
        return t;
    }

    @BeforeAll
    static void open() throws Exception {
        greedy = Gpt2Forecaster.open(Fixtures.tinyGpt2(), FAST, Device.cpu(), DataType.FLOAT32);
        sampled = Gpt2Forecaster.open(Fixtures.tinyGpt2(), FAST.withSampling(1.0, 0, 0.95, 7, 3), Device.cpu(),
                DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        greedy.close();
        sampled.close();
    }

    @Test
    void promptIsTheLastClosesAsPriceTextThenASpace() {
        double[] c = new double[25];
        for (int i = 0; i < 25; i++) {
            c[i] = 1.1 + i / 10000.0;
        }
        String p = greedy.prompt(c);
        assertEquals("1.1017 1.1018 1.1019 1.102 1.1021 1.1022 1.1023 1.1024 ", p);
        assertTrue(greedy.cacheNamespace().startsWith("model=" + sha256OfFixture()), greedy.cacheNamespace());
    }

    static String sha256OfFixture() {
        try {
            return com.llmea.util.Sha256.of(Fixtures.tinyGpt2().resolve("model.safetensors"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void batchedEqualsOneByOneGreedyAndSampled() {
        List<double[]> w = windows(4, 8);
        long[] t = times(4);
        for (Gpt2Forecaster f : List.of(greedy, sampled)) {
            // rows of 4- and 5-decimal windows share batches of 4 rows (greedy: 1 batch; sampled x3: 3 batches)
            List<Forecast> batch = f.forecastBatch(w, t);
            for (int i = 0; i < w.size(); i++) {
                Forecast one = f.forecast(w.get(i), t[i]);
                assertSame(one, batch.get(i), f.options().describe() + ", window " + i);
            }
        }
        // the windows really were padded: their prompts tokenize to different lengths
        assertNotEquals(greedy.prompt(w.get(0)).length(), greedy.prompt(w.get(1)).length());
    }

    @Test
    void batchesThatWouldOverflowTheContextAreSplitAndStillEqualOneByOne() throws Exception {
        // 50-close prompts of about 200-240 tokens on a 256-token model: each row's budget is cut to what its own
        // prompt leaves, and rows whose longest prompt plus largest budget would not fit run in separate calls
        ForecastOptions o = FAST.withWindow(50, 40).withMaxNewTokens(200).withBatchSize(3);
        try (Gpt2Forecaster f = Gpt2Forecaster.open(Fixtures.tinyGpt2(), o, Device.cpu(), DataType.FLOAT32)) {
            List<double[]> w = windows(3, 50);
            long[] t = times(3);
            List<Forecast> batch = f.forecastBatch(w, t);
            boolean context = false;
            for (int i = 0; i < w.size(); i++) {
                assertSame(f.forecast(w.get(i), t[i]), batch.get(i), "window " + i);
                context |= batch.get(i).reason().contains("context of 256 tokens");
            }
            assertTrue(context, "some row ran into the model's context");
        }
    }

    @Test
    void deterministicForASeedAndAPureFunctionOfTheBar() throws Exception {
        double[] w = windows(1, 8).get(0);
        Forecast a = sampled.forecast(w, 1000);
        try (Gpt2Forecaster again = Gpt2Forecaster.open(Fixtures.tinyGpt2(), sampled.options(), Device.cpu(),
                DataType.FLOAT32)) {
            assertSame(a, again.forecast(w, 1000), "same model, settings, closes and bar");
        }
        assertSame(a, sampled.forecast(w, 1000), "asked again");
        assertNotEquals(a.text(), sampled.forecast(w, 1300).text(), "another bar draws other samples");
        assertNotEquals(sampled.seed(1000, 0), sampled.seed(1000, 1));
        Forecast g = greedy.forecast(w, 1000);
        assertSame(g, greedy.forecast(w, 99999), "greedy ignores the bar time");
    }

    @Test
    void ensembleDrawsKSamplesInOneGenerationCall() {
        int[] calls = {0};
        int[] rows = {0};
        TextCompleter counting = new TextCompleter() {
            @Override
            public List<Completion> complete(List<Request> requests) {
                calls[0]++;
                rows[0] += requests.size();
                return sampled.completer().complete(requests);
            }

            @Override
            public String modelId() {
                return sampled.completer().modelId();
            }
        };
        Gpt2Forecaster f = new Gpt2Forecaster(counting, sampled.options());
        Forecast e = f.forecast(windows(1, 8).get(0), 5);
        assertEquals(1, calls[0]);
        assertEquals(3, rows[0]);
        assertEquals(3, e.text().split("\n", -1).length, "the raw text holds the 3 samples");
        assertSame(e, sampled.forecast(windows(1, 8).get(0), 5), "same as the forecaster itself");
    }

    @Test
    void fileCacheReturnsIdenticalForecasts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<double[]> w = windows(4, 8);
        long[] t = times(4);
        List<Forecast> direct = sampled.forecastBatch(w, t);
        CachingForecaster first = new CachingForecaster(sampled, new FileForecastCache(dir, sampled.cacheNamespace()), 8);
        List<Forecast> computed = first.forecastBatch(w, t);
        CachingForecaster second = new CachingForecaster(sampled, new FileForecastCache(dir, sampled.cacheNamespace()), 8);
        List<Forecast> cached = second.forecastBatch(w, t);
        assertEquals(1, first.modelCalls());
        assertEquals(0, second.modelCalls(), "a new process reads every forecast from the files");
        for (int i = 0; i < w.size(); i++) {
            assertSame(direct.get(i), computed.get(i), "computed " + i);
            assertSame(direct.get(i), cached.get(i), "cached " + i);
            assertSame(direct.get(i), second.forecast(w.get(i), t[i]), "single lookup " + i);
        }
        assertNotEquals(sampled.cacheNamespace(), greedy.cacheNamespace());
    }

    @Test
    void perStepMedian() {
        double[] m = Gpt2Forecaster.median(List.of(new double[] {1, 5, 3}, new double[] {2, 4, 9}, new double[] {3, 6, 0}), 3);
        assertArrayEquals(new double[] {2, 5, 3}, m);
        assertArrayEquals(new double[] {1.5, 4.5}, Gpt2Forecaster.median(List.of(new double[] {1, 5}, new double[] {2, 4}), 2));
    }

    static void assertSame(Forecast want, Forecast got, String what) {
        assertArrayEquals(want.closes(), got.closes(), what);
        assertEquals(want.parsedCount(), got.parsedCount(), what);
        assertEquals(want.reason(), got.reason(), what);
        assertEquals(want.text(), got.text(), what);
    }
}
