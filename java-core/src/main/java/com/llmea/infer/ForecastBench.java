package com.llmea.infer;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.llmea.data.BarSeries;
import com.llmea.data.SyntheticSeries;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Config;
import com.llmea.model.Gpt2Tokenizer;
import com.llmea.signal.FileForecastCache;
import com.llmea.signal.Forecast;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Forecast speed for a backtest ({@code llm-ea bench forecast}): GPT-2 small shape with random weights (the speed
 * does not depend on the weights when every forecast runs its full token budget, which random weights under
 * constrained decoding do), forecasts/s one window at a time vs 32 windows per generation call, and forecast-cache
 * writes and lookups/s (from the files in a fresh process, then from the in-memory index).
 */
public final class ForecastBench {
    private final PrintWriter out;
    private final Device device;
    private final DataType dtype;

    public ForecastBench(PrintWriter out, Device device, DataType dtype) {
        this.out = out;
        this.device = device;
        this.dtype = dtype;
    }

    /** Windows of 20 closes from the synthetic EURUSD M5 series. */
    static List<double[]> windows(int n) {
        BarSeries s = SyntheticSeries.eurusdM5(7, n + 20);
        List<double[]> w = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] c = new double[20];
            for (int j = 0; j < 20; j++) {
                c[j] = s.close(i + j);
            }
            w.add(c);
        }
        return w;
    }

    /**
     * @param single windows forecast one by one
     * @param batch  windows per generation call in the batched run
     */
    public void model(Gpt2Config config, Path tokenizer, int single, int batch, int maxNewTokens) throws IOException {
        ForecastOptions o = ForecastOptions.defaults().withMaxNewTokens(maxNewTokens).withBatchSize(batch);
        try (Gpt2 model = Gpt2.init(config, 1, device, dtype);
             Gpt2Tokenizer tok = Gpt2Tokenizer.load(tokenizer);
             Gpt2Forecaster f = new Gpt2Forecaster(new Gpt2Completer(model, tok, config.eosTokenId, "bench-random", o,
                     false), o)) {
            List<double[]> w = windows(batch);
            long[] t = new long[batch];
            Arrays.setAll(t, i -> i * 300L);
            f.forecast(w.get(0), 0); // warm-up
            long t0 = System.nanoTime();
            int withText = 0;
            for (int i = 0; i < single; i++) {
                withText += f.forecast(w.get(i), t[i]).text().length() > 0 ? 1 : 0;
            }
            double s1 = (System.nanoTime() - t0) / 1e9;
            double one = single / s1;
            out.printf(Locale.ROOT, "forecast %s batch 1:  %d forecasts in %.1f s = %.3f forecasts/s%n", name(config),
                    single, s1, one);
            out.flush();
            t0 = System.nanoTime();
            List<Forecast> got = f.forecastBatch(w, t);
            double sb = (System.nanoTime() - t0) / 1e9;
            double many = got.size() / sb;
            out.printf(Locale.ROOT, "forecast %s batch %d: %d forecasts in %.1f s = %.3f forecasts/s (%.1fx batch 1)%n",
                    name(config), batch, got.size(), sb, many, many / one);
            out.printf(Locale.ROOT, "  budget %s tokens per forecast; %d of %d forecasts generated text%n",
                    maxNewTokens > 0 ? String.valueOf(maxNewTokens) : "automatic", withText, single);
            out.flush();
        }
    }

    /** Cache writes/s, lookups/s from the files (fresh instance) and from memory. */
    public void cache(int entries, int lookups) throws IOException {
        Path dir = Files.createTempDirectory("llmea-cache-bench");
        try {
            List<double[]> w = windows(entries);
            double[] fc = new double[40];
            Arrays.fill(fc, 1.1);
            Forecast f = new Forecast(fc, 40, "", "1.1 ".repeat(40));
            FileForecastCache c = new FileForecastCache(dir, "bench");
            long t0 = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                c.put(i * 300L, w.get(i), f);
            }
            double put = entries / ((System.nanoTime() - t0) / 1e9);
            FileForecastCache fresh = new FileForecastCache(dir, "bench");
            t0 = System.nanoTime();
            int hits = 0;
            for (int i = 0; i < entries; i++) {
                hits += fresh.get(i * 300L, w.get(i)) != null ? 1 : 0;
            }
            double cold = entries / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            for (int k = 0; k < lookups; k++) {
                int i = k % entries;
                hits += fresh.get(i * 300L, w.get(i)) != null ? 1 : 0;
            }
            double warm = lookups / ((System.nanoTime() - t0) / 1e9);
            out.printf(Locale.ROOT, "forecast cache: %,.0f writes/s (one renamed file each), %,.0f lookups/s from the files"
                    + " (fresh process), %,.0f lookups/s from memory (%d entries, %d hits)%n", put, cold, warm, entries, hits);
            out.flush();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String name(Gpt2Config c) {
        return c.equals(Gpt2Config.small()) ? "GPT-2 small" : c.nLayer + "x" + c.nEmbd;
    }
}
