package com.llmea.cli;

import com.llmea.data.BarFormat;
import com.llmea.data.BarReader;
import com.llmea.data.LoadedBars;
import com.llmea.dataset.DatasetBuilder;
import com.llmea.dataset.DatasetInfo;
import com.llmea.dataset.DatasetOptions;
import com.llmea.dataset.SplitMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "dataset",
        description = {"Turn a bar history file into a fine-tuning data set: sliding windows of closes as price text.",
            "Writes train.txt and valid.txt (one window a line), test.csv (window format) and dataset.json."},
        mixinStandardHelpOptions = true)
public final class DatasetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BARS", description = "bar history file (MT5/MT4 export, copy_rates CSV, Dukascopy, window format)")
    Path bars;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--format", paramLabel = "F", converter = InspectCommand.FormatConverter.class,
            description = "skip detection: mt5_export, mt5_rates, mt4_history, dukascopy or windows")
    BarFormat format;

    @Option(names = "--window", defaultValue = "60", description = "closes per window (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--stride", defaultValue = "1", description = "bars between window starts (default: ${DEFAULT-VALUE})")
    int stride;

    @Option(names = "--split", defaultValue = "chronological", paramLabel = "MODE",
            description = {"chronological: train, valid, test in time order with purge gaps so no bar is in two splits (default)",
                "seed: the original method exactly, last --test-windows windows held out, no validation, no purge"})
    String split;

    @Option(names = "--valid", defaultValue = "0.1", description = "validation fraction of windows (default: ${DEFAULT-VALUE})")
    double valid;

    @Option(names = "--test", defaultValue = "0.1", description = "test fraction of windows (default: ${DEFAULT-VALUE})")
    double test;

    @Option(names = "--test-windows", defaultValue = "10", description = "test windows in --split seed (default: ${DEFAULT-VALUE})")
    int testWindows;

    @Option(names = "--symbol", description = "symbol name (default: from the file name)")
    String symbol;

    @Override
    public Integer call() throws Exception {
        SplitMode mode = switch (split.toLowerCase()) {
            case "chronological", "chrono" -> SplitMode.CHRONOLOGICAL;
            case "seed" -> SplitMode.SEED;
            default -> throw new IllegalArgumentException("--split must be chronological or seed, got " + split);
        };
        DatasetOptions options = new DatasetOptions(window, stride, mode, valid, test, testWindows);
        LoadedBars loaded = BarReader.read(bars, format, symbol);
        PrintWriter o = spec.commandLine().getOut();
        o.print(loaded.report().toText());
        DatasetInfo info = DatasetBuilder.build(bars, loaded, options, out);
        o.println();
        o.println(summary(info, out));
        o.flush();
        return 0;
    }

    static String summary(DatasetInfo info, Path out) {
        StringBuilder sb = new StringBuilder();
        sb.append("data set   ").append(out).append(info.source().synthetic() ? "  (SYNTHETIC data)" : "").append('\n');
        sb.append(String.format(java.util.Locale.ROOT, "windows    %d of %d closes, stride %d, split %s%n",
                info.count("total"), info.window(), info.stride(), info.split()));
        for (String part : new String[] {"train", "valid", "test"}) {
            DatasetInfo.Range r = info.ranges().get(part);
            sb.append(String.format(java.util.Locale.ROOT, "  %-6s %6d%s%n", part, info.count(part),
                    r == null ? "" : r.firstTime() == null ? "  bars " + r.firstBar() + ".." + r.lastBar()
                            : "  " + r.firstTime() + " .. " + r.lastTime()));
        }
        if (info.count("purged") > 0) {
            sb.append(String.format(java.util.Locale.ROOT,
                    "  purged %6d  (windows that would share bars across splits)%n", info.count("purged")));
        }
        return sb.toString().stripTrailing();
    }
}
