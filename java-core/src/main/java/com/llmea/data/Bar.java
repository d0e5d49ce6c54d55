package com.llmea.data;

import java.time.LocalDateTime;

/**
 * One price bar as MetaTrader records it. Prices are Bid prices; {@code spread} is in points
 * (0 when the export has none). {@code time} is broker server time, which has no zone.
 */
public record Bar(
        LocalDateTime time,
        double open,
        double high,
        double low,
        double close,
        long tickVolume,
        long realVolume,
        int spread) {
}
