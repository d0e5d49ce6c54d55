package com.llmea.signal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalRuleTest {
    static final double PT = 0.00001;
    // mean of the last 4 closes: (1.10000 + 1.10010 + 1.10020 + 1.10030) / 4 = 1.10015
    static final double[] CLOSES = {1.20000, 1.10000, 1.10010, 1.10020, 1.10030};

    @Test
    void meanVsMeanBuysAboveTheThresholdSellsBelowAndHoldsWithin() {
        SignalRule r = SignalRule.meanVsMean(4, 5, PT);
        // forecast mean (1.10020 + 1.10022) / 2 = 1.10021 > 1.10015 + 0.00005 = 1.10020 → BUY
        Signal buy = r.evaluate(CLOSES, new double[] {1.10020, 1.10022});
        assertEquals(Direction.BUY, buy.direction());
        assertEquals(1.10021, buy.forecastValue(), 1e-12);
        assertEquals(1.10015, buy.referenceValue(), 1e-12);
        assertEquals("BUY: mean(forecast 2) 1.10021 > mean(last 4) 1.10015 + 5 points", buy.reason());
        // forecast mean 1.10009 < 1.10015 − 0.00005 = 1.10010 → SELL
        Signal sell = r.evaluate(CLOSES, new double[] {1.10009});
        assertEquals(Direction.SELL, sell.direction());
        assertEquals("SELL: mean(forecast 1) 1.10009 < mean(last 4) 1.10015 - 5 points", sell.reason());
        // exactly on the edges: 1.10020 and 1.10010 → HOLD (strict comparison)
        assertEquals(Direction.HOLD, r.evaluate(CLOSES, new double[] {1.10020}).direction());
        assertEquals(Direction.HOLD, r.evaluate(CLOSES, new double[] {1.10010}).direction());
        assertTrue(r.evaluate(CLOSES, new double[] {1.10016}).reason().startsWith("HOLD: mean(forecast 1) 1.10016 within"));
    }

    @Test
    void meanVsMeanUsesAllClosesWhenNIsZeroAndHoldsWithoutAForecast() {
        SignalRule all = SignalRule.meanVsMean(0, 0, PT);
        // mean of all 5 closes = (1.2 + 4 × 1.10015) / 5 = 1.12012
        Signal s = all.evaluate(CLOSES, new double[] {1.12013});
        assertEquals(Direction.BUY, s.direction());
        assertEquals(1.12012, s.referenceValue(), 1e-12);
        Signal none = all.evaluate(CLOSES, new double[0]);
        assertEquals(Direction.HOLD, none.direction());
        assertTrue(Double.isNaN(none.forecastValue()));
        assertEquals("HOLD: no forecast", none.reason());
    }

    @Test
    void lastVsFirstKComparesTheLastCloseWithTheFirstKForecastValues() {
        SignalRule r = SignalRule.lastVsFirstK(2, 3, PT);
        // last close 1.10030; mean of first 2 of (1.10040, 1.10030, 1.0) = 1.10035 > 1.10033 → BUY (the 3rd is ignored)
        Signal buy = r.evaluate(CLOSES, new double[] {1.10040, 1.10030, 1.0});
        assertEquals(Direction.BUY, buy.direction());
        assertEquals(1.10035, buy.forecastValue(), 1e-12);
        assertEquals(1.10030, buy.referenceValue(), 1e-12);
        assertEquals("BUY: mean(first 2 forecast) 1.10035 > last close 1.10030 + 3 points", buy.reason());
        // 1.10026 < 1.10027 → SELL; 1.10027 → HOLD
        assertEquals(Direction.SELL, r.evaluate(CLOSES, new double[] {1.10026, 1.10026}).direction());
        assertEquals(Direction.HOLD, r.evaluate(CLOSES, new double[] {1.10027, 1.10027}).direction());
        // a forecast shorter than K uses what there is
        assertEquals(1.10040, r.evaluate(CLOSES, new double[] {1.10040}).forecastValue(), 1e-12);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> SignalRule.meanVsMean(4, -1, PT));
        assertThrows(IllegalArgumentException.class, () -> SignalRule.meanVsMean(4, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> SignalRule.lastVsFirstK(0, 1, PT));
    }
}
