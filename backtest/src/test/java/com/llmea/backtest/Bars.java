package com.llmea.backtest;

import com.llmea.data.Bar;
import com.llmea.data.BarSeries;
import com.llmea.strategy.ActionType;
import com.llmea.strategy.Decision;
import com.llmea.strategy.Position;
import com.llmea.strategy.Strategy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Small hand-made bar series and a scripted strategy for the tester's hand-computed cases. */
final class Bars {
    /** Monday 2024-01-01 00:00. */
    static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    private Bars() {
    }

    /** M5 bars from {@link #T0}; each row {open, high, low, close, spread}. Digits inferred (5 for these prices). */
    static BarSeries m5(String symbol, double[]... rows) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            bars.add(bar(T0.plusMinutes(5L * i), rows[i]));
        }
        return BarSeries.of(symbol, bars);
    }

    static Bar bar(LocalDateTime t, double[] r) {
        return new Bar(t, r[0], r[1], r[2], r[3], 10, 0, (int) r[4]);
    }

    /**
     * A strategy with lookback 1 that answers {@code actions[k]} at the k-th call (bar index k + 1), opening and
     * reversing {@code lots}, closing the whole position; NONE after the script ends. Records what it saw.
     */
    static final class Script implements Strategy {
        final ActionType[] actions;
        final double lots;
        final List<Position> seen = new ArrayList<>();
        int calls;

        Script(double lots, ActionType... actions) {
            this.actions = actions;
            this.lots = lots;
        }

        @Override
        public int lookback() {
            return 1;
        }

        @Override
        public Decision onBar(long barTime, double[] closes, Position position) {
            seen.add(position);
            ActionType a = calls < actions.length ? actions[calls] : ActionType.NONE;
            calls++;
            return switch (a) {
                case NONE -> Decision.none("script");
                case CLOSE -> Decision.of(a, position.volume(), "script");
                default -> Decision.of(a, lots, "script");
            };
        }
    }

    static Script script(ActionType... actions) {
        return new Script(0.1, actions);
    }
}
