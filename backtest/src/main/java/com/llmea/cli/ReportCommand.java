package com.llmea.cli;

import com.llmea.backtest.Deal;
import com.llmea.backtest.DealsCsv;
import com.llmea.backtest.report.ReportData;
import com.llmea.backtest.report.ReportFiles;
import com.llmea.backtest.report.SummaryFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code llm-ea report DEALS_CSV --out DIR}: a deals.csv to report.json and report.html. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Turn a deals.csv (MetaTrader's deal columns) into report.json and a self-contained report.html"
                + " with MetaTrader 5's report figures. Without the per-bar equity curve the equity figures are n/a.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DEALS_CSV")
    Path deals;

    @Option(names = "--deposit", paramLabel = "N",
            description = "initial deposit (default: the file's leading balance deal)")
    Double deposit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "report title (default: ${DEFAULT-VALUE})",
            defaultValue = "Strategy Tester Report")
    String title;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Deal> list = DealsCsv.read(deals);
        boolean leading = !list.isEmpty() && list.get(0).type() == Deal.DealType.BALANCE;
        double dep = deposit != null ? deposit : Double.NaN;
        if (deposit != null && leading) {
            list = list.subList(1, list.size()); // --deposit replaces the file's deposit deal
        }
        Map<String, String> settings = new LinkedHashMap<>();
        list.stream().filter(d -> d.type() != Deal.DealType.BALANCE && !d.symbol().isEmpty()).findFirst()
                .ifPresent(d -> settings.put("Symbol", d.symbol()));
        if (!list.isEmpty()) {
            settings.put("Period", DealsCsv.TIME.format(list.get(0).time()) + " - "
                    + DealsCsv.TIME.format(list.get(list.size() - 1).time()));
        }
        settings.put("Deals", deals.toString());
        ReportData data = ReportData.of(title, settings, list, dep, null);
        ReportFiles.write(out, data);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "net profit %s, %d trades, balance drawdown maximal %s%n",
                SummaryFigures.money(data.summary().totalNetProfit()), data.summary().totalTrades(),
                SummaryFigures.money(data.summary().balanceDrawdownMaximal()));
        w.printf(Locale.ROOT, "wrote %s and %s%n", out.resolve(ReportFiles.JSON), out.resolve(ReportFiles.HTML));
        w.flush();
        return 0;
    }
}
