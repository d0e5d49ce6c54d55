package com.llmea.backtest;

import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.strategy.PositionPolicy;
import com.llmea.strategy.StrategyConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Set;

/**
 * The tester's settings from the {@code tester.*} keys of the strategy config file (docs/strategy.md): what the
 * MetaTrader tester takes from its settings tab and the broker's symbol specification. The strategy ignores
 * these keys; the bridge never reads them.
 */
public final class TesterConfig {
    private TesterConfig() {
    }

    /** Every {@code tester.*} key; another one is an error, so a typo does not silently change a test. */
    public static final Set<String> KEYS = Set.of("tester.deposit", "tester.hedging", "tester.account_currency",
            "tester.symbol", "tester.base_currency", "tester.profit_currency", "tester.conversion_rate",
            "tester.contract_size", "tester.volume_min", "tester.volume_step", "tester.volume_max",
            "tester.commission_per_lot", "tester.swap_long", "tester.swap_short", "tester.triple_swap_day",
            "tester.conversion_bars", "tester.conversion_invert");

    public static TesterSettings settings(StrategyConfig c, BarSeries bars) {
        for (String k : c.keys()) {
            if (k.startsWith("tester.") && !KEYS.contains(k)) {
                throw new IllegalArgumentException((c.file() == null ? "config" : c.file().getFileName()) + ": unknown key '"
                        + k + "' (tester keys: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        SymbolSpec base = SymbolSpec.forex(c.string("tester.symbol", bars.symbol()), bars.digits());
        String account = c.string("tester.account_currency", "USD").toUpperCase(Locale.ROOT);
        SymbolSpec spec = new SymbolSpec(base.name(), bars.digits(),
                c.number("tester.contract_size", base.contractSize()),
                c.number("tester.volume_min", base.volumeMin()),
                c.number("tester.volume_step", base.volumeStep()),
                c.number("tester.volume_max", base.volumeMax()),
                c.string("tester.base_currency", base.baseCurrency()).toUpperCase(Locale.ROOT),
                c.string("tester.profit_currency", base.profitCurrency()).toUpperCase(Locale.ROOT),
                account,
                c.number("tester.conversion_rate", 0),
                c.number("tester.commission_per_lot", 0),
                c.number("tester.swap_long", 0),
                c.number("tester.swap_short", 0),
                day(c.string("tester.triple_swap_day", "wednesday")));
        PositionPolicy policy = PositionPolicy.from(c);
        RateSeries rates = null;
        String conv = c.string("tester.conversion_bars", "");
        if (!conv.isEmpty()) {
            try {
                rates = new RateSeries(BarReader.read(c.resolve(conv)).series(), c.bool("tester.conversion_invert", false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TesterSettings(spec, c.number("tester.deposit", 10_000), c.bool("tester.hedging", false),
                policy.stopLossPoints(), policy.takeProfitPoints(), Long.MIN_VALUE, Long.MAX_VALUE, null, rates);
    }

    static DayOfWeek day(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || d.name().substring(0, 3).equals(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException("tester.triple_swap_day must be a weekday (e.g. wednesday), got '" + s + "'");
    }
}
