package com.llmea.dataset;

import com.llmea.data.BarSeries;

/**
 * Sliding windows of closes over a series, by start bar: window {@code i} covers bars
 * {@code [start(i), start(i) + length)}. Either cut from a bar series or given as rows (the original
 * method's window format, whose rows are taken to be consecutive windows of step 1).
 */
public abstract class Windows {
    private final int length;

    Windows(int length) {
        this.length = length;
    }

    /** Closes per window. */
    public int length() {
        return length;
    }

    public abstract int size();

    /** Index of the window's first bar in the underlying series. */
    public abstract int start(int i);

    /** Copies window i's closes into dst[0, length). */
    public abstract void copy(int i, double[] dst);

    public static Windows slide(BarSeries series, int length, int stride) {
        int n = series.size() < length ? 0 : (series.size() - length) / stride + 1;
        return new Windows(length) {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int start(int i) {
                return i * stride;
            }

            @Override
            public void copy(int i, double[] dst) {
                series.copyCloses(i * stride, dst, 0, length);
            }
        };
    }

    /** Rows of the window format; row i is taken to start at bar i (the method's step-1 windows). */
    public static Windows rows(double[][] rows, int length) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != length) {
                throw new IllegalArgumentException("window row " + i + " has " + rows[i].length + " closes, expected "
                        + length + " (set --window to the file's row length)");
            }
        }
        return new Windows(length) {
            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public int start(int i) {
                return i;
            }

            @Override
            public void copy(int i, double[] dst) {
                System.arraycopy(rows[i], 0, dst, 0, length);
            }
        };
    }
}
