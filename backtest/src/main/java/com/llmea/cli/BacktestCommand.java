package com.llmea.cli;

import com.llmea.backtest.BacktestResult;
import com.llmea.backtest.DealsCsv;
import com.llmea.backtest.StrategyTester;
import com.llmea.backtest.TesterConfig;
import com.llmea.backtest.TesterSettings;
import com.llmea.backtest.report.EquityCurve;
import com.llmea.backtest.report.ReportData;
import com.llmea.backtest.report.ReportFiles;
import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.strategy.LlmStrategy;
import com.llmea.strategy.Strategies;
import com.llmea.strategy.Strategy;
import com.llmea.strategy.StrategyConfig;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code llm-ea backtest BARS}: replays a price history through the strategy with the MetaTrader 5 Strategy
 * Tester's "Open prices only" execution rules (docs/parity.md) and writes deals.csv, report.json and report.html.
 */
@Command(name = "backtest",
        mixinStandardHelpOptions = true,
        description = {"Run a strategy over a price history as the MetaTrader 5 Strategy Tester does",
                "(\"Open prices only\"), write deals.csv, report.json and report.html, and print a summary."})
final class BacktestCommand implements Callable<Integer> {
    /** Runs with at least this many bars show a progress bar. */
    static final int PROGRESS_MIN_BARS = 200_000;

    @Parameters(index = "0", paramLabel = "BARS", description = "Price history (MT5 \"Export bars\" and the other formats of 'inspect').")
    Path barsFile;

    @Option(names = "--config", paramLabel = "FILE", description = "Strategy config file, the same one the EA's bridge opens (docs/strategy.md).")
    Path configFile;

    @Option(names = "--strategy", paramLabel = "NAME", description = "ma-cross or llm (overrides the config's 'strategy'; default ma-cross).")
    String strategyName;

    @Option(names = "--from", paramLabel = "DATE", description = "First day of the test, yyyy.MM.dd (earlier bars only feed the lookback).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day of the test, yyyy.MM.dd, inclusive.")
    String to;

    @Option(names = "--deposit", paramLabel = "MONEY", description = "Initial deposit (overrides tester.deposit; default 10000).")
    Double deposit;

    @Option(names = "--lots", paramLabel = "LOTS", description = "Volume of each position (overrides the config's 'lots'; default 0.1).")
    Double lots;

    @Option(names = "--hedging", description = "Hedging account instead of netting (overrides tester.hedging).")
    Boolean hedging;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "backtest-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StrategyConfig config = configFile == null ? StrategyConfig.of(Map.of()) : StrategyConfig.load(configFile);
        Map<String, String> over = new LinkedHashMap<>();
        if (strategyName != null) {
            over.put("strategy", strategyName);
        }
        if (lots != null) {
            over.put("lots", BigDecimal.valueOf(lots).toPlainString());
        }
        if (deposit != null) {
            over.put("tester.deposit", BigDecimal.valueOf(deposit).toPlainString());
        }
        if (hedging != null) {
            over.put("tester.hedging", hedging.toString());
        }
        config = config.withOverrides(over);

        BarSeries bars = BarReader.read(barsFile).series();
        TesterSettings settings = TesterConfig.settings(config, bars);
        checkLots(config, settings);
        checkPoint(config, bars);
        long fromS = from == null ? Long.MIN_VALUE : BarSeries.toSeconds(date("--from", from).atStartOfDay());
        long toS = to == null ? Long.MAX_VALUE : BarSeries.toSeconds(date("--to", to).plusDays(1).atStartOfDay());
        settings = settings.withInterval(fromS, toS);

