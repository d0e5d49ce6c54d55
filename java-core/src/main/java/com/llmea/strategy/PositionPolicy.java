package com.llmea.strategy;

import com.llmea.signal.Direction;

/**
 * The position policy every built-in strategy shares (docs/strategy.md): one position per symbol; a
 * signal opens one when flat; an opposite signal closes it, or with {@code reverse} closes it and opens
 * the opposite one (REVERSE); a position held {@code maxBars} bars or more is closed; a signal in the
 * direction already held, or HOLD, does nothing. Stop-loss and take-profit distances (points, 0 = none)
 * travel with the policy because the executor (tester emulation or EA) places them at the fill.
 */
public record PositionPolicy(double lots, boolean reverse, int stopLossPoints, int takeProfitPoints, int maxBars) {

    public PositionPolicy {
        if (!(lots > 0)) {
            throw new IllegalArgumentException("lots must be > 0, got " + lots);
        }
        if (stopLossPoints < 0 || takeProfitPoints < 0 || maxBars < 0) {
            throw new IllegalArgumentException("stop_loss_points, take_profit_points and max_bars must be >= 0");
        }
    }

    public static PositionPolicy from(StrategyConfig c) {
        return new PositionPolicy(c.number("lots", 0.1), c.bool("reverse", false), c.integer("stop_loss_points", 0),
                c.integer("take_profit_points", 0), c.integer("max_bars", 0));
    }

    public PositionPolicy withLots(double newLots) {
        return new PositionPolicy(newLots, reverse, stopLossPoints, takeProfitPoints, maxBars);
    }

    /** The decision for a signal given the position held. */
    public Decision decide(Direction signal, Position pos, String reason, double[] forecast) {
        if (!pos.isFlat()) {
            boolean opposite = (pos.side() == Side.LONG && signal == Direction.SELL)
                    || (pos.side() == Side.SHORT && signal == Direction.BUY);
            if (opposite) {
                return reverse
                        ? new Decision(ActionType.REVERSE, lots, reason + "; reverse", forecast)
                        : new Decision(ActionType.CLOSE, pos.volume(), reason + "; close on opposite signal", forecast);
            }
            if (maxBars > 0 && pos.barsHeld() >= maxBars) {
                return new Decision(ActionType.CLOSE, pos.volume(),
                        reason + "; close: held " + pos.barsHeld() + " bars >= max_bars " + maxBars, forecast);
            }
            return new Decision(ActionType.NONE, 0, reason, forecast);
        }
        return switch (signal) {
            case BUY -> new Decision(ActionType.OPEN_BUY, lots, reason, forecast);
            case SELL -> new Decision(ActionType.OPEN_SELL, lots, reason, forecast);
            case HOLD -> new Decision(ActionType.NONE, 0, reason, forecast);
        };
    }
}
