package com.llmea.train;

/**
 * Learning rate per optimizer step k (0-based), as {@code transformers.get_linear_schedule_with_warmup} and
 * {@code get_constant_schedule(_with_warmup)} give it when {@code scheduler.step()} follows each optimizer step:
 * linear warmup from 0 over {@code warmup} steps, then linear decay to 0 at {@code total} (or constant).
 */
public record LrSchedule(double peak, int warmup, long total, boolean decay) {

    public static LrSchedule linear(double peak, int warmup, long total) {
        return new LrSchedule(peak, warmup, total, true);
    }

    public static LrSchedule constant(double peak) {
        return new LrSchedule(peak, 0, Long.MAX_VALUE, false);
    }

    public double at(long k) {
        if (k < warmup) {
            return peak * (double) k / Math.max(1, warmup);
        }
        if (!decay) {
            return peak;
        }
        return peak * Math.max(0.0, (double) (total - k) / Math.max(1, total - warmup));
    }
}
