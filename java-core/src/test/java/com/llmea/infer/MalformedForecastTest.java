package com.llmea.infer;

import com.llmea.signal.Direction;
import com.llmea.signal.Forecast;
import com.llmea.signal.Signal;
import com.llmea.signal.SignalRule;
import com.llmea.strategy.ActionType;
import com.llmea.strategy.Decision;
import com.llmea.strategy.LlmStrategy;
import com.llmea.strategy.Position;
import com.llmea.strategy.PositionPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed model output (cut-off numbers, letters, empty, short) becomes a HOLD with the reason, through the same
 * forecaster, rules and strategy as real output. The only stub in the forecaster tests: {@link CannedText}, a text
 * source returning fixed strings, because a real model cannot be made to write a given malformed line.
 */
class MalformedForecastTest {

    /** A canned text source: request i gets text i (cycling); named so nobody mistakes it for a model. */
    static final class CannedText implements TextCompleter {
        final List<String> texts;
        int next;

        CannedText(String... texts) {
            this.texts = List.of(texts);
        }

        @Override
        public List<Completion> complete(List<Request> requests) {
            List<Completion> out = new ArrayList<>();
            for (Request r : requests) {
                out.add(new Completion(texts.get(next++ % texts.size()), 0, ""));
            }
            return out;
        }

        @Override
        public String modelId() {
            return "canned";
        }
    }

    static final double[] CLOSES = {1.1000, 1.1002, 1.1001, 1.1003};
    static final ForecastOptions FOUR = ForecastOptions.defaults().withWindow(4, 4);

    static Decision decide(String text, SignalRule rule) {
        Gpt2Forecaster f = new Gpt2Forecaster(new CannedText(text), FOUR);
        LlmStrategy s = new LlmStrategy(f, rule, new PositionPolicy(0.1, false, 0, 0, 0), 4);
        return s.onBar(0, CLOSES, Position.FLAT);
    }

    @Test
    void completeTextForecastsAndSignals() {
        Forecast f = new Gpt2Forecaster(new CannedText("1.1010 1.1012 1.1011 1.1013\n"), FOUR).forecast(CLOSES, 0);
        assertArrayEquals(new double[] {1.101, 1.1012, 1.1011, 1.1013}, f.closes());
        assertEquals("", f.reason());
        assertEquals(ActionType.OPEN_BUY, decide("1.1010 1.1012 1.1011 1.1013\n", SignalRule.meanVsMean(4, 0, 0.0001)).action());
        assertEquals(ActionType.OPEN_SELL, decide("1.0990 1.0990 1.0990 1.0990", SignalRule.lastVsFirstK(2, 0, 0.0001)).action());
    }

    @Test
    void cutOffNumberHolds() {
        Decision d = decide("1.1010 1.1012 1.10.", SignalRule.meanVsMean(4, 0, 0.0001));
        assertEquals(ActionType.NONE, d.action());
        assertEquals("HOLD: no forecast (parsed 2 of 4 prices: token '1.10.' at character 14 is not a price)", d.reason());
    }

    @Test
    void lettersHold() {
        Decision d = decide("1.1010 abc 1.1011 1.1013", SignalRule.lastVsFirstK(1, 0, 0.0001));
        assertEquals(ActionType.NONE, d.action());
        assertEquals("HOLD: no forecast (parsed 1 of 4 prices: token 'abc' at character 7 is not a price)", d.reason());
    }

    @Test
    void emptyTextHolds() {
        Decision d = decide("", SignalRule.meanVsMean(4, 0, 0.0001));
        assertEquals(ActionType.NONE, d.action());
        assertEquals("HOLD: no forecast (parsed 0 of 4 prices: text ended after 0 of 4 prices)", d.reason());
        Forecast f = new Gpt2Forecaster(new CannedText("\n"), FOUR).forecast(CLOSES, 0);
        assertTrue(f.isEmpty());
        assertEquals(0, f.parsedCount());
    }

    @Test
    void shortTextHoldsUnlessMinPricesAllowsIt() {
        Forecast f = new Gpt2Forecaster(new CannedText("1.1010 1.1012\n"), FOUR).forecast(CLOSES, 0);
        assertTrue(f.isEmpty());
        assertEquals(2, f.parsedCount());
        assertEquals("1.1010 1.1012\n", f.text());
        Forecast partial = new Gpt2Forecaster(new CannedText("1.1010 1.1012\n"), FOUR.withMinPrices(2)).forecast(CLOSES, 0);
        assertArrayEquals(new double[] {1.101, 1.1012}, partial.closes());
        Signal s = SignalRule.meanVsMean(4, 0, 0.0001).evaluate(CLOSES, partial.closes());
        assertEquals(Direction.BUY, s.direction());
    }

    @Test
    void ensembleUsesTheSamplesThatParsed() {
        ForecastOptions k3 = FOUR.withSampling(1, 0, 1, 0, 3);
        Forecast f = new Gpt2Forecaster(new CannedText("1 2 3 4", "x", "3 4 5 6"), k3).forecast(CLOSES, 0);
        assertArrayEquals(new double[] {2, 3, 4, 5}, f.closes());
        assertEquals("2 of 3 samples used; sample 2 parsed 0 of 4 prices: token 'x' at character 0 is not a price",
                f.reason());
        Forecast none = new Gpt2Forecaster(new CannedText("1 2", "", "1.1.1"), k3).forecast(CLOSES, 0);
        assertTrue(none.isEmpty());
        assertEquals(2, none.parsedCount());
        assertTrue(none.reason().startsWith("no sample of 3 parsed 4 prices; sample 1 parsed 2 of 4"), none.reason());
    }
}
