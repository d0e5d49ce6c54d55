package com.llmea.dataset;

import com.llmea.data.BarSeries;
import com.llmea.data.LoadedBars;
import com.llmea.util.Sha256;

import java.io.IOException;
import java.nio.file.Path;

/** From a loaded bar file to a data set directory: the one call the CLI and the demo make. */
public final class DatasetBuilder {
    private DatasetBuilder() {
    }

    public static DatasetInfo build(Path barFile, LoadedBars loaded, DatasetOptions options, Path outDir)
            throws IOException {
        BarSeries s = loaded.series();
        double[][] rows = loaded.windows().orElse(null);
        DatasetOptions opts = rows != null && rows.length > 0 && options.window() != rows[0].length
                ? options.withWindow(rows[0].length) : options;
        DatasetInfo.Source source = new DatasetInfo.Source(
                barFile.getFileName().toString(),
                Sha256.of(barFile),
                loaded.report().format().name(),
                s.symbol(),
                s.timeframe().map(Enum::name).orElse(null),
                s.digits(),
                s.size(),
                s.size() > 0 && s.timeframe().isPresent() ? s.time(0).toString() : null,
                s.size() > 0 && s.timeframe().isPresent() ? s.time(s.size() - 1).toString() : null,
                s.symbol().toUpperCase(java.util.Locale.ROOT).contains("SYNTHETIC"));
        return DatasetWriter.write(s, rows, source, opts, outDir);
    }
}
