package com.llmea.backtest;

import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import com.llmea.data.Bar;
import com.llmea.data.BarSeries;
import com.llmea.strategy.ActionType;
import com.llmea.strategy.Side;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;

import static com.llmea.strategy.ActionType.CLOSE;
import static com.llmea.strategy.ActionType.NONE;
import static com.llmea.strategy.ActionType.OPEN_BUY;
import static com.llmea.strategy.ActionType.OPEN_SELL;
import static com.llmea.strategy.ActionType.REVERSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-computed cases for every execution rule of the "Open prices only" emulation (docs/parity.md).
 * EURUSD, 5 digits, contract 100,000, 0.1 lot: one point (0.00001) is worth 0.1 × 100,000 × 0.00001 = 0.10 USD.
 */
class StrategyTesterTest {
    static final SymbolSpec EURUSD = SymbolSpec.forex("EURUSD", 5);

    static BacktestResult run(BarSeries bars, Bars.Script s, TesterSettings settings) {
        return StrategyTester.run(bars, s, settings);
    }

    static TesterSettings usd() {
        return TesterSettings.of(EURUSD, 10_000);
    }

    static void assertDeal(Deal d, long no, DealType type, DealEntry entry, double vol, double price, double commission,
                           double swap, double profit, double balance, String comment) {
        String w = "deal #" + no + " " + d;
        assertEquals(no, d.deal(), w);
        assertEquals(no, d.order(), w); // one order per deal here: tickets run in step from 2
        assertEquals(type, d.type(), w);
        assertEquals(entry, d.entry(), w);
        assertEquals(vol, d.volume(), 1e-9, w);
        assertEquals(price, d.price(), 1e-9, w);
        assertEquals(commission, d.commission(), 1e-9, w);
        assertEquals(swap, d.swap(), 1e-9, w);
        assertEquals(profit, d.profit(), 1e-9, w);
        assertEquals(balance, d.balance(), 1e-9, w);
        assertEquals(comment, d.comment(), w);
    }

