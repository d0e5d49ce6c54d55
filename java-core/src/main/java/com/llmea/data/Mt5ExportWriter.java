package com.llmea.data;

import com.llmea.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Writes a series exactly as MetaTrader 5's "Export bars" does: TAB-separated, {@code <DATE> <TIME> ...}
 * header, {@code 2021.09.01}/{@code 00:05:00}, prices with the symbol's fixed digits, LF line ends
 * (MetaTrader itself writes CRLF; both read the same). D1 and above have no {@code <TIME>} column.
 */
public final class Mt5ExportWriter {
    private Mt5ExportWriter() {
    }

    public static void write(BarSeries s, Path file) throws IOException {
        boolean daily = s.timeframe().map(Timeframe::isDailyOrAbove).orElse(false);
        String fmt = "%." + s.digits() + "f";
        AtomicFiles.writeText(file, w -> {
            w.write(daily ? "<DATE>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
                    : "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n");
            StringBuilder sb = new StringBuilder(96);
            for (int i = 0; i < s.size(); i++) {
                LocalDateTime t = s.time(i);
                sb.setLength(0);
                sb.append(String.format(java.util.Locale.ROOT, "%04d.%02d.%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth()));
                if (!daily) {
                    sb.append(String.format(java.util.Locale.ROOT, "\t%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
                }
                sb.append('\t').append(String.format(java.util.Locale.ROOT, fmt, s.open(i)))
                        .append('\t').append(String.format(java.util.Locale.ROOT, fmt, s.high(i)))
                        .append('\t').append(String.format(java.util.Locale.ROOT, fmt, s.low(i)))
                        .append('\t').append(String.format(java.util.Locale.ROOT, fmt, s.close(i)))
                        .append('\t').append(s.tickVolume(i))
                        .append('\t').append(s.realVolume(i))
                        .append('\t').append(s.spread(i))
                        .append('\n');
                w.append(sb);
            }
        });
    }
}
