package com.llmea.train;

import com.llmea.util.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The loss curve as a PNG, drawn with java.awt (headless, no charting dependency): training loss per step (light,
 * with a moving average on top) and validation loss (points joined by a line), against the optimizer step.
 */
public final class LossChart {
    private LossChart() {
    }


    /** {@code train} and {@code val} hold {step, loss} pairs. */
    public static void write(Path png, double[][] train, double[][] val, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 900, h = 520, left = 70, right = 20, top = 40, bottom = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
            for (double[][] s : new double[][][]{train, val}) {
                for (double[] p : s) {
                    if (Double.isFinite(p[1])) {
                        x0 = Math.min(x0, p[0]);
                        x1 = Math.max(x1, p[0]);
                        y0 = Math.min(y0, p[1]);
                        y1 = Math.max(y1, p[1]);
                    }
                }
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, 25);
            if (x0 > x1) {
                g.drawString("no data yet", w / 2 - 40, h / 2);
                ImageIO.write(img, "png", png.toFile());
                return;
            }
            if (x1 == x0) {
                x1 = x0 + 1;
            }
            if (y1 - y0 < 1e-9) {
                y1 = y0 + 1e-3;
            }
            double pad = (y1 - y0) * 0.05;
            y0 -= pad;
            y1 += pad;
            int pw = w - left - right, ph = h - top - bottom;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i <= 5; i++) {
                double yv = y0 + (y1 - y0) * i / 5;
                int y = top + ph - (int) Math.round(ph * i / 5.0);
                g.setColor(new Color(230, 230, 230));
                g.drawLine(left, y, left + pw, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.3f", yv), 8, y + 4);
                double xv = x0 + (x1 - x0) * i / 5;
                int x = left + (int) Math.round(pw * i / 5.0);
                g.drawString(String.format(Locale.ROOT, "%.0f", xv), x - 10, top + ph + 18);
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, pw, ph);
            g.drawString("optimizer step", left + pw / 2 - 40, h - 12);
            final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
            java.util.function.DoubleUnaryOperator sx = x -> left + (x - fx0) / (fx1 - fx0) * pw;
            java.util.function.DoubleUnaryOperator sy = y -> top + ph - (y - fy0) / (fy1 - fy0) * ph;
            polyline(g, train, sx, sy, new Color(120, 160, 220), 1f);
            polyline(g, smooth(train, Math.max(1, train.length / 50)), sx, sy, new Color(20, 60, 160), 2f);
            polyline(g, val, sx, sy, new Color(210, 60, 30), 2f);
            g.setColor(new Color(210, 60, 30));
            for (double[] p : val) {
                g.fillOval((int) sx.applyAsDouble(p[0]) - 3, (int) sy.applyAsDouble(p[1]) - 3, 6, 6);
            }
            g.setColor(new Color(20, 60, 160));
            g.drawString("train loss (moving average)", left + pw - 190, top + 16);
            g.setColor(new Color(210, 60, 30));
            g.drawString("validation loss", left + pw - 190, top + 32);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static void polyline(Graphics2D g, double[][] pts, java.util.function.DoubleUnaryOperator sx,
                                 java.util.function.DoubleUnaryOperator sy, Color c, float width) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width));
        for (int i = 1; i < pts.length; i++) {
            if (Double.isFinite(pts[i - 1][1]) && Double.isFinite(pts[i][1])) {
                g.drawLine((int) sx.applyAsDouble(pts[i - 1][0]), (int) sy.applyAsDouble(pts[i - 1][1]),
                        (int) sx.applyAsDouble(pts[i][0]), (int) sy.applyAsDouble(pts[i][1]));
            }
        }
    }

    static double[][] smooth(double[][] pts, int window) {
        double[][] out = new double[pts.length][];
        double sum = 0;
        for (int i = 0; i < pts.length; i++) {
            sum += pts[i][1];
            if (i >= window) {
                sum -= pts[i - window][1];
            }
            out[i] = new double[]{pts[i][0], sum / Math.min(i + 1, window)};
        }
        return out;
    }
}
