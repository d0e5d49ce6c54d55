package com.llmea.data;

import java.util.Optional;

/**
 * What {@link BarReader} returns: the bars, a report of what was read, and for the {@link BarFormat#WINDOWS}
 * format the window rows exactly as the file holds them (each row's closes, in file order).
 */
public record LoadedBars(BarSeries series, DataReport report, Optional<double[][]> windows) {
}
