package com.llmea.data;

import java.util.Arrays;

/**
 * Bars as a reader collects them: growable primitive columns plus each bar's line in the file (for errors
 * found only once all rows are in, like duplicates). No object per row.
 */
final class BarTable {
    private int n;
    private long[] time = new long[1024];
    private double[] open = new double[1024], high = new double[1024], low = new double[1024], close = new double[1024];
    private long[] tickVolume = new long[1024], realVolume = new long[1024];
    private int[] spread = new int[1024];
    private long[] line = new long[1024];

    void add(long lineNo, long t, double o, double h, double l, double c, long tv, long rv, int sp) {
        if (n == time.length) {
            grow();
        }
        line[n] = lineNo;
        time[n] = t;
        open[n] = o;
        high[n] = h;
        low[n] = l;
        close[n] = c;
        tickVolume[n] = tv;
        realVolume[n] = rv;
        spread[n] = sp;
        n++;
    }

    int size() {
        return n;
    }

    long time(int i) {
        return time[i];
    }

    long line(int i) {
        return line[i];
    }

    /** Newest-first files become oldest-first. */
    void reverse() {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            swap(time, i, j);
            swap(line, i, j);
            swap(tickVolume, i, j);
            swap(realVolume, i, j);
            swap(open, i, j);
            swap(high, i, j);
            swap(low, i, j);
            swap(close, i, j);
            int s = spread[i];
            spread[i] = spread[j];
            spread[j] = s;
        }
    }

    BarSeries toSeries(String symbol, int digits) {
        return BarSeries.ofColumns(symbol, digits, Arrays.copyOf(time, n), Arrays.copyOf(open, n),
                Arrays.copyOf(high, n), Arrays.copyOf(low, n), Arrays.copyOf(close, n), Arrays.copyOf(tickVolume, n),
                Arrays.copyOf(realVolume, n), Arrays.copyOf(spread, n));
    }

    private void grow() {
        int cap = time.length * 2;
        time = Arrays.copyOf(time, cap);
        line = Arrays.copyOf(line, cap);
        open = Arrays.copyOf(open, cap);
        high = Arrays.copyOf(high, cap);
        low = Arrays.copyOf(low, cap);
        close = Arrays.copyOf(close, cap);
        tickVolume = Arrays.copyOf(tickVolume, cap);
        realVolume = Arrays.copyOf(realVolume, cap);
        spread = Arrays.copyOf(spread, cap);
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
