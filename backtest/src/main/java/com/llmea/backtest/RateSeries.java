package com.llmea.backtest;

import com.llmea.data.BarSeries;

/**
 * Profit currency → account currency rates over time, for crosses (EURGBP on a USD account: a GBPUSD series).
 * The rate at a time is the open of the conversion series' last bar at or before it; {@code invert} takes
 * 1 / open (a USDGBP series for GBP → USD).
 */
public record RateSeries(BarSeries bars, boolean invert) {

    public RateSeries {
        if (bars.size() == 0) {
            throw new IllegalArgumentException("the conversion series " + bars.symbol() + " has no bars");
        }
    }

    public double rate(long time) {
        int lo = 0, hi = bars.size();
        while (lo < hi) { // first bar after time
            int mid = (lo + hi) >>> 1;
            if (bars.timeSeconds(mid) <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            throw new IllegalArgumentException("the conversion series " + bars.symbol() + " starts at " + bars.time(0)
                    + ", after " + BarSeries.toTime(time));
        }
        double open = bars.open(lo - 1);
        return invert ? 1 / open : open;
    }
}
