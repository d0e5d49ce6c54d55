package com.llmea.data;

import java.util.Arrays;
import java.util.Optional;

/** MetaTrader timeframes, with their nominal length in seconds (MN1 uses 30 days for inference only). */
public enum Timeframe {
    M1(60), M2(120), M3(180), M4(240), M5(300), M6(360), M10(600), M12(720), M15(900), M20(1200), M30(1800),
    H1(3600), H2(7200), H3(10800), H4(14400), H6(21600), H8(28800), H12(43200),
    D1(86400), W1(604800), MN1(2592000);

    private final long seconds;

    Timeframe(long seconds) {
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }

    /** The timeframe whose length is exactly {@code seconds}, if MetaTrader has one. */
    public static Optional<Timeframe> ofSeconds(long seconds) {
        return Arrays.stream(values()).filter(t -> t.seconds == seconds).findFirst();
    }

    /** Monthly bars are 28..31 days apart; every other timeframe has a fixed step. */
    public static Optional<Timeframe> ofStep(long stepSeconds) {
        if (stepSeconds >= 28L * 86400 && stepSeconds <= 31L * 86400) {
            return Optional.of(MN1);
        }
        return ofSeconds(stepSeconds);
    }

    /** D1 and above: MetaTrader's export has no time of day for these. */
    public boolean isDailyOrAbove() {
        return seconds >= D1.seconds;
    }
}
