package com.llmea.cli;

import com.llmea.backtest.Deal;
import com.llmea.backtest.DealsCsv;
import com.llmea.backtest.mt5.Compare;
import com.llmea.backtest.mt5.Mt5Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code llm-ea compare REPORT [DEALS_CSV]}: checks our report code and the harness against a real tester run. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {
                "Compare with a real MetaTrader 5 Strategy Tester report (HTML as saved by the terminal, or its XLSX export).",
                "",
                "With REPORT only: recompute the report's summary from its own deal list with llm-ea's metric code and"
                        + " print both side by side; exit 1 if any figure differs by more than 0.01.",
                "With REPORT and DEALS_CSV (a harness deals.csv): align the deals by time and print every mismatch"
                        + " (missing or extra deal, direction, entry, price beyond half a point, volume, profit,"
                        + " commission or swap beyond 0.01) and the totals side by side; exit 1 on any mismatch."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything matches", "1:a mismatch, or an error", "2:bad command line"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT", description = "MetaTrader tester report (.html or .xlsx)")
    Path report;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEALS_CSV", description = "harness deals.csv")
    Path dealsCsv;

    @Option(names = "--point", paramLabel = "POINT",
            description = "the symbol's point for the price check (default: from the decimals of the report's prices)")
    Double point;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Mt5Report r = Mt5Report.read(report);
        out.printf(Locale.ROOT, "report: %s (%d deals)%n", report, r.deals().size());
        int rc = dealsCsv == null ? summary(out, r) : deals(out, r, DealsCsv.read(dealsCsv));
        out.flush();
        return rc;
    }

    private static int summary(PrintWriter out, Mt5Report r) {
        Compare.SummaryResult res = Compare.summary(r);
        out.println("summary recomputed from the report's own deals:");
        out.printf(Locale.ROOT, "  %-36s %-20s %-20s %s%n", "figure", "report", "llm-ea", "");
        for (Compare.SummaryRow row : res.rows()) {
            out.printf(Locale.ROOT, "  %-36s %-20s %-20s %s%n", row.label(), row.report(), row.ours(), row.status());
        }
        long bad = res.mismatches();
        out.printf(Locale.ROOT, "%d figures compared, %d differ by more than %.2f%n", res.compared(), bad,
                Compare.TOLERANCE);
        return bad == 0 ? 0 : 1;
    }

    private int deals(PrintWriter out, Mt5Report r, List<Deal> harness) {
        double pt = point != null ? point : r.point();
        out.printf(Locale.ROOT, "harness: %s (%d deals); price tolerance half a point = %s%n", dealsCsv,
                harness.size(), DealsCsv.plain(pt / 2));
        Compare.DealsResult res = Compare.deals(r.deals(), harness, pt);
        out.printf(Locale.ROOT, "deals (balance deals aside): report %d, harness %d, %d identical%n",
                res.reportDeals(), res.harnessDeals(), res.matched());
        if (res.mismatches().isEmpty()) {
            out.println("no deal mismatches");
        } else {
            out.printf(Locale.ROOT, "%d mismatches:%n", res.mismatches().size());
            for (Compare.Mismatch m : res.mismatches()) {
                out.println("  " + m);
            }
        }
        out.println("totals:");
        out.printf(Locale.ROOT, "  %-36s %-20s %-20s%n", "figure", "report", "harness");
        for (Compare.TotalRow t : res.totals()) {
            out.printf(Locale.ROOT, "  %-36s %-20s %-20s%s%n", t.label(), t.report(), t.harness(),
                    t.differs() ? " DIFF" : "");
        }
        out.println(res.ok() ? "MATCH" : "MISMATCH");
        return res.ok() ? 0 : 1;
    }
}
