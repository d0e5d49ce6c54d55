package com.llmea.eval;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A PNG of a few evaluated windows, drawn with java.awt (headless) and ImageIO: the prompt closes (grey), the truth
 * (black), the model's forecast (blue) and persistence (orange, dashed), one panel per window.
 */
public final class ForecastChart {
    private static final Color MODEL = new Color(31, 119, 180);
    private static final Color PERSIST = new Color(255, 127, 14);
    private static final int PANEL_W = 600;
    private static final int PANEL_H = 340;

    private ForecastChart() {
    }

    /** Draws up to 4 windows in a 2-column grid; {@code title} goes on top. */
    public static void write(Path png, String title, List<Evaluator.WindowResult> windows, int digits) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int n = Math.max(1, Math.min(4, windows.size()));
        int cols = n == 1 ? 1 : 2;
        int rows = (n + cols - 1) / cols;
        int top = 36;
        BufferedImage img = new BufferedImage(cols * PANEL_W, top + rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, 12, 24);
            for (int i = 0; i < Math.min(n, windows.size()); i++) {
                panel(g, windows.get(i), (i % cols) * PANEL_W, top + (i / cols) * PANEL_H, digits);
            }
        } finally {
            g.dispose();
        }
        Path abs = png.toAbsolutePath();
        java.nio.file.Files.createDirectories(abs.getParent());
        com.llmea.util.AtomicFiles.write(abs, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this JVM");
            }
        });
    }

    private static void panel(Graphics2D g, Evaluator.WindowResult w, int x0, int y0, int digits) {
        int left = x0 + 70;
        int right = x0 + PANEL_W - 15;
        int ytop = y0 + 28;
        int ybot = y0 + PANEL_H - 40;
        double[] p = w.prompt();
        double[] t = w.truth();
        double[] persist = Baseline.PERSISTENCE.forecast(p, t.length);
        double[] f = w.forecast().closes();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : new double[][] {p, t, f}) {
            for (double v : a) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi - lo < 1e-12) {
            hi = lo + Math.pow(10, -digits);
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        int total = p.length + t.length;
        g.setColor(new Color(245, 245, 245));
        g.fillRect(left, ytop, right - left, ybot - ytop);
        g.setColor(Color.GRAY);
        g.drawRect(left, ytop, right - left, ybot - ytop);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k <= 4; k++) {
            double v = lo + (hi - lo) * k / 4;
            int y = yOf(v, lo, hi, ytop, ybot);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left + 1, y, right - 1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%." + digits + "f", v), x0 + 4, y + 4);
        }
        int xSplit = xOf(p.length - 1, total, left, right);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(xSplit, ytop, xSplit, ybot);
        line(g, p, 0, total, lo, hi, left, right, ytop, ybot, Color.GRAY, new BasicStroke(1.8f), Double.NaN);
        double last = p[p.length - 1];
        line(g, t, p.length, total, lo, hi, left, right, ytop, ybot, Color.BLACK, new BasicStroke(1.8f), last);
        line(g, persist, p.length, total, lo, hi, left, right, ytop, ybot, PERSIST,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0), last);
        if (f.length > 0) {
            line(g, f, p.length, total, lo, hi, left, right, ytop, ybot, MODEL, new BasicStroke(2f), last);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.setColor(Color.BLACK);
        g.drawString("window at bar " + w.start(), left, y0 + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int ly = ybot + 16;
        legend(g, left, ly, Color.GRAY, "prompt");
        legend(g, left + 80, ly, Color.BLACK, "truth");
        legend(g, left + 150, ly, PERSIST, "last value");
        if (f.length > 0) {
            legend(g, left + 250, ly, MODEL, "model" + (w.scored() ? "" : " (" + f.length + " prices)"));
        } else {
            g.setColor(Color.RED);
            String why = w.forecast().reason();
            String note = "model: no forecast - " + why;
            g.drawString(note.length() > 85 ? note.substring(0, 85) + "..." : note, left, ly + 20);
        }
    }

    private static void legend(Graphics2D g, int x, int y, Color c, String label) {
        g.setColor(c);
        g.fillRect(x, y - 2, 14, 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, x + 18, y + 4);
    }

    private static void line(Graphics2D g, double[] v, int offset, int total, double lo, double hi, int left, int right,
                             int ytop, int ybot, Color c, Stroke s, double from) {
        g.setColor(c);
        g.setStroke(s);
        int px = -1;
        int py = -1;
        if (!Double.isNaN(from)) {
            px = xOf(offset - 1, total, left, right);
            py = yOf(from, lo, hi, ytop, ybot);
        }
        for (int i = 0; i < v.length; i++) {
            int x = xOf(offset + i, total, left, right);
            int y = yOf(v[i], lo, hi, ytop, ybot);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int xOf(int i, int total, int left, int right) {
        return left + (int) Math.round((double) i * (right - left) / (total - 1));
    }

    private static int yOf(double v, double lo, double hi, int ytop, int ybot) {
        return ybot - (int) Math.round((v - lo) / (hi - lo) * (ybot - ytop));
    }
}