        BacktestResult result;
        try (Strategy strategy = Strategies.open(config)) {
            if (strategy instanceof LlmStrategy llm) {
                forecastAhead(llm, bars, fromS, toS);
            }
            int total = countBars(bars, fromS, toS);
            if (total >= PROGRESS_MIN_BARS) {
                try (ProgressBar pb = new ProgressBarBuilder().setTaskName("backtest").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" bars", 1)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
                    result = StrategyTester.run(bars, strategy, settings.withProgress((done, max) -> {
                        pb.maxHint(max);
                        pb.stepTo(done);
                    }));
                }
            } else {
                result = StrategyTester.run(bars, strategy, settings);
            }
        }

        Files.createDirectories(out);
        Path dealsFile = out.resolve("deals.csv");
        DealsCsv.write(dealsFile, result.deals(), bars.digits());
        // the report (docs/report.md): MetaTrader's figures from the deals and the per-bar equity curve
        ReportData report = ReportData.of("Strategy Tester Report", reportSettings(config, bars, settings, result),
                result.deals(), result.initialDeposit(), new EquityCurve(result.time(), result.balance(), result.equity()));
        ReportFiles.write(out, report);

        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s %s, %s .. %s, %d bars, strategy %s%n", bars.symbol(),
                bars.timeframe().map(Object::toString).orElse("?"), DealsCsv.TIME.format(BarSeries.toTime(result.time()[0])),
                DealsCsv.TIME.format(BarSeries.toTime(result.time()[result.bars() - 1])), result.bars(),
                Strategies.name(config));
        w.printf(Locale.ROOT, "trades: %d   net profit: %.2f   final balance: %.2f %s%n", result.trades(),
                result.netProfit() + 0.0, result.finalBalance(), settings.spec().accountCurrency());
        if (result.ignoredDecisions() > 0 || result.rejectedOrders() > 0) {
            w.printf(Locale.ROOT, "ignored decisions: %d   rejected orders (invalid volume): %d%n",
                    result.ignoredDecisions(), result.rejectedOrders());
        }
        w.printf("deals: %s%nreport: %s%n", dealsFile, out.resolve(ReportFiles.HTML));
        w.flush();
        return 0;
    }

    /** The model's forecasts for every bar of the run, in batches, with a progress bar; the replay then reads the cache. */
    private static void forecastAhead(LlmStrategy llm, BarSeries bars, long fromS, long toS) {
        int from = 0, to = bars.size();
        while (from < to && bars.timeSeconds(from) < fromS) {
            from++;
        }
        while (to > from && bars.timeSeconds(to - 1) >= toS) {
            to--;
        }
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName("forecasts").setInitialMax(Math.max(0, to - from))
                .setStyle(ProgressBarStyle.ASCII).setUnit(" windows", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            llm.prepare(bars, from, to, (done, max) -> {
                pb.maxHint(max);
                pb.stepTo(done);
            });
        }
    }

    /** The settings block of the report, labelled as the tester's report labels them. */
    private Map<String, String> reportSettings(StrategyConfig config, BarSeries bars, TesterSettings settings,
                                               BacktestResult result) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Expert", "llm-ea " + Strategies.name(config) + (configFile == null ? "" : " (" + configFile.getFileName() + ")"));
        m.put("Symbol", settings.spec().name());
        m.put("Period", bars.timeframe().map(Object::toString).orElse("?") + " ("
                + DealsCsv.TIME.format(BarSeries.toTime(result.time()[0])) + " - "
                + DealsCsv.TIME.format(BarSeries.toTime(result.time()[result.bars() - 1])) + ")");
        m.put("Modelling", "Open prices only (llm-ea tester emulation)");
        m.put("Initial Deposit", BigDecimal.valueOf(settings.deposit()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                + " " + settings.spec().accountCurrency());
        m.put("Account", settings.hedging() ? "hedging" : "netting");
        m.put("Bars", barsFile.getFileName().toString());
        return m;
    }

    private static void checkLots(StrategyConfig config, TesterSettings settings) {
        double l = config.number("lots", 0.1);
        var s = settings.spec();
        double steps = l / s.volumeStep();
        if (!(l >= s.volumeMin() - 1e-9 && l <= s.volumeMax() + 1e-9) || Math.abs(steps - Math.rint(steps)) > 1e-6) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lots %s is not a valid volume for %s (min %s, step %s, max %s)", BigDecimal.valueOf(l).toPlainString(),
                    s.name(), s.volumeMin(), s.volumeStep(), s.volumeMax()));
        }
    }

    /** The LLM rule's threshold is in points of the config's 'point'; it must be the symbol's. */
    private static void checkPoint(StrategyConfig config, BarSeries bars) {
        if (!Strategies.name(config).equals(Strategies.LLM)) {
            return;
        }
        double p = config.number("point", 0.00001);
        if (Math.abs(p - bars.point()) > bars.point() * 1e-6) {
            throw new IllegalArgumentException("config point = " + BigDecimal.valueOf(p).toPlainString() + " but "
                    + bars.symbol() + " has " + bars.digits() + " digits (point "
                    + BigDecimal.ONE.movePointLeft(bars.digits()).toPlainString() + "); set point in the config");
        }
    }

    private static int countBars(BarSeries bars, long fromS, long toS) {
        int c = 0;
        for (int i = 0; i < bars.size(); i++) {
            long t = bars.timeSeconds(i);
            if (t >= fromS && t < toS) {
                c++;
            }
        }
        return c;
    }

    static LocalDate date(String option, String s) {
        for (String p : new String[] {"yyyy.MM.dd", "yyyy-MM-dd"}) {
            try {
                return LocalDate.parse(s.strip(), DateTimeFormatter.ofPattern(p, Locale.ROOT));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        throw new IllegalArgumentException(option + " must be a date like 2021.09.01, got '" + s + "'");
    }
}
