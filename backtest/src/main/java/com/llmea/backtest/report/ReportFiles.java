package com.llmea.backtest.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.llmea.backtest.Deal;
import com.llmea.backtest.DealsCsv;
import com.llmea.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's report: {@code report.json} (the summary, for machines) and {@code report.html} (for
 * people: one self-contained file with inline CSS, the charts embedded as base64 PNG, the results laid
 * out like MetaTrader's, and the deal table). Both are written atomically.
 */
public final class ReportFiles {
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";

    private ReportFiles() {
    }

    /** Writes report.json and report.html into {@code dir}. */
    public static void write(Path dir, ReportData d) throws IOException {
        AtomicFiles.writeString(dir.resolve(JSON), json(d));
        AtomicFiles.writeString(dir.resolve(HTML), html(d));
    }

    // ---------------------------------------------------------------- JSON

    /** The summary with every figure by name (percentages in percent), plus the derived percentages. */
    public static String json(ReportData d) {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
                .registerTypeAdapter(Double.class, TRIMMED).registerTypeAdapter(double.class, TRIMMED).create();
        ReportSummary s = d.summary();
        JsonObject root = new JsonObject();
        root.addProperty("title", d.title());
        root.add("settings", gson.toJsonTree(d.settings()));
        JsonObject sum = gson.toJsonTree(s).getAsJsonObject();
        sum.addProperty("shortTradesWonPercent", s.shortTradesWonPercent());
        sum.addProperty("longTradesWonPercent", s.longTradesWonPercent());
        sum.addProperty("profitTradesPercent", s.profitTradesPercent());
        sum.addProperty("lossTradesPercent", s.lossTradesPercent());
        root.add("summary", sum);
        root.addProperty("sharpeRatioDefinition",
                "mean / sample standard deviation of per-trade returns (trade result / balance before it), not annualised");
        root.addProperty("deals", d.deals().size());
        root.addProperty("bars", d.equity() == null ? 0 : d.equity().size());
        return gson.toJson(root) + "\n";
    }

    /**
     * Doubles with the float noise of long sums trimmed: rounded to 8 decimals (1570.7100000000003 is
     * written 1570.71); DBL_MAX (a profit factor without losses) stays as it is.
     */
    private static final com.google.gson.JsonSerializer<Double> TRIMMED = (v, type, ctx) -> {
        if (v == null) {
            return com.google.gson.JsonNull.INSTANCE;
        }
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= 1e15) {
            return new com.google.gson.JsonPrimitive(v);
        }
        return new com.google.gson.JsonPrimitive(java.math.BigDecimal.valueOf(v)
                .setScale(8, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros());
    };

    // ---------------------------------------------------------------- HTML

