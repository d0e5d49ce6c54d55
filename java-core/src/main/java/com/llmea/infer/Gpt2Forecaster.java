package com.llmea.infer;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;
import com.llmea.model.ModelDir;
import com.llmea.signal.Forecast;
import com.llmea.signal.Forecaster;
import com.llmea.text.ParsedPrices;
import com.llmea.text.PriceText;
import com.llmea.util.Sha256;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The GPT-2 forecaster: the last {@code promptCloses} closes as price text (plus a space) are the prompt, the model
 * continues the line until a newline or EOS, and the text is parsed back into at most {@code horizon} prices.
 * Greedy by default; with sampling every sample's seed is derived from the model id, the settings, the bar time and
 * the sample number, so a forecast is a pure function of model, settings, closes and bar. With {@code samples} K &gt;
 * 1 the K samples of a window run in the same generation call and the forecast is their per-step median (LLMTime).
 * Too few prices parsed is not an error: the forecast has no closes (the signal HOLDs), its count, the text and the
 * reason. {@link #forecastBatch} sends many windows through the model in left-padded batches and gives exactly what
 * one-by-one calls give.
 */
public final class Gpt2Forecaster implements Forecaster {
    private final TextCompleter completer;
    private final ForecastOptions options;
    private final byte[] seedBase;

    /** A forecaster over any text source (tests of malformed output use canned text; {@link #open} uses GPT-2). */
    public Gpt2Forecaster(TextCompleter completer, ForecastOptions options) {
        this.completer = completer;
        this.options = options;
        this.seedBase = (completer.modelId() + "\n" + options.cacheKey() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Loads a model directory (config, weights, tokenizer.json); the model id is the SHA-256 of model.safetensors. */
    public static Gpt2Forecaster open(Path modelDir, ForecastOptions options, Device device, DataType dtype)
            throws IOException {
        String hash = Sha256.of(modelDir.resolve(ModelDir.WEIGHTS));
        Gpt2 model = ModelDir.load(modelDir, device, dtype);
        try {
            Gpt2Tokenizer tok = Gpt2Tokenizer.load(modelDir);
            int eos = ModelDir.eosTokenId(modelDir, model.config());
            return new Gpt2Forecaster(new Gpt2Completer(model, tok, eos, hash, options, true), options);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public ForecastOptions options() {
        return options;
    }

    /** The model id and every setting that changes a forecast: what a forecast cache must key on. */
    public String cacheNamespace() {
        return "model=" + completer.modelId() + " " + options.cacheKey();
    }

    public TextCompleter completer() {
        return completer;
    }

    /** The prompt for a window: its last {@code promptCloses} closes as price text, then a space. */
    public String prompt(double[] closes) {
        int n = Math.min(options.promptCloses(), closes.length);
        String line = PriceText.line(closes, closes.length - n, n, options.digits());
        return options.promptSpace() ? line + " " : line;
    }

    /** The seed of sample {@code k} at {@code barTime}: from the model id, the settings, the bar and k. */
    long seed(long barTime, int k) {
        MessageDigest md = Sha256.newDigest();
        md.update(seedBase);
        md.update(ByteBuffer.allocate(12).putLong(barTime).putInt(k).array());
        return ByteBuffer.wrap(md.digest()).getLong();
    }

    @Override
    public Forecast forecast(double[] closes, long barTime) {
        return forecastBatch(List.of(closes), new long[] {barTime}).get(0);
    }

    @Override
    public List<Forecast> forecastBatch(List<double[]> windows, long[] barTimes) {
        if (windows.size() != barTimes.length) {
            throw new IllegalArgumentException(windows.size() + " windows but " + barTimes.length + " bar times");
        }
        int k = options.samples();
        List<TextCompleter.Request> req = new ArrayList<>(windows.size() * k);
        for (int w = 0; w < windows.size(); w++) {
            double[] c = windows.get(w);
            if (c.length == 0) {
                throw new IllegalArgumentException("window " + w + " has no closes");
            }
            String p = prompt(c);
            for (int s = 0; s < k; s++) {
                req.add(new TextCompleter.Request(p, options.sampling() ? seed(barTimes[w], s) : 0));
            }
        }
        List<TextCompleter.Completion> got = completer.complete(req);
        List<Forecast> out = new ArrayList<>(windows.size());
        for (int w = 0; w < windows.size(); w++) {
            out.add(combine(got.subList(w * k, (w + 1) * k)));
        }
        return out;
    }

    /** One forecast from the K completions of a window: parsed, checked against min_prices, median of the usable. */
    Forecast combine(List<TextCompleter.Completion> samples) {
        int h = options.horizon();
        int min = options.minPrices();
        if (samples.size() == 1) {
            TextCompleter.Completion c = samples.get(0);
            ParsedPrices p = PriceText.parse(c.text(), h);
            String why = p.complete() ? "" : shortReason(p, h, c.note());
            double[] closes = p.count() >= min ? p.values() : new double[0];
            return new Forecast(closes, p.count(), why, c.text());
        }
        List<double[]> usable = new ArrayList<>();
        int best = 0;
        String firstShort = null;
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < samples.size(); s++) {
            TextCompleter.Completion c = samples.get(s);
            ParsedPrices p = PriceText.parse(c.text(), h);
            best = Math.max(best, p.count());
            if (p.count() >= min) {
                usable.add(p.values());
            }
            if (!p.complete() && firstShort == null) {
                firstShort = "sample " + (s + 1) + " " + shortReason(p, h, c.note());
            }
            if (s > 0) {
                text.append('\n');
            }
            text.append(c.text().strip());
        }
        int k = samples.size();
        if (usable.isEmpty()) {
            return new Forecast(new double[0], best, "no sample of " + k + " parsed " + min + " prices; " + firstShort,
                    text.toString());
        }
        int len = h;
        for (double[] u : usable) {
            len = Math.min(len, u.length);
        }
        double[] med = median(usable, len);
        String why = firstShort == null ? "" : usable.size() + " of " + k + " samples used; " + firstShort;
        return new Forecast(med, len, why, text.toString());
    }

    private static String shortReason(ParsedPrices p, int h, String note) {
        return "parsed " + p.count() + " of " + h + " prices: " + p.stopReason() + (note.isEmpty() ? "" : " (" + note + ")");
    }

    /** Per-step median of the first {@code len} values of each row (mean of the two middle values for even counts). */
    static double[] median(List<double[]> rows, int len) {
        double[] out = new double[len];
        double[] col = new double[rows.size()];
        for (int t = 0; t < len; t++) {
            for (int r = 0; r < col.length; r++) {
                col[r] = rows.get(r)[t];
            }
            Arrays.sort(col);
            int m = col.length / 2;
            out[t] = col.length % 2 == 1 ? col[m] : (col[m - 1] + col[m]) / 2;
        }
        return out;
    }

    @Override
    public void close() {
        try {
            completer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the forecaster's model: " + e.getMessage(), e);
        }
    }
}
