package com.llmea.backtest;

import com.llmea.data.BarSeries;
import com.llmea.data.SyntheticSeries;
import com.llmea.signal.Direction;
import com.llmea.strategy.PositionPolicy;
import com.llmea.strategy.PrecomputedSignalStrategy;

import java.util.Arrays;
import java.util.Locale;

/**
 * Replay speed of the tester emulation with precomputed signals (issue: at least 2 million bars per second on
 * one core): {@code llm-ea bench backtest [--bars N] [--rounds R]}. Not part of the tests.
 * Signals: ma-cross's SMA(10)/SMA(30) signals computed beforehand over a synthetic EURUSD M5 series; position policy
 * with reverse, SL 150 / TP 200 points, max 48 bars, commission and swap, a 20-close window copied per bar.
 */
public final class ReplayBench {
    private ReplayBench() {
    }

    public static void run(java.io.PrintWriter out, int n, int rounds) {
        long g = System.nanoTime();
        BarSeries bars = SyntheticSeries.eurusdM5(42, n);
        out.printf(Locale.ROOT, "series: %,d bars generated in %.1f s%n", n, (System.nanoTime() - g) / 1e9);

        long[] times = bars.times();
        double[] c = bars.closes();
        Direction[] sig = maCross(c, 10, 30);
        PositionPolicy policy = new PositionPolicy(0.1, true, 150, 200, 48);
        SymbolSpec spec = SymbolSpec.forex("EURUSD", 5).withCosts(3.5, -0.7, 0.2, java.time.DayOfWeek.WEDNESDAY);
        TesterSettings settings = TesterSettings.of(spec, 10_000).withStops(150, 200);

        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rate = new double[rounds];
        double[] cpuRate = new double[rounds];
        BacktestResult r = null;
        for (int k = -2; k < rounds; k++) { // two warm-up rounds
            PrecomputedSignalStrategy s = new PrecomputedSignalStrategy(times, sig, policy, 20);
            long gc0 = gcMillis();
            long t = System.nanoTime(), cpu = mx.getCurrentThreadCpuTime();
            r = StrategyTester.run(bars, s, settings);
            double sec = (System.nanoTime() - t) / 1e9;
            double cpuSec = (mx.getCurrentThreadCpuTime() - cpu) / 1e9 + (gcMillis() - gc0) / 1e3;
            if (k >= 0) {
                rate[k] = r.bars() / sec;
                cpuRate[k] = r.bars() / cpuSec;
            }
        }
        Arrays.sort(rate);
        Arrays.sort(cpuRate);
        out.printf(Locale.ROOT, "replay: %,d bars, %,d deals, %d rounds%n", r.bars(), r.deals().size(), rounds);
        out.printf(Locale.ROOT, "  wall clock:  bars/s median %,.0f, best %,.0f, worst %,.0f%n",
                rate[rounds / 2], rate[rounds - 1], rate[0]);
        // CPU time of this thread plus GC pauses: what one core does, even on a machine shared with other work
        out.printf(Locale.ROOT, "  CPU + GC:    bars/s median %,.0f, best %,.0f, worst %,.0f%n",
                cpuRate[rounds / 2], cpuRate[rounds - 1], cpuRate[0]);
        out.flush();
    }

    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** ma-cross's signals in O(n): at bar i, SMA(fast) against SMA(slow) of the closes up to bar i − 1 (shift 1). */
    static Direction[] maCross(double[] c, int fast, int slow) {
        int n = c.length;
        double[] f = sma(c, fast), s = sma(c, slow);
        Direction[] out = new Direction[n];
        Arrays.fill(out, Direction.HOLD);
        for (int i = slow; i < n; i++) {
            out[i] = f[i - 1] > s[i - 1] ? Direction.BUY : f[i - 1] < s[i - 1] ? Direction.SELL : Direction.HOLD;
        }
        return out;
    }

    /** sma[i] = mean of c[i - p + 1 .. i]. */
    static double[] sma(double[] c, int p) {
        double[] out = new double[c.length];
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += c[i];
            if (i >= p) {
                sum -= c[i - p];
            }
            out[i] = sum / p;
        }
        return out;
    }
}
