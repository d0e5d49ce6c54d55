package com.llmea.backtest;

import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.strategy.Strategies;
import com.llmea.strategy.StrategyConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The built-in ma-cross strategy over the real EURUSD M5 exports in ../shared/data, with the invariants every
 * tester run must keep: the balance is the deposit plus every deal's net; every fill price follows from its
 * bar by the fill rules (checked here independently of the tester's code); positions never overlap on netting.
 */
class RealFilesBacktestTest {
    static final Path SHARED = Path.of(System.getProperty("llmea.shared", "../../shared"));
    static final Path KAYOROXA = SHARED.resolve("data/kayoroxa__binarias/EURUSD_M5.csv");
    static final Path P3DR7 = SHARED.resolve("data/P3dr7__Cruzamento-de-Medias/EURUSD_M5.csv");

    static BacktestResult run(BarSeries bars, Map<String, String> keys) {
        StrategyConfig c = StrategyConfig.of(keys);
        return StrategyTester.run(bars, Strategies.open(c), TesterConfig.settings(c, bars));
    }

    @Test
    void kayoroxaPlainMaCross() throws IOException {
        BarSeries bars = BarReader.read(KAYOROXA).series();
        BacktestResult r = run(bars, Map.of());
        assertEquals(24_886 - 30, r.bars(), "every bar after the 30-bar lookback is tested");
        Stats s = checkInvariants(bars, r, 0.1, false);
        assertTrue(r.trades() > 100, "trades: " + r.trades());
        long longs = r.deals().stream().filter(d -> d.entry() == Deal.DealEntry.IN && d.type() == DealType.BUY).count();
        long shorts = r.deals().stream().filter(d -> d.entry() == Deal.DealEntry.IN && d.type() == DealType.SELL).count();
        assertTrue(longs > 50 && shorts > 50, "both sides traded: " + longs + " long, " + shorts + " short");
        // 81% of the file's spreads are 0: many buy fills must have used the last known spread
        assertTrue(s.fallbackFills > 50, "fills on zero-spread bars: " + s.fallbackFills);
    }

    @Test
    void kayoroxaWithStopsReverseCostsAndMaxBars() throws IOException {
        BarSeries bars = BarReader.read(KAYOROXA).series();
        Map<String, String> keys = Map.of("ma_fast", "5", "ma_slow", "20", "reverse", "true", "stop_loss_points", "150",
                "take_profit_points", "200", "max_bars", "48", "lots", "0.2", "tester.commission_per_lot", "3.5",
                "tester.swap_long", "-0.7", "tester.swap_short", "0.25");
        BacktestResult r = run(bars, keys);
        Stats s = checkInvariants(bars, r, 0.2, false);
        assertTrue(s.stops > 20, "SL/TP fills: " + s.stops);
        assertTrue(s.inOut > 20, "reversals: " + s.inOut);
        assertTrue(s.swapDeals > 10, "deals with swap: " + s.swapDeals);
        assertTrue(s.commission < 0);
        // the same run twice: identical deals.csv text
        assertEquals(DealsCsv.format(r.deals(), 5), DealsCsv.format(run(bars, keys).deals(), 5));
    }

    @Test
    void kayoroxaOnAHedgingAccount() throws IOException {
        BarSeries bars = BarReader.read(KAYOROXA).series();
        BacktestResult r = run(bars, Map.of("reverse", "true", "tester.hedging", "true", "stop_loss_points", "200"));
        Stats s = checkInvariants(bars, r, 0.1, true);
        assertEquals(0, s.inOut, "no in/out deals on hedging");
    }

    @Test
    void p3dr7WithSundayBars() throws IOException {
        BarSeries bars = BarReader.read(P3DR7).series();
        BacktestResult r = run(bars, Map.of("reverse", "true", "take_profit_points", "120"));
        checkInvariants(bars, r, 0.1, false);
        assertTrue(r.trades() > 10);
    }

    static final class Stats {
        int fallbackFills;
        int stops;
        int inOut;
        int swapDeals;
        double commission;
    }

    /** Asserts the three invariants; returns counts that show which rules the run exercised. */
    static Stats checkInvariants(BarSeries bars, BacktestResult r, double lots, boolean hedging) {
        long[] times = bars.times();
        int[] eff = new int[bars.size()];
        int last = 0;
        for (int i = 0; i < eff.length; i++) {
            if (bars.spread(i) > 0) {
                last = bars.spread(i);
            }
            eff[i] = last;
        }
        double pt = 0.00001;
        Stats st = new Stats();
        List<Deal> deals = r.deals();
        assertEquals(DealType.BALANCE, deals.get(0).type());

        // 1. balance = deposit + sum of every deal's profit + commission + swap, deal by deal and in total
        BigDecimal bal = BigDecimal.ZERO;
        for (Deal d : deals) {
            bal = bal.add(BigDecimal.valueOf(d.profit())).add(BigDecimal.valueOf(d.commission())).add(BigDecimal.valueOf(d.swap()));
            assertEquals(bal.doubleValue(), d.balance(), 1e-6, "balance after " + d);
        }
        assertEquals(r.initialDeposit() + deals.stream().skip(1).mapToDouble(Deal::net).sum(), r.finalBalance(), 1e-6);
        assertEquals(r.finalBalance(), r.balance()[r.bars() - 1], 1e-6);

        // 2. fill prices from the bar's open and the spread rule; stops at their own price, reached by the bar
        int side = 0; // 0 flat, 1 long, -1 short
        double held = 0;
        for (int k = 1; k < deals.size(); k++) {
            Deal d = deals.get(k);
            st.commission += d.commission();
            if (d.swap() != 0) {
                st.swapDeals++;
            }
            int i = Arrays.binarySearch(times, BarSeries.toSeconds(d.time()));
            assertTrue(i >= 0, "deal at a bar's time: " + d);
            double open = bars.open(i), ask = open + eff[i] * pt;
            boolean buy = d.type() == DealType.BUY;
            String c = d.comment();
            if (c.startsWith("sl ") || c.startsWith("tp ")) {
                st.stops++;
                double level = Double.parseDouble(c.substring(3));
                assertEquals(level, d.price(), 1e-9, "a stop fills at its own price: " + d);
                boolean sl = c.startsWith("sl ");
                double spread = eff[i] * pt;
                // closing a long sells at the Bid: SL below (low or open reaches it), TP above; a short buys at the Ask
                boolean reached = !buy
                        ? (sl ? bars.low(i) <= level + 1e-9 : bars.high(i) >= level - 1e-9)
                        : (sl ? bars.high(i) + spread >= level - 1e-9 : bars.low(i) + spread <= level + 1e-9);
                assertTrue(reached, "the bar's range reaches the stop: " + d);
            } else if (c.equals("end of test")) {
                assertEquals(bars.size() - 1, i);
                assertEquals(buy ? bars.close(i) + eff[i] * pt : bars.close(i), d.price(), 1e-9, d.toString());
            } else {
                assertEquals("", c);
                assertEquals(buy ? ask : open, d.price(), 1e-9, "market fill: " + d);
                if (buy && bars.spread(i) == 0) {
                    st.fallbackFills++;
                }
            }

            // 3. one position at a time (netting: in only when flat, out closes it all, in/out flips it)
            int dir = buy ? 1 : -1;
            switch (d.entry()) {
                case IN -> {
                    if (side != 0) {
                        fail("an in deal while a position is open: " + d);
                    }
                    assertEquals(lots, d.volume(), 1e-9);
                    side = dir;
                    held = d.volume();
                }
                case OUT -> {
                    assertEquals(-side, dir, "an out deal closes the position held: " + d);
                    assertEquals(held, d.volume(), 1e-9);
                    side = 0;
                    held = 0;
                }
                case INOUT -> {
                    assertTrue(!hedging, "in/out only on netting");
                    st.inOut++;
                    assertEquals(-side, dir, d.toString());
                    assertEquals(held + lots, d.volume(), 1e-9);
                    side = dir;
                    held = lots;
                }
                default -> fail("unexpected entry " + d);
            }
        }
        assertEquals(0, side, "the end of the test leaves nothing open");
        return st;
    }
}
