package com.llmea.infer;

import java.util.Locale;

/**
 * How the GPT-2 forecaster turns closes into a forecast (docs/forecasting.md). Everything here that can change a
 * forecast is part of {@link #cacheKey()}; the batch size is not, because batched and one-by-one forecasts are
 * identical.
 *
 * @param promptCloses how many of the last closes form the prompt (the method: 20)
 * @param horizon      how many closes to forecast (the method: 40)
 * @param digits       decimals of the price text, as in the data set the model was fine-tuned on
 * @param temperature  0 = greedy (default); &gt; 0 samples, seeded from the model hash, the bar time and {@code seed}
 * @param topK         sampling: keep the K most likely tokens (0 = off)
 * @param topP         sampling: nucleus probability (1 = off)
 * @param seed         sampling: mixed into every row's seed
 * @param samples      ensemble size K: K samples, per-step median (needs sampling when K &gt; 1)
 * @param constrained  allow only tokens made of digits, '.', spaces and newlines (and EOS)
 * @param maxNewTokens token budget per sample; 0 = from the prompt's tokens per price (see {@link #budget})
 * @param minPrices    fewer parsed prices than this make the forecast empty (HOLD); default = horizon
 * @param promptSpace  end the prompt with a space, so the model continues the line with the next price
 * @param batchSize    rows (windows x samples) per generation call
 */
public record ForecastOptions(int promptCloses, int horizon, int digits, double temperature, int topK, double topP,
                              long seed, int samples, boolean constrained, int maxNewTokens, int minPrices,
                              boolean promptSpace, int batchSize) {

    public ForecastOptions {
        check(promptCloses >= 1, "prompt closes must be at least 1, got " + promptCloses);
        check(horizon >= 1, "horizon must be at least 1, got " + horizon);
        check(digits >= 0 && digits <= 10, "digits must be 0..10, got " + digits);
        check(temperature >= 0 && Double.isFinite(temperature), "temperature must be >= 0, got " + temperature);
        check(topK >= 0, "top_k must be >= 0, got " + topK);
        check(topP > 0 && topP <= 1, "top_p must be in (0, 1], got " + topP);
        check(samples >= 1, "samples must be at least 1, got " + samples);
        check(samples == 1 || temperature > 0,
                "samples = " + samples + " needs sampling (temperature > 0): greedy samples are all the same");
        check(maxNewTokens >= 0, "max_new_tokens must be >= 0 (0 = automatic), got " + maxNewTokens);
        check(minPrices >= 1 && minPrices <= horizon, "min_prices must be 1.." + horizon + ", got " + minPrices);
        check(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The method's setup: 20 closes in, 40 out, greedy, constrained, 5 digits, batch 32. */
    public static ForecastOptions defaults() {
        return new ForecastOptions(20, 40, 5, 0, 0, 1, 0, 1, true, 0, 40, true, 32);
    }

    public boolean sampling() {
        return temperature > 0;
    }

    public ForecastOptions withDigits(int d) {
        return new ForecastOptions(promptCloses, horizon, d, temperature, topK, topP, seed, samples, constrained,
                maxNewTokens, minPrices, promptSpace, batchSize);
    }

    public ForecastOptions withWindow(int prompt, int h) {
        return new ForecastOptions(prompt, h, digits, temperature, topK, topP, seed, samples, constrained,
                maxNewTokens, Math.min(minPrices == horizon ? h : minPrices, h), promptSpace, batchSize);
    }

    public ForecastOptions withSampling(double t, int k, double p, long s, int n) {
        return new ForecastOptions(promptCloses, horizon, digits, t, k, p, s, n, constrained, maxNewTokens, minPrices,
                promptSpace, batchSize);
    }

    public ForecastOptions withConstrained(boolean c) {
        return new ForecastOptions(promptCloses, horizon, digits, temperature, topK, topP, seed, samples, c,
                maxNewTokens, minPrices, promptSpace, batchSize);
    }

    public ForecastOptions withMaxNewTokens(int n) {
        return new ForecastOptions(promptCloses, horizon, digits, temperature, topK, topP, seed, samples, constrained,
                n, minPrices, promptSpace, batchSize);
    }

    public ForecastOptions withMinPrices(int n) {
        return new ForecastOptions(promptCloses, horizon, digits, temperature, topK, topP, seed, samples, constrained,
                maxNewTokens, n, promptSpace, batchSize);
    }

    public ForecastOptions withPromptSpace(boolean s) {
        return new ForecastOptions(promptCloses, horizon, digits, temperature, topK, topP, seed, samples, constrained,
                maxNewTokens, minPrices, s, batchSize);
    }

    public ForecastOptions withBatchSize(int b) {
        return new ForecastOptions(promptCloses, horizon, digits, temperature, topK, topP, seed, samples, constrained,
                maxNewTokens, minPrices, promptSpace, b);
    }

    /**
     * The token budget of one sample: {@code maxNewTokens} when set, else enough for {@code horizon} prices at the
     * prompt's tokens per price plus a quarter and 8 tokens (the prompt's own price text is the best guide to how
     * the tokenizer splits these prices). A function of the row's own prompt only, so batching cannot change it.
     */
    public int budget(int promptTokens) {
        if (maxNewTokens > 0) {
            return maxNewTokens;
        }
        double perPrice = (double) promptTokens / promptCloses;
        return (int) Math.ceil(perPrice * horizon * 1.25) + 8;
    }

    /** Every setting that can change a forecast, as one line (part of the cache key). */
    public String cacheKey() {
        return String.format(Locale.ROOT,
                "prompt=%d horizon=%d digits=%d temperature=%s top_k=%d top_p=%s seed=%d samples=%d constrained=%s"
                        + " max_new_tokens=%d min_prices=%d prompt_space=%s",
                promptCloses, horizon, digits, temperature, topK, topP, sampling() ? seed : 0, samples, constrained,
                maxNewTokens, minPrices, promptSpace);
    }

    /** A short description for reports: greedy or the sampling settings. */
    public String describe() {
        String dec = sampling()
                ? String.format(Locale.ROOT, "sampling T=%s top_k=%d top_p=%s seed=%d%s", temperature, topK, topP, seed,
                samples > 1 ? ", median of " + samples : "")
                : "greedy";
        return dec + (constrained ? ", constrained" : ", unconstrained");
    }
}