    @Test
    void buyFillsAtOpenPlusSpreadAndClosesAtTheBid() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 12},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 15});
        BacktestResult r = run(b, Bars.script(OPEN_BUY, CLOSE), usd());
        List<Deal> d = r.deals();
        assertEquals(3, d.size());
        // deposit: deal #1, no order, at 00:00 of the first tested day
        assertEquals(new Deal(LocalDateTime.of(2024, 1, 1, 0, 0), 1, "", DealType.BALANCE, DealEntry.NONE, 0, 0, 0, 0, 0,
                10_000, 10_000, ""), d.get(0));
        // Ask = 1.10020 + 12 × 0.00001 = 1.10032
        assertDeal(d.get(1), 2, DealType.BUY, DealEntry.IN, 0.1, 1.10032, 0, 0, 0, 10_000, "");
        assertEquals(Bars.T0.plusMinutes(5), d.get(1).time());
        // sell at the Bid (open) 1.10050: 1.10050 − 1.10032 = 18 points × 0.10 = 1.80 USD
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.OUT, 0.1, 1.10050, 0, 0, 1.80, 10_001.80, "");
        assertEquals(1, r.trades());
        assertEquals(1.80, r.netProfit(), 1e-9);
    }

    @Test
    void sellFillsAtTheBidAndClosesAtTheAsk() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 12},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 15});
        List<Deal> d = run(b, Bars.script(OPEN_SELL, CLOSE), usd()).deals();
        assertDeal(d.get(1), 2, DealType.SELL, DealEntry.IN, 0.1, 1.10020, 0, 0, 0, 10_000, "");
        // buy back at the Ask 1.10050 + 15 points = 1.10065: 1.10020 − 1.10065 = −45 points = −4.50 USD
        assertDeal(d.get(2), 3, DealType.BUY, DealEntry.OUT, 0.1, 1.10065, 0, 0, -4.50, 9_995.50, "");
    }

    @Test
    void zeroSpreadUsesTheLastKnownPositiveSpread() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 9},  // last positive before the first tested bar
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 0},  // buy: Ask = 1.10020 + 9 points
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 7},
                new double[] {1.10010, 1.10060, 1.10000, 1.10045, 0},  // sell in at Bid
                new double[] {1.10030, 1.10060, 1.10020, 1.10045, -1}); // close short: Ask = 1.10030 + 7 points
        List<Deal> d = run(b, Bars.script(OPEN_BUY, CLOSE, OPEN_SELL, CLOSE), usd()).deals();
        assertEquals(1.10029, d.get(1).price(), 1e-9);
        assertEquals(2.10, d.get(2).profit(), 1e-9); // 1.10050 − 1.10029 = 21 points
        assertEquals(1.10010, d.get(3).price(), 1e-9);
        assertEquals(1.10037, d.get(4).price(), 1e-9);
        assertEquals(-2.70, d.get(4).profit(), 1e-9); // 1.10010 − 1.10037 = −27 points
    }

    @Test
    void stopLossOfALongFillsAtItsOwnPriceWhenTheLowReachesIt() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10}, // buy at 1.10030 → SL 1.10010, TP 1.10060
                new double[] {1.10025, 1.10050, 1.10011, 1.10040, 10}, // low 1.10011: not reached
                new double[] {1.10025, 1.10050, 1.10010, 1.10040, 10}); // low 1.10010: SL
        BacktestResult r = run(b, Bars.script(OPEN_BUY), usd().withStops(20, 30));
        List<Deal> d = r.deals();
        assertEquals(3, d.size());
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.OUT, 0.1, 1.10010, 0, 0, -2.00, 9_998.00, "sl 1.10010");
        assertEquals(Bars.T0.plusMinutes(15), d.get(2).time());
    }

    @Test
    void takeProfitOfALongFillsWhenTheHighReachesIt() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10}, // buy at 1.10030 → TP 1.10060
                new double[] {1.10025, 1.10060, 1.10020, 1.10040, 10});
        List<Deal> d = run(b, Bars.script(OPEN_BUY), usd().withStops(20, 30)).deals();
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.OUT, 0.1, 1.10060, 0, 0, 3.00, 10_003.00, "tp 1.10060");
    }

    @Test
    void stopsOfAShortAreCheckedOnTheAskSide() {
        // sell at 1.10020 → SL 1.10040, TP 1.10000 (20 points each)
        double[] b0 = {1.10000, 1.10010, 1.09990, 1.10005, 10};
        double[] b1 = {1.10020, 1.10025, 1.10015, 1.10020, 10};
        // high 1.10030 + spread 9 = Ask 1.10039 < SL: nothing
        BarSeries miss = Bars.m5("EURUSD", b0, b1, new double[] {1.10020, 1.10030, 1.10010, 1.10020, 9});
        List<Deal> m = run(miss, Bars.script(OPEN_SELL), usd().withStops(20, 20)).deals();
        assertEquals(3, m.size());
        assertEquals("end of test", m.get(2).comment());
        // high 1.10030 + spread 10 = Ask 1.10040: SL
        BarSeries sl = Bars.m5("EURUSD", b0, b1, new double[] {1.10020, 1.10030, 1.10010, 1.10020, 10});
        List<Deal> d = run(sl, Bars.script(OPEN_SELL), usd().withStops(20, 20)).deals();
        assertDeal(d.get(2), 3, DealType.BUY, DealEntry.OUT, 0.1, 1.10040, 0, 0, -2.00, 9_998.00, "sl 1.10040");
        // low 1.09990 + spread 10 = Ask 1.10000: TP (the high's Ask 1.10035 stays below the SL)
        BarSeries tp = Bars.m5("EURUSD", b0, b1, new double[] {1.10020, 1.10025, 1.09990, 1.10000, 10});
        d = run(tp, Bars.script(OPEN_SELL), usd().withStops(20, 20)).deals();
        assertDeal(d.get(2), 3, DealType.BUY, DealEntry.OUT, 0.1, 1.10000, 0, 0, 2.00, 10_002.00, "tp 1.10000");
    }

    @Test
    void aGapThroughTheStopFillsAtTheStopPriceBeforeTheStrategyRuns() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10}, // buy at 1.10030 → SL 1.10010
                new double[] {1.09900, 1.09950, 1.09880, 1.09920, 10}); // opens 110 points lower
        Bars.Script s = Bars.script(OPEN_BUY, CLOSE);
        List<Deal> d = run(b, s, usd().withStops(20, 0)).deals();
        assertEquals(3, d.size(), "the stop closed it; the strategy's CLOSE found no position");
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.OUT, 0.1, 1.10010, 0, 0, -2.00, 9_998.00, "sl 1.10010");
        assertEquals(Side.FLAT, s.seen.get(1).side(), "the strategy sees the stopped-out position as flat");
        // the same gap for a short through its SL (Ask = open + spread)
        BarSeries up = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10025, 1.10015, 1.10020, 10}, // sell at 1.10020 → SL 1.10040
                new double[] {1.10100, 1.10150, 1.10080, 1.10120, 10});
        d = run(up, Bars.script(OPEN_SELL), usd().withStops(20, 0)).deals();
        assertDeal(d.get(2), 3, DealType.BUY, DealEntry.OUT, 0.1, 1.10040, 0, 0, -2.00, 9_998.00, "sl 1.10040");
    }

    @Test
    void whenTheBarReachesBothLevelsTheTestersTickOrderDecides() {
        double[] b0 = {1.10000, 1.10010, 1.09990, 1.10005, 10};
        double[] b1 = {1.10020, 1.10030, 1.10015, 1.10025, 10}; // buy at 1.10030 → SL 1.10010, TP 1.10050
        // bullish bar: open, low, high, close → the low (SL) comes first
        BarSeries bull = Bars.m5("EURUSD", b0, b1, new double[] {1.10030, 1.10060, 1.10000, 1.10040, 10});
        assertEquals("sl 1.10010", run(bull, Bars.script(OPEN_BUY), usd().withStops(20, 20)).deals().get(2).comment());
        // bearish bar: open, high, low, close → the high (TP) comes first
        BarSeries bear = Bars.m5("EURUSD", b0, b1, new double[] {1.10030, 1.10060, 1.10000, 1.10020, 10});
        assertEquals("tp 1.10050", run(bear, Bars.script(OPEN_BUY), usd().withStops(20, 20)).deals().get(2).comment());
    }

    @Test
    void reverseOnNettingIsOneInOutDeal() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10}, // buy 0.1 at 1.10030
                new double[] {1.10080, 1.10090, 1.10070, 1.10085, 10}, // sell 0.2 in/out at Bid 1.10080
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10}); // buy back 0.1 at Ask 1.10060
        Bars.Script s = Bars.script(OPEN_BUY, REVERSE, CLOSE);
        List<Deal> d = run(b, s, usd()).deals();
        assertEquals(4, d.size());
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.INOUT, 0.2, 1.10080, 0, 0, 5.00, 10_005.00, "");
        assertEquals(new com.llmea.strategy.Position(Side.SHORT, 0.1, 1.10080, 1), s.seen.get(2));
        assertDeal(d.get(3), 4, DealType.BUY, DealEntry.OUT, 0.1, 1.10060, 0, 0, 2.00, 10_007.00, "");
    }

    @Test
    void reverseOnHedgingIsAnOutDealAndAnInDeal() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10},
                new double[] {1.10080, 1.10090, 1.10070, 1.10085, 10},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10});
        List<Deal> d = run(b, Bars.script(OPEN_BUY, REVERSE, CLOSE), usd().withHedging(true)).deals();
        assertEquals(5, d.size());
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.OUT, 0.1, 1.10080, 0, 0, 5.00, 10_005.00, "");
        assertDeal(d.get(3), 4, DealType.SELL, DealEntry.IN, 0.1, 1.10080, 0, 0, 0, 10_005.00, "");
        assertDeal(d.get(4), 5, DealType.BUY, DealEntry.OUT, 0.1, 1.10060, 0, 0, 2.00, 10_007.00, "");
    }

    @Test
    void commissionIsChargedPerLotOnEverySide() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10},
                new double[] {1.10080, 1.10090, 1.10070, 1.10085, 10},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10});
        SymbolSpec spec = EURUSD.withCosts(3.5, 0, 0, DayOfWeek.WEDNESDAY); // 3.50 per lot per side
        List<Deal> d = run(b, Bars.script(OPEN_BUY, REVERSE, CLOSE), TesterSettings.of(spec, 10_000)).deals();
        // in 0.1: −0.35; in/out 0.2: −0.70 with +5.00; out 0.1: −0.35 with +2.00
        assertDeal(d.get(1), 2, DealType.BUY, DealEntry.IN, 0.1, 1.10030, -0.35, 0, 0, 9_999.65, "");
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.INOUT, 0.2, 1.10080, -0.70, 0, 5.00, 10_003.95, "");
        assertDeal(d.get(3), 4, DealType.BUY, DealEntry.OUT, 0.1, 1.10060, -0.35, 0, 2.00, 10_005.60, "");
        // a half cent rounds away from zero: 0.15 lot × 3.50 = 0.525 → −0.53
        List<Deal> h = StrategyTester.run(b, new Bars.Script(0.15, OPEN_BUY, CLOSE), TesterSettings.of(spec, 10_000)).deals();
        assertEquals(-0.53, h.get(1).commission(), 1e-9);
    }

    @Test
    void swapAccruesEachNightWithTripleOnWednesdayAndNoneAtTheWeekend() {
        // swap_long −0.50 per lot per night → −0.05 a night at 0.1 lot
        SymbolSpec spec = EURUSD.withCosts(0, -0.5, 0.3, DayOfWeek.WEDNESDAY);
        double[] r = {1.10000, 1.10010, 1.09990, 1.10001, 10};
        BarSeries b = BarSeries.of("EURUSD", List.of(
                Bars.bar(LocalDateTime.of(2024, 1, 2, 23, 50), r),   // Tue
                Bars.bar(LocalDateTime.of(2024, 1, 2, 23, 55), r),   // buy at 1.10010
                Bars.bar(LocalDateTime.of(2024, 1, 3, 0, 0), r),     // Tuesday night: −0.05
                Bars.bar(LocalDateTime.of(2024, 1, 4, 0, 0), r),     // Wednesday night, triple: −0.15
                Bars.bar(LocalDateTime.of(2024, 1, 8, 0, 0), r),     // Thu, Fri nights −0.05 each; Sat, Sun none
                Bars.bar(LocalDateTime.of(2024, 1, 8, 0, 5), r)));   // close at Bid 1.10000
        BacktestResult res = StrategyTester.run(b, Bars.script(OPEN_BUY, NONE, NONE, NONE, CLOSE), TesterSettings.of(spec, 10_000));
        List<Deal> d = res.deals();
        // profit 1.10000 − 1.10010 = −10 points = −1.00; swap −0.05 − 0.15 − 0.05 − 0.05 = −0.30
        assertDeal(d.get(2), 3, DealType.SELL, DealEntry.OUT, 0.1, 1.10000, 0, -0.30, -1.00, 9_998.70, "");
        // equity at the close of bar 4 (Mon 00:00) includes the accrued swap: Bid close 1.10001 − 1.10010 = −0.90,
        // 10000 − 0.90 − 0.30
        assertEquals(9_998.80, res.equity()[3], 1e-9);
        // a short earns +0.30 × 0.1 = +0.03 a night: same nights → 0.03 + 0.09 + 0.03 + 0.03 = 0.18
        d = StrategyTester.run(b, Bars.script(OPEN_SELL, NONE, NONE, NONE, CLOSE), TesterSettings.of(spec, 10_000)).deals();
        assertEquals(0.18, d.get(2).swap(), 1e-9);
    }

    @Test
    void profitIsConvertedToTheAccountCurrency() {
        // USDJPY, 3 digits, account USD = base currency: profit in JPY divided by the closing fill price
        List<Bar> jpy = List.of(
                Bars.bar(Bars.T0, new double[] {150.000, 150.010, 149.990, 150.000, 10}),
                Bars.bar(Bars.T0.plusMinutes(5), new double[] {149.490, 149.500, 149.480, 149.490, 10}), // buy at 149.500
                Bars.bar(Bars.T0.plusMinutes(10), new double[] {150.001, 150.010, 149.990, 150.000, 10}));
        BarSeries b = BarSeries.of("USDJPY", jpy);
        assertEquals(3, b.digits());
        List<Deal> d = StrategyTester.run(b, Bars.script(OPEN_BUY, CLOSE), TesterSettings.of(SymbolSpec.forex("USDJPY", 3), 10_000)).deals();
        // 150.001 − 149.500 = 0.501 JPY × 100,000 × 0.1 = 5,010 JPY / 150.001 = 33.39993… → 33.40 USD
        assertEquals(149.500, d.get(1).price(), 1e-9);
        assertEquals(33.40, d.get(2).profit(), 1e-9);

        // EURGBP on a USD account: a cross, converted with the given rate 1.25: 18 points = 1.80 GBP → 2.25 USD
        BarSeries x = Bars.m5("EURGBP",
                new double[] {0.86000, 0.86010, 0.85990, 0.86005, 10},
                new double[] {0.86020, 0.86030, 0.86015, 0.86025, 12},
                new double[] {0.86050, 0.86060, 0.86040, 0.86045, 15});
        SymbolSpec cross = SymbolSpec.forex("EURGBP", 5).withAccount("USD", 1.25);
        assertEquals(SymbolSpec.Conversion.FIXED_RATE, cross.conversion());
        assertEquals(2.25, StrategyTester.run(x, Bars.script(OPEN_BUY, CLOSE), TesterSettings.of(cross, 10_000)).deals().get(2).profit(), 1e-9);
        // or with a GBPUSD series: the open of its last bar at or before the deal (bar 2 at 00:10 → 1.30000)
        BarSeries gbpusd = Bars.m5("GBPUSD",
                new double[] {1.25000, 1.25010, 1.24990, 1.25001, 10},
                new double[] {1.26000, 1.26010, 1.25990, 1.26001, 10},
                new double[] {1.30000, 1.30010, 1.29990, 1.30001, 10});
        TesterSettings byRate = TesterSettings.of(SymbolSpec.forex("EURGBP", 5), 10_000)
                .withConversionSeries(new RateSeries(gbpusd, false));
        assertEquals(2.34, StrategyTester.run(x, Bars.script(OPEN_BUY, CLOSE), byRate).deals().get(2).profit(), 1e-9);
        // an inverted USDGBP series: 1 / 0.80000 = 1.25 → 2.25
        BarSeries usdgbp = Bars.m5("USDGBP", new double[] {0.80000, 0.80010, 0.79990, 0.80001, 10});
        TesterSettings inverted = TesterSettings.of(SymbolSpec.forex("EURGBP", 5), 10_000)
                .withConversionSeries(new RateSeries(usdgbp, true));
        assertEquals(2.25, StrategyTester.run(x, Bars.script(OPEN_BUY, CLOSE), inverted).deals().get(2).profit(), 1e-9);
        // without a rate the cross cannot be valued
        assertThrows(IllegalArgumentException.class,
                () -> StrategyTester.run(x, Bars.script(OPEN_BUY, CLOSE), TesterSettings.of(SymbolSpec.forex("EURGBP", 5), 10_000)));
    }

    @Test
    void whatIsLeftOpenIsClosedAtTheEndOfTheTest() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 12});
        BacktestResult r = run(b, Bars.script(OPEN_SELL), usd());
        Deal last = r.deals().get(2);
        // short closed at the last bar's Ask close: 1.10045 + 12 points = 1.10057; 1.10020 − 1.10057 = −37 points = −3.70
        assertDeal(last, 3, DealType.BUY, DealEntry.OUT, 0.1, 1.10057, 0, 0, -3.70, 9_996.30, "end of test");
        assertEquals(9_996.30, r.balance()[1], 1e-9);
        assertEquals(9_996.30, r.equity()[1], 1e-9);
    }

    @Test
    void equityFollowsTheFloatingProfitAtEachClose() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10}, // buy at 1.10030, close 1.10025: −0.50
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10}, // close 1.10045: +1.50
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10});
        BacktestResult r = run(b, Bars.script(OPEN_BUY, NONE, CLOSE), usd());
        assertEquals(3, r.bars());
        assertEquals(Bars.T0.plusMinutes(5), BarSeries.toTime(r.time()[0]));
        assertEquals(9_999.50, r.equity()[0], 1e-6);
        assertEquals(10_001.50, r.equity()[1], 1e-6);
        assertEquals(10_000.00, r.balance()[1], 1e-9);
        assertEquals(10_002.00, r.balance()[2], 1e-9); // closed at Bid 1.10050
        assertEquals(10_002.00, r.equity()[2], 1e-9);
    }

    @Test
    void invalidVolumesAreRejectedAndImpossibleActionsIgnored() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10});
        // 0.015 lot is not a multiple of the 0.01 step: MetaTrader rejects the order (invalid volume)
        BacktestResult r = StrategyTester.run(b, new Bars.Script(0.015, OPEN_BUY), usd());
        assertEquals(1, r.deals().size());
        assertEquals(1, r.rejectedOrders());
        // CLOSE when flat, REVERSE when flat, OPEN while a position is held: ignored (one position per symbol)
        r = run(b, Bars.script(CLOSE, OPEN_BUY, OPEN_BUY), usd());
        assertEquals(2, r.ignoredDecisions());
        assertEquals(3, r.deals().size()); // balance, buy in at bar 2, end of test
    }

    @Test
    void theIntervalLimitsTheTestButEarlierBarsFeedTheLookback() {
        BarSeries b = Bars.m5("EURUSD",
                new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10},
                new double[] {1.10050, 1.10060, 1.10040, 1.10045, 10});
        long from = BarSeries.toSeconds(Bars.T0.plusMinutes(10)), to = BarSeries.toSeconds(Bars.T0.plusMinutes(15));
        Bars.Script s = Bars.script(OPEN_BUY);
        BacktestResult r = run(b, s, usd().withInterval(from, to));
        assertEquals(1, r.bars());
        assertEquals(1, s.calls);
        assertEquals(Bars.T0.plusMinutes(10), r.deals().get(0).time()); // the deposit at the start of the interval
        assertEquals(1.10060, r.deals().get(1).price(), 1e-9);
    }

    @Test
    void digitsOfSpecAndBarsMustAgree() {
        BarSeries b = Bars.m5("EURUSD", new double[] {1.10000, 1.10010, 1.09990, 1.10005, 10},
                new double[] {1.10020, 1.10030, 1.10015, 1.10025, 10});
        assertThrows(IllegalArgumentException.class,
                () -> StrategyTester.run(b, Bars.script(), TesterSettings.of(SymbolSpec.forex("EURUSD", 4), 10_000)));
    }

    @Test
    void stopCommentsPrintThePriceAtTheSymbolsDigits() {
        assertEquals("1.10010", StrategyTester.formatPrice(1.1001, 5));
        assertEquals("0.00012", StrategyTester.formatPrice(0.00012, 5));
        assertEquals("149.500", StrategyTester.formatPrice(149.5, 3));
        assertEquals("2034", StrategyTester.formatPrice(2034.0, 0));
        assertEquals("-0.50", StrategyTester.formatPrice(-0.5, 2));
        for (double p : new double[] {1.1787299999999998, 0.61197, 1234.56789}) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.5f", p), StrategyTester.formatPrice(p, 5));
        }
    }
}
