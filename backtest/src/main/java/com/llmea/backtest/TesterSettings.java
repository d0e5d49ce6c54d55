package com.llmea.backtest;

/**
 * How the tester runs: symbol spec, initial deposit, account mode, the stop-loss / take-profit distances the
 * executor places at each fill (points, 0 = none; from the strategy's position policy), the test interval
 * {@code [fromSeconds, toSeconds)} on the server clock (Long.MIN_VALUE / MAX_VALUE = whole series), an
 * optional progress listener and an optional conversion series for crosses (else the spec's fixed rate).
 */
public record TesterSettings(
        SymbolSpec spec,
        double deposit,
        boolean hedging,
        int stopLossPoints,
        int takeProfitPoints,
        long fromSeconds,
        long toSeconds,
        Progress progress,
        RateSeries conversionSeries) {

    public TesterSettings {
        if (!(deposit > 0)) {
            throw new IllegalArgumentException("deposit must be > 0, got " + deposit);
        }
        if (stopLossPoints < 0 || takeProfitPoints < 0) {
            throw new IllegalArgumentException("stop-loss and take-profit points must be >= 0");
        }
        if (fromSeconds >= toSeconds) {
            throw new IllegalArgumentException("the test interval is empty: from must be before to");
        }
    }

    public static TesterSettings of(SymbolSpec spec, double deposit) {
        return new TesterSettings(spec, deposit, false, 0, 0, Long.MIN_VALUE, Long.MAX_VALUE, null, null);
    }

    public TesterSettings withStops(int sl, int tp) {
        return new TesterSettings(spec, deposit, hedging, sl, tp, fromSeconds, toSeconds, progress, conversionSeries);
    }

    public TesterSettings withHedging(boolean h) {
        return new TesterSettings(spec, deposit, h, stopLossPoints, takeProfitPoints, fromSeconds, toSeconds, progress, conversionSeries);
    }

    public TesterSettings withInterval(long from, long to) {
        return new TesterSettings(spec, deposit, hedging, stopLossPoints, takeProfitPoints, from, to, progress, conversionSeries);
    }

    public TesterSettings withProgress(Progress p) {
        return new TesterSettings(spec, deposit, hedging, stopLossPoints, takeProfitPoints, fromSeconds, toSeconds, p, conversionSeries);
    }

    /** Converts a cross's profit with this series' rate at each deal instead of the spec's fixed rate. */
    public TesterSettings withConversionSeries(RateSeries r) {
        return new TesterSettings(spec, deposit, hedging, stopLossPoints, takeProfitPoints, fromSeconds, toSeconds, progress, r);
    }

    /** Told how far the replay is, every few thousand bars and at the end. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }
}
