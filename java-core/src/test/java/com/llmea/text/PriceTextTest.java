package com.llmea.text;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceTextTest {

    @Test
    void formatsShortestDecimalAtDigits() {
        assertEquals("0.6119 0.61197 0.61201", PriceText.line(new double[] {0.61190, 0.61197, 0.61201}, 5));
        assertEquals("1.1791", PriceText.format(1.17910, 5));
        assertEquals("1.00001", PriceText.format(1.00001, 5));
        assertEquals("0.00012", PriceText.format(0.00012, 5));
        assertEquals("151.234", PriceText.format(151.234, 3));
        assertEquals("2034.5", PriceText.format(2034.50, 2));
        // a whole number keeps one decimal, as Python's str(float) prints it
        assertEquals("150.0", PriceText.format(150.000, 3));
        assertEquals("1.0", PriceText.format(1.0, 5));
        // rounds to the symbol's digits first: float noise never reaches the text
        assertEquals("1.17873", PriceText.format(1.1787299999999998, 5));
        assertEquals("1.2", PriceText.format(1.19999999999, 5));
    }

    @Test
    void matchesPythonReprForEveryFiveDigitPrice() {
        // Python's repr of a float read from "d.ddddd" is Java's Double.toString for these magnitudes.
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long scaled = 50_000 + rnd.nextLong(200_000);
            double v = Double.parseDouble(scaled / 100000 + "." + String.format("%05d", scaled % 100000));
            assertEquals(Double.toString(v), PriceText.format(v, 5), "price " + v);
        }
    }

    @Test
    void rejectsNonFinitePricesAndBadDigits() {
        assertThrows(IllegalArgumentException.class, () -> PriceText.format(Double.NaN, 5));
        assertThrows(IllegalArgumentException.class, () -> PriceText.format(1.0, -1));
    }

    @Test
    void parsesLenientlyAndStopsAtFirstNonNumber() {
        ParsedPrices p = PriceText.parse("  1.17829  1.17808\t1.1791\n1.17868 ", 4);
        assertTrue(p.complete());
        assertArrayEquals(new double[] {1.17829, 1.17808, 1.1791, 1.17868}, p.values());

        ParsedPrices cut = PriceText.parse("1.1 1.2 1..3 1.4", 40);
        assertEquals(2, cut.count());
        assertTrue(cut.stopReason().contains("'1..3'"), cut.stopReason());

        ParsedPrices words = PriceText.parse("The price will rise", 40);
        assertEquals(0, words.count());
        assertTrue(words.stopReason().contains("not a price"));

        ParsedPrices shortText = PriceText.parse("1.1 1.2", 40);
        assertEquals(2, shortText.count());
        assertEquals("text ended after 2 of 40 prices", shortText.stopReason());

        ParsedPrices more = PriceText.parse("1 2 3 4 5", 3);
        assertNull(more.stopReason());
        assertArrayEquals(new double[] {1, 2, 3}, more.values());

        assertEquals(0, PriceText.parse("", 5).count());
        assertEquals(0, PriceText.parse("-1.2", 5).count(), "prices are positive: a sign is not a price");
    }

    @Test
    void roundTripsAtDigits() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] closes = new double[60];
        for (int digits : new int[] {2, 3, 5}) {
            double scale = Math.pow(10, digits);
            for (int trial = 0; trial < 200; trial++) {
                for (int i = 0; i < closes.length; i++) {
                    closes[i] = Math.round((0.5 + rnd.nextDouble() * 200) * scale) / scale;
                }
                ParsedPrices back = PriceText.parse(PriceText.line(closes, digits), 60);
                assertTrue(back.complete());
                assertArrayEquals(closes, back.values(), 0.0);
            }
        }
    }
}
