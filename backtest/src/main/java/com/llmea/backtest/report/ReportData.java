package com.llmea.backtest.report;

import com.llmea.backtest.Deal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything report.json and report.html show: a title, the run's settings as label → text (Expert,
 * Symbol, Period, ...), the deals, the per-bar curve if there is one, and the summary.
 */
public record ReportData(String title, Map<String, String> settings, List<Deal> deals, EquityCurve equity,
                         ReportSummary summary) {

    public ReportData {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        deals = List.copyOf(deals);
    }

    /** Computes the summary with {@link Report#of(List, double, EquityCurve)}. */
    public static ReportData of(String title, Map<String, String> settings, List<Deal> deals,
                                double initialDeposit, EquityCurve equity) {
        return new ReportData(title, settings, deals, equity, Report.of(deals, initialDeposit, equity));
    }
}
