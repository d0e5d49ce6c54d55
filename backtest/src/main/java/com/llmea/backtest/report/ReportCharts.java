package com.llmea.backtest.report;

import com.llmea.backtest.Deal;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;

/**
 * The report's charts, drawn with JFreeChart off screen (headless) into PNG bytes: the balance curve
 * (with equity when the run has a per-bar curve) and the drawdown from the running peak in percent.
 * Long curves are reduced to at most {@value #MAX_POINTS} points, keeping each bucket's low and high,
 * so the picture keeps every extreme.
 */
public final class ReportCharts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int MAX_POINTS = 4000;
    static final Color BALANCE = new Color(0x1F, 0x5F, 0xBF);
    static final Color EQUITY = new Color(0x2E, 0xA0, 0x4A);
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ReportCharts() {
    }

    /** A time series as parallel arrays: epoch milliseconds (broker time read as UTC) and values. */
    record Curve(String name, long[] millis, double[] values) {
    }

    /** The balance after each deal (time of the deal), starting at the deposit. */
    static Curve balanceByDeal(List<Deal> deals, double deposit) {
        int n = deals.size();
        long[] t = new long[n + 1];
        double[] v = new double[n + 1];
        double b = deposit;
        int first = 0;
        while (first < n && deals.get(first).type() == Deal.DealType.BALANCE) {
            first++;
        }
        int k = 0;
        t[k] = millis(n > 0 ? deals.get(0).time() : LocalDateTime.of(1970, 1, 1, 0, 0));
        v[k++] = deposit;
        for (int i = first; i < n; i++) {
            b += deals.get(i).net();
            t[k] = millis(deals.get(i).time());
            v[k++] = b;
        }
        return new Curve("Balance", java.util.Arrays.copyOf(t, k), java.util.Arrays.copyOf(v, k));
    }

    static long millis(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Drawdown from the running peak, in percent (0 or negative). */
    static Curve drawdownPercent(Curve c, double deposit) {
        double peak = deposit;
        double[] dd = new double[c.values.length];
        for (int i = 0; i < dd.length; i++) {
            peak = Math.max(peak, c.values[i]);
            dd[i] = peak > 0 ? -100.0 * (peak - c.values[i]) / peak : 0.0;
        }
        return new Curve(c.name + " drawdown", c.millis, dd);
    }

    /** The balance (and equity) chart as PNG. */
    public static byte[] balancePng(ReportData d, int width, int height) throws IOException {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (Curve c : curves(d)) {
            ds.addSeries(series(c));
        }
        XYLineAndShapeRenderer r = d.equity() == null ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, BALANCE);
        r.setSeriesPaint(1, EQUITY);
        r.setSeriesStroke(0, new BasicStroke(1.6f));
        r.setSeriesStroke(1, new BasicStroke(1.0f));
        r.setDefaultShapesVisible(false);
        return png(chart(ds, r, d.equity() == null ? "Balance" : "Balance / equity", false), width, height);
    }

    /** The drawdown chart (percent below the running peak) as PNG. */
    public static byte[] drawdownPng(ReportData d, int width, int height) throws IOException {
        XYSeriesCollection ds = new XYSeriesCollection();
        List<Curve> cs = curves(d);
        // equity first so the (smaller) balance drawdown is drawn over it
        for (int i = cs.size() - 1; i >= 0; i--) {
            ds.addSeries(series(drawdownPercent(cs.get(i), d.summary().initialDeposit())));
        }
        XYAreaRenderer r = new XYAreaRenderer(XYAreaRenderer.AREA);
        if (cs.size() == 2) {
            r.setSeriesPaint(0, new Color(0xE8, 0x8E, 0x84)); // equity: the deeper one, behind
            r.setSeriesPaint(1, new Color(0x3A, 0x6F, 0xC8)); // balance, in front
        } else {
            r.setSeriesPaint(0, new Color(0xC0, 0x39, 0x2B, 200));
        }
        JFreeChart c = chart(ds, r, "Drawdown, % of peak", true);
        // JFreeChart draws the last series first by default: draw in order so the balance is in front
        ((XYPlot) c.getPlot()).setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        return png(c, width, height);
    }

    private static List<Curve> curves(ReportData d) {
        double deposit = d.summary().initialDeposit();
        EquityCurve e = d.equity();
        if (e == null || e.size() == 0) {
            return List.of(balanceByDeal(d.deals(), deposit));
        }
        long[] t = new long[e.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = e.time()[i] * 1000L;
        }
        return List.of(new Curve("Balance", t, e.balance()), new Curve("Equity", t, e.equity()));
    }

    /** An XYSeries, reduced to low/high per bucket when longer than MAX_POINTS. */
    static XYSeries series(Curve c) {
        XYSeries s = new XYSeries(c.name, false, true);
        int n = c.values.length;
        if (n <= MAX_POINTS) {
            for (int i = 0; i < n; i++) {
                s.add(c.millis[i], c.values[i], false);
            }
        } else {
            int buckets = MAX_POINTS / 2;
            for (int b = 0; b < buckets; b++) {
                int from = (int) ((long) b * n / buckets), to = (int) ((long) (b + 1) * n / buckets);
                int lo = from, hi = from;
                for (int i = from; i < to; i++) {
                    if (c.values[i] < c.values[lo]) {
                        lo = i;
                    }
                    if (c.values[i] > c.values[hi]) {
                        hi = i;
                    }
                }
                s.add(c.millis[Math.min(lo, hi)], c.values[Math.min(lo, hi)], false);
                if (lo != hi) {
                    s.add(c.millis[Math.max(lo, hi)], c.values[Math.max(lo, hi)], false);
                }
            }
        }
        s.fireSeriesChanged();
        return s;
    }

    private static JFreeChart chart(XYSeriesCollection ds, org.jfree.chart.renderer.xy.XYItemRenderer r,
                                    String yLabel, boolean percent) {
        DateAxis x = new DateAxis();
        x.setTimeZone(TimeZone.getTimeZone("UTC"));
        x.setTickLabelFont(FONT);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(percent);
        y.setTickLabelFont(FONT);
        y.setLabelFont(FONT);
        XYPlot plot = new XYPlot(ds, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlinePaint(new Color(0xBB, 0xBB, 0xBB));
        JFreeChart chart = new JFreeChart(null, FONT, plot, ds.getSeriesCount() > 1);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.TOP);
            legend.setItemFont(FONT);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    private static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }
}
