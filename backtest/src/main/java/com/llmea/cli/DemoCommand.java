package com.llmea.cli;

import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.data.LoadedBars;
import com.llmea.data.Mt5ExportWriter;
import com.llmea.data.SyntheticSeries;
import com.llmea.dataset.DatasetBuilder;
import com.llmea.dataset.DatasetInfo;
import com.llmea.dataset.DatasetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The whole product on one command. With no arguments it runs on an embedded default: a seeded
 * synthetic EURUSD M5 series (labelled synthetic everywhere). With {@code --bars FILE}, on the user's export.
 */
@Command(name = "demo",
        description = {"Run the product end to end on a built-in synthetic EURUSD M5 series (or --bars FILE):",
            "inspect the series, then build a fine-tuning data set. Output goes to demo-out/."},
        mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bars", paramLabel = "FILE", description = "your own bar history export instead of the synthetic series")
    Path bars;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--synthetic-bars", defaultValue = "20000", description = "length of the synthetic series (default: ${DEFAULT-VALUE}, about 70 trading days of M5)")
    int syntheticBars;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic series (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        long started = System.nanoTime();
        Files.createDirectories(out);

        Path file = bars;
        if (file == null) {
            step(o, 1, "series", "generating a SYNTHETIC EURUSD M5 series (seed " + seed + ", " + syntheticBars + " bars)");
            BarSeries s = SyntheticSeries.eurusdM5(seed, syntheticBars);
            file = out.resolve(SyntheticSeries.SYMBOL + "_M5.csv");
            Mt5ExportWriter.write(s, file);
            o.println("    written as an MT5 \"Export bars\" file: " + file);
        } else {
            step(o, 1, "series", "your export " + file);
        }

        step(o, 2, "inspect", file.getFileName().toString());
        LoadedBars loaded = BarReader.read(file);
        o.print(indent(loaded.report().toText()));

        step(o, 3, "dataset", "sliding windows of 60 closes, chronological split with purge gaps");
        Path dsDir = out.resolve("dataset");
        DatasetInfo info = DatasetBuilder.build(file, loaded, DatasetOptions.defaults(), dsDir);
        o.println(indent(DatasetCommand.summary(info, dsDir)));

        o.println();
        o.printf(java.util.Locale.ROOT, "done in %.1f s. Look in %s/: the bar file, dataset/train.txt, valid.txt, test.csv, dataset.json%n",
                (System.nanoTime() - started) / 1e9, out);
        if (bars == null) {
            o.println("(all of it made from SYNTHETIC prices; run ./llm-ea demo --bars YOUR_EXPORT.csv for real data)");
        }
        o.flush();
        return 0;
    }

    private static void step(PrintWriter o, int n, String name, String what) {
        o.printf("[%d] %-8s %s%n", n, name, what);
        o.flush();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("") + (text.endsWith("\n") ? "\n" : "");
    }
}
