package com.llmea.backtest.mt5;

import com.llmea.backtest.Deal;
import com.llmea.backtest.Deal.DealType;
import com.llmea.backtest.DealsCsv;
import com.llmea.backtest.report.Report;
import com.llmea.backtest.report.ReportSummary;
import com.llmea.backtest.report.SummaryFigures;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * What {@code llm-ea compare} checks. Two comparisons:
 * <ul>
 *   <li>{@link #summary}: a real report's printed summary against the summary our metric code computes
 *   from the same report's deal list (any figure off by more than {@link #TOLERANCE} is a
 *   difference);</li>
 *   <li>{@link #deals}: a real report's deals against a harness {@code deals.csv}, aligned by time,
 *   deal by deal (missing or extra deal, direction, entry, price beyond half a point, volume, profit,
 *   commission or swap beyond 0.01), with the totals side by side.</li>
 * </ul>
 */
public final class Compare {
    /** Largest difference in a figure or a deal's money that still counts as equal. */
    public static final double TOLERANCE = 0.01;
    private static final double EPS = 1e-9;

    private Compare() {
    }

    // ---------------------------------------------------------------- report summary vs our metrics

    /** One line of the side-by-side summary; {@code status} is "ok", "DIFF ..." or a reason it is skipped. */
    public record SummaryRow(String label, String report, String ours, String status, boolean mismatch) {
    }

    public record SummaryResult(List<SummaryRow> rows, ReportSummary ours) {
        public long mismatches() {
            return rows.stream().filter(SummaryRow::mismatch).count();
        }

        public long compared() {
            return rows.stream().filter(r -> r.mismatch || r.status.equals("ok")).count();
        }
    }

    public static SummaryResult summary(Mt5Report r) {
        ReportSummary ours = Report.of(r.deals(), r.initialDeposit(), null);
        List<SummaryRow> rows = new ArrayList<>();
        for (SummaryFigures.Line line : SummaryFigures.of(ours)) {
            String label = line.label();
            String reportText = r.field(label).orElse(null);
            if (reportText == null) {
                continue;
            }
            if (label.startsWith("Equity Drawdown")) {
                rows.add(new SummaryRow(label, reportText, "n/a", "not compared: needs the tester's equity", false));
                continue;
            }
            if (label.equals("Sharpe Ratio")) {
                rows.add(new SummaryRow(label, reportText, line.text(),
                        "not compared: MetaTrader's formula is undocumented", false));
                continue;
            }
            Mt5Report.Figure f = r.figure(label).orElse(null);
            if (f == null) {
                rows.add(new SummaryRow(label, reportText, line.text(), "not compared: no number in the report", false));
                continue;
            }
            Double main = line.main();
            Double bracket = line.bracket();
            String oursText = line.text();
            String note = "";
            if (label.equals("Recovery Factor")) {
                Mt5Report.Figure eq = r.figure("Equity Drawdown Maximal").orElse(null);
                if (eq == null) {
                    rows.add(new SummaryRow(label, reportText, "n/a", "not compared: no equity drawdown", false));
                    continue;
                }
                main = Report.recoveryFactor(ours.totalNetProfit(), eq.main().value());
                oursText = String.format(Locale.ROOT, "%.2f", main);
                note = " (net profit / the report's equity drawdown)";
            }
            if (line.kind() == SummaryFigures.Kind.WHOLE) {
                main = (double) Math.round(main); // printed as a whole number
            }
            double d1 = Math.abs(main - f.main().value());
            double d2 = bracket != null && f.bracket() != null ? Math.abs(bracket - f.bracket().value()) : 0.0;
            double d = Math.max(d1, d2);
            boolean bad = d > TOLERANCE + EPS;
            rows.add(new SummaryRow(label, reportText, oursText,
                    bad ? String.format(Locale.ROOT, "DIFF %.4f", d) : "ok" + note, bad));
        }
        return new SummaryResult(rows, ours);
    }

    // ---------------------------------------------------------------- report deals vs harness deals.csv

    /** One difference between the two deal lists. */
    public record Mismatch(LocalDateTime time, String kind, Long reportDeal, Long harnessDeal, String detail) {
        @Override
        public String toString() {
            return DealsCsv.TIME.format(time) + "  " + kind
                    + (reportDeal == null ? "" : "  report #" + reportDeal)
                    + (harnessDeal == null ? "" : "  harness #" + harnessDeal)
                    + (detail.isEmpty() ? "" : "  " + detail);
        }
    }

    /** Totals side by side: label, report text, harness text, whether they differ beyond the tolerance. */
    public record TotalRow(String label, String report, String harness, boolean differs) {
    }

    public record DealsResult(int reportDeals, int harnessDeals, int matched, List<Mismatch> mismatches,
                              List<TotalRow> totals) {
        public boolean ok() {
            return mismatches.isEmpty() && totals.stream().noneMatch(TotalRow::differs);
        }
    }

    /**
     * Aligns the two deal lists by time (balance deals aside) and lists every difference.
     *
     * @param point the symbol's point; prices may differ by up to half of it
     */
    public static DealsResult deals(List<Deal> report, List<Deal> harness, double point) {
        List<Mismatch> out = new ArrayList<>();
        TreeMap<LocalDateTime, List<Deal>> a = byTime(report), b = byTime(harness);
        TreeMap<LocalDateTime, Boolean> times = new TreeMap<>();
        a.keySet().forEach(t -> times.put(t, true));
        b.keySet().forEach(t -> times.put(t, true));
        int matched = 0;
        for (LocalDateTime t : times.keySet()) {
            List<Deal> ra = a.getOrDefault(t, List.of());
            List<Deal> hb = new ArrayList<>(b.getOrDefault(t, List.of()));
            for (Deal x : ra) {
                int pick = -1;
                for (int i = 0; i < hb.size(); i++) { // prefer the same type and direction
                    if (hb.get(i).type() == x.type() && hb.get(i).entry() == x.entry()) {
                        pick = i;
                        break;
                    }
                }
                if (pick < 0 && !hb.isEmpty()) {
                    pick = 0;
                }
                if (pick < 0) {
                    out.add(new Mismatch(t, "missing in harness", x.deal(), null, describe(x)));
                    continue;
                }
                Deal y = hb.remove(pick);
                matched++;
                int before = out.size();
                if (x.type() != y.type()) {
                    out.add(new Mismatch(t, "direction", x.deal(), y.deal(),
                            x.type().label() + " vs " + y.type().label()));
                }
                if (x.entry() != y.entry()) {
                    out.add(new Mismatch(t, "entry", x.deal(), y.deal(),
                            "'" + x.entry().label() + "' vs '" + y.entry().label() + "'"));
                }
                if (Math.abs(x.volume() - y.volume()) > 1e-8) {
                    out.add(new Mismatch(t, "volume", x.deal(), y.deal(),
                            DealsCsv.plain(x.volume()) + " vs " + DealsCsv.plain(y.volume())));
                }
                if (Math.abs(x.price() - y.price()) > point / 2 + EPS) {
                    out.add(new Mismatch(t, "price", x.deal(), y.deal(),
                            DealsCsv.plain(x.price()) + " vs " + DealsCsv.plain(y.price())
                                    + String.format(Locale.ROOT, " (%.1f points)", (y.price() - x.price()) / point)));
                }
                money(out, t, "profit", x, y, x.profit(), y.profit());
                money(out, t, "commission", x, y, x.commission(), y.commission());
                money(out, t, "swap", x, y, x.swap(), y.swap());
                if (out.size() > before) {
                    matched--;
                }
            }
            for (Deal y : hb) {
                out.add(new Mismatch(t, "extra in harness", null, y.deal(), describe(y)));
            }
        }
        ReportSummary rs = Report.of(report, Double.NaN, null);
        boolean hasDeposit = !harness.isEmpty() && harness.get(0).type() == DealType.BALANCE;
        ReportSummary hs = Report.of(harness, hasDeposit ? Double.NaN : rs.initialDeposit(), null);
        List<TotalRow> totals = new ArrayList<>();
        List<SummaryFigures.Line> rl = SummaryFigures.of(rs), hl = SummaryFigures.of(hs);
        for (int i = 0; i < rl.size(); i++) {
            SummaryFigures.Line x = rl.get(i), y = hl.get(i);
            if (!x.available()) {
                continue;
            }
            boolean differs = Math.abs(x.main() - y.main()) > TOLERANCE + EPS
                    || (x.bracket() != null && Math.abs(x.bracket() - y.bracket()) > TOLERANCE + EPS);
            totals.add(new TotalRow(x.label(), x.text(), y.text(), differs));
        }
        totals.add(new TotalRow("Final Balance", SummaryFigures.money(rs.finalBalance()),
                SummaryFigures.money(hs.finalBalance()), Math.abs(rs.finalBalance() - hs.finalBalance()) > TOLERANCE + EPS));
        int nr = (int) report.stream().filter(d -> d.type() != DealType.BALANCE).count();
        int nh = (int) harness.stream().filter(d -> d.type() != DealType.BALANCE).count();
        return new DealsResult(nr, nh, matched, out, totals);
    }

    private static void money(List<Mismatch> out, LocalDateTime t, String what, Deal x, Deal y, double a, double b) {
        if (Math.abs(a - b) > TOLERANCE + EPS) {
            out.add(new Mismatch(t, what, x.deal(), y.deal(),
                    SummaryFigures.money(a) + " vs " + SummaryFigures.money(b)));
        }
    }

    private static String describe(Deal d) {
        return d.type().label() + " " + d.entry().label() + " " + DealsCsv.plain(d.volume()) + " @ "
                + DealsCsv.plain(d.price()) + ", profit " + SummaryFigures.money(d.profit());
    }

    private static TreeMap<LocalDateTime, List<Deal>> byTime(List<Deal> deals) {
        TreeMap<LocalDateTime, List<Deal>> m = new TreeMap<>();
        for (Deal d : deals) {
            if (d.type() != DealType.BALANCE) {
                m.computeIfAbsent(d.time(), k -> new ArrayList<>()).add(d);
            }
        }
        return m;
    }
}