    public static String html(ReportData d) throws IOException {
        ReportSummary s = d.summary();
        Map<String, SummaryFigures.Line> lines = new java.util.LinkedHashMap<>();
        for (SummaryFigures.Line l : SummaryFigures.of(s)) {
            lines.put(l.label(), l);
        }
        StringBuilder h = new StringBuilder(64 * 1024 + d.deals().size() * 300);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(d.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(d.title())).append("</h1>\n");

        h.append("<h2>Settings</h2>\n<table class=\"kv\">\n");
        for (Map.Entry<String, String> e : d.settings().entrySet()) {
            h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append(":</td><td><b>")
                    .append(esc(e.getValue())).append("</b></td></tr>\n");
        }
        h.append("<tr><td class=\"l\">Initial Deposit:</td><td><b>").append(SummaryFigures.money(s.initialDeposit()))
                .append("</b></td></tr>\n</table>\n");

        h.append("<h2>Results</h2>\n<table class=\"res\">\n");
        for (String[] row : SummaryFigures.layout()) {
            if (row.length == 0) {
                h.append("<tr class=\"gap\"><td colspan=\"6\"></td></tr>\n");
                continue;
            }
            h.append("<tr>");
            for (String label : row) {
                SummaryFigures.Line l = label == null ? null : lines.get(label);
                if (l == null) {
                    h.append("<td class=\"l\"></td><td></td>");
                } else {
                    String cls = l.available() ? "" : " class=\"na\" title=\"needs the per-bar equity curve\"";
                    h.append("<td class=\"l\">").append(esc(label)).append(":</td><td").append(cls).append("><b>")
                            .append(esc(l.text())).append("</b></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Definitions as in MetaTrader 5's testing report (see docs/report.md)."
                + " Sharpe ratio: mean / standard deviation of per-trade returns, not annualised (our formula).");
        if (!s.hasEquity()) {
            h.append(" Equity figures are n/a: this report was made from deals alone, without the per-bar equity curve.");
        }
        h.append("</p>\n");

        h.append("<h2>Balance").append(d.equity() == null ? "" : " and equity").append("</h2>\n");
        h.append(img(ReportCharts.balancePng(d, 1000, 340), "Balance" + (d.equity() == null ? "" : " and equity")));
        h.append("<h2>Drawdown</h2>\n");
        h.append(img(ReportCharts.drawdownPng(d, 1000, 220), "Drawdown in percent of the running peak"));

        h.append("<h2>Deals</h2>\n<table class=\"deals\">\n<tr>");
        for (String c : DealsCsv.HEADER) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr>\n");
        List<Deal> deals = d.deals();
        int digits = DealsCsv.digits(deals);
        for (Deal x : deals) {
            boolean bal = x.type() == Deal.DealType.BALANCE;
            double net = x.net();
            String cls = bal ? "bal" : x.entry() == Deal.DealEntry.IN ? "" : net > 0 ? "win" : net < 0 ? "loss" : "";
            h.append("<tr").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append(">")
                    .append("<td>").append(DealsCsv.TIME.format(x.time())).append("</td>")
                    .append("<td>").append(x.deal()).append("</td>")
                    .append("<td>").append(esc(x.symbol())).append("</td>")
                    .append("<td>").append(x.type().label()).append("</td>")
                    .append("<td>").append(x.entry().label()).append("</td>")
                    .append("<td>").append(bal ? "" : DealsCsv.plain(x.volume())).append("</td>")
                    .append("<td>").append(bal ? "" : String.format(java.util.Locale.ROOT, "%." + digits + "f", x.price())).append("</td>")
                    .append("<td>").append(bal ? "" : Long.toString(x.order())).append("</td>")
                    .append("<td>").append(SummaryFigures.money(x.commission())).append("</td>")
                    .append("<td>").append(SummaryFigures.money(x.swap())).append("</td>")
                    .append("<td>").append(SummaryFigures.money(x.profit())).append("</td>")
                    .append("<td>").append(SummaryFigures.money(x.balance())).append("</td>")
                    .append("<td class=\"c\">").append(esc(x.comment())).append("</td></tr>\n");
        }
        h.append("<tr class=\"tot\"><td colspan=\"8\"></td><td>").append(SummaryFigures.money(s.totalCommission()))
                .append("</td><td>").append(SummaryFigures.money(s.totalSwap())).append("</td><td>")
                .append(SummaryFigures.money(s.totalNetProfit() - s.totalCommission() - s.totalSwap()))
                .append("</td><td>").append(SummaryFigures.money(s.finalBalance())).append("</td><td></td></tr>\n");
        h.append("</table>\n<p class=\"note\">Generated by llm-ea.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String img(byte[] png, String alt) {
        return "<img class=\"chart\" alt=\"" + esc(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">\n";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font: 13px Tahoma, Arial, sans-serif; margin: 16px auto; max-width: 1040px; color: #222; }
            h1 { font-size: 20px; text-align: center; margin: 8px 0 2px; }
            h2 { font-size: 14px; text-align: center; margin: 18px 0 6px; }
            table { border-collapse: collapse; margin: 0 auto; }
            td, th { padding: 2px 6px; white-space: nowrap; }
            table.kv td.l, table.res td.l { text-align: right; color: #444; }
            table.res td { text-align: right; }
            table.res td.l { padding-left: 18px; }
            table.res tr.gap td { height: 8px; }
            td.na { color: #999; }
            img.chart { display: block; margin: 0 auto; border: 1px solid #ccc; max-width: 100%; }
            table.deals { font-size: 12px; }
            table.deals th { background: #E5F0FC; }
            table.deals td { text-align: right; border-bottom: 1px solid #eee; }
            table.deals td.c { text-align: left; }
            table.deals tr:nth-child(even) { background: #F7F7F7; }
            table.deals tr.win td:nth-child(11) { color: #1a7f37; }
            table.deals tr.loss td:nth-child(11) { color: #c0392b; }
            table.deals tr.bal { background: #FFF8E1; }
            table.deals tr.tot td { font-weight: bold; border-top: 2px solid #ccc; }
            p.note { text-align: center; color: #777; font-size: 11px; }
            """;
}
