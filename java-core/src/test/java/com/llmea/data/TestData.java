package com.llmea.data;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real MT5 exports in the shared folder, and writers that turn their bars into the other formats, so that
 * every reader is tested on real prices without copying the files into the repository.
 */
final class TestData {
    private TestData() {
    }

    static Path shared(String relative) {
        String root = System.getProperty("llmea.shared", "../../shared");
        return Path.of(root, "data", relative);
    }

    /** 24,886 M5 bars, 2021-09-01 00:00 to 2021-12-30 15:20, 81% zero spread. */
    static Path kayoroxa() {
        return shared("kayoroxa__binarias/EURUSD_M5.csv");
    }

    /** 2,416 M5 bars, 2025-07-01 00:00 to 2025-07-11 09:15, with Sunday bars. */
    static Path p3dr7() {
        return shared("P3dr7__Cruzamento-de-Medias/EURUSD_M5.csv");
    }

    static BarSeries p3dr7Series() throws IOException {
        return BarReader.read(p3dr7()).series();
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Text in {@code cs}, with the byte-order mark MetaTrader writes in front. */
    static byte[] withBom(String text, Charset cs) {
        byte[] bom = cs.equals(StandardCharsets.UTF_16LE) ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                : cs.equals(StandardCharsets.UTF_16BE) ? new byte[] {(byte) 0xFE, (byte) 0xFF}
                : new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = text.getBytes(cs);
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    static String p5(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }

    static String fmt(LocalDateTime t, String pattern) {
        return t.format(java.time.format.DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    /** The bars as an MT5 "Export bars" file; {@code withTime=false} is the D1-and-above layout. */
    static String asMt5Export(BarSeries s, boolean withTime, String sep) {
        StringBuilder b = new StringBuilder(withTime
                ? "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
                : "<DATE>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n");
        for (int i = 0; i < s.size(); i++) {
            b.append(fmt(s.time(i), "yyyy.MM.dd")).append('\t');
            if (withTime) {
                b.append(fmt(s.time(i), "HH:mm:ss")).append('\t');
            }
            b.append(p5(s.open(i))).append('\t').append(p5(s.high(i))).append('\t').append(p5(s.low(i))).append('\t')
                    .append(p5(s.close(i))).append('\t').append(s.tickVolume(i)).append('\t').append(s.realVolume(i))
                    .append('\t').append(s.spread(i)).append('\n');
        }
        return b.toString().replace("\t", sep);
    }

    /** copy_rates → pandas → to_csv(index=False); {@code timeStyle} "epoch", "mt5" or "iso". */
    static String asRatesCsv(BarSeries s, String timeStyle) {
        StringBuilder b = new StringBuilder("time,open,high,low,close,tick_volume,spread,real_volume\n");
        for (int i = 0; i < s.size(); i++) {
            String t = switch (timeStyle) {
                case "epoch" -> Long.toString(s.timeSeconds(i));
                case "mt5" -> fmt(s.time(i), "yyyy.MM.dd HH:mm:ss");
                default -> fmt(s.time(i), "yyyy-MM-dd HH:mm:ss");
            };
            // pandas writes the shortest repr, e.g. 1.178 for 1.17800
            b.append(t).append(',').append(s.open(i)).append(',').append(s.high(i)).append(',').append(s.low(i))
                    .append(',').append(s.close(i)).append(',').append(s.tickVolume(i)).append(',').append(s.spread(i))
                    .append(',').append(s.realVolume(i)).append('\n');
        }
        return b.toString();
    }

    /** MT4 History Center export: no header, HH:mm times, tick volume last. */
    static String asMt4(BarSeries s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            b.append(fmt(s.time(i), "yyyy.MM.dd,HH:mm")).append(',').append(p5(s.open(i))).append(',')
                    .append(p5(s.high(i))).append(',').append(p5(s.low(i))).append(',').append(p5(s.close(i)))
                    .append(',').append(s.tickVolume(i)).append('\n');
        }
        return b.toString();
    }

    /**
     * Dukascopy export, with flat zero-volume filler bars in every gap (as Dukascopy pads weekends).
     * Volumes are written as {@code tickVolume + 0.4} to show they are rounded. Returns the filler count in [1].
     */
    static String asDukascopy(BarSeries s, int[] fillers) {
        long step = s.timeframe().orElseThrow().seconds();
        StringBuilder b = new StringBuilder("Gmt time,Open,High,Low,Close,Volume\r\n");
        for (int i = 0; i < s.size(); i++) {
            if (i > 0) {
                for (long t = s.timeSeconds(i - 1) + step; t < s.timeSeconds(i); t += step) {
                    String c = p5(s.close(i - 1));
                    b.append(fmt(BarSeries.toTime(t), "dd.MM.yyyy HH:mm:ss.SSS")).append(',').append(c).append(',')
                            .append(c).append(',').append(c).append(',').append(c).append(",0\r\n");
                    fillers[0]++;
                }
            }
            b.append(fmt(s.time(i), "dd.MM.yyyy HH:mm:ss.SSS")).append(',').append(p5(s.open(i))).append(',')
                    .append(p5(s.high(i))).append(',').append(p5(s.low(i))).append(',').append(p5(s.close(i)))
                    .append(',').append(s.tickVolume(i)).append(".4\r\n");
        }
        return b.toString();
    }

    /** The original method's window table: pandas index, then {@code width} closes per row, stride 1. */
    static String asWindows(double[] closes, int width, boolean cNames) {
        StringBuilder b = new StringBuilder(cNames ? "index" : "");
        for (int j = 0; j < width; j++) {
            b.append(',').append(cNames ? "c" + (j + 1) : Integer.toString(j));
        }
        b.append('\n');
        for (int r = 0; r + width <= closes.length; r++) {
            b.append(r);
            for (int j = 0; j < width; j++) {
                b.append(',').append(closes[r + j]);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Daily bars aggregated from intraday ones (open of the first, high/low extremes, close of the last). */
    static BarSeries daily(BarSeries s) {
        List<Bar> days = new ArrayList<>();
        int i = 0;
        while (i < s.size()) {
            LocalDateTime day = s.time(i).toLocalDate().atStartOfDay();
            double o = s.open(i), h = s.high(i), l = s.low(i), c = s.close(i);
            long tv = 0;
            int sp = s.spread(i);
            int j = i;
            for (; j < s.size() && s.time(j).toLocalDate().atStartOfDay().equals(day); j++) {
                h = Math.max(h, s.high(j));
                l = Math.min(l, s.low(j));
                c = s.close(j);
                tv += s.tickVolume(j);
            }
            days.add(new Bar(day, o, h, l, c, tv, 0, sp));
            i = j;
        }
        return BarSeries.of(s.symbol(), days);
    }

    /** Same times and prices (and volumes, spreads when {@code withVolumes}). */
    static void assertSameBars(BarSeries expected, BarSeries actual, boolean withVolumes, boolean withSpread) {
        assertEquals(expected.size(), actual.size(), "bar count");
        assertArrayEquals(expected.times(), actual.times(), "times");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.bar(i).open(), actual.open(i), "open of bar " + i);
            assertEquals(expected.high(i), actual.high(i), "high of bar " + i);
            assertEquals(expected.low(i), actual.low(i), "low of bar " + i);
            assertEquals(expected.close(i), actual.close(i), "close of bar " + i);
            if (withVolumes) {
                assertEquals(expected.tickVolume(i), actual.tickVolume(i), "tick volume of bar " + i);
            }
            if (withSpread) {
                assertEquals(expected.spread(i), actual.spread(i), "spread of bar " + i);
            }
        }
        assertEquals(expected.timeframe(), actual.timeframe(), "timeframe");
        assertEquals(expected.digits(), actual.digits(), "digits");
    }
}
