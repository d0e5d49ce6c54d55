package com.llmea.bridge;

import com.llmea.strategy.ActionType;
import com.llmea.strategy.Decision;
import com.llmea.strategy.Position;
import com.llmea.strategy.Strategy;
import com.llmea.strategy.StrategyConfig;

/**
 * Test strategy: a pure function of its inputs, so every call's result can be predicted and compared across
 * threads. Buys when the last close is above the first and it is flat, sells when below, closes after
 * {@code echo.hold} bars; the reason echoes every input, the forecast is the last close and its double.
 * A last close of 999 makes it sleep {@code echo.sleep_ms}; 777 makes it throw; {@code echo.open_sleep_ms}
 * makes opening slow.
 */
public final class EchoStrategy implements Strategy {
    private final int lookback;
    private final double volume;
    private final int hold;
    private final long sleepMs;

    public EchoStrategy(StrategyConfig config) {
        lookback = config.integer("echo.lookback", 3);
        volume = config.number("echo.volume", 0.1);
        hold = config.integer("echo.hold", 5);
        sleepMs = config.integer("echo.sleep_ms", 0);
        int openSleep = config.integer("echo.open_sleep_ms", 0);
        if (openSleep > 0) { // a model that takes long to load
            try {
                Thread.sleep(openSleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int lookback() {
        return lookback;
    }

    @Override
    public Decision onBar(long barTime, double[] closes, Position position) {
        if (closes.length != lookback) {
            throw new IllegalStateException("got " + closes.length + " closes, expected " + lookback);
        }
        double first = closes[0];
        double last = closes[closes.length - 1];
        if (last == 999 && sleepMs > 0) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (last == 777) {
            throw new IllegalStateException("echo asked to fail at " + barTime);
        }
        ActionType action;
        if (position.isFlat()) {
            action = last > first ? ActionType.OPEN_BUY : last < first ? ActionType.OPEN_SELL : ActionType.NONE;
        } else if (position.barsHeld() >= hold) {
            action = ActionType.CLOSE;
        } else {
            action = ActionType.NONE;
        }
        String reason = "echo t=" + barTime + " n=" + closes.length + " first=" + first + " last=" + last + " side="
                + position.side() + " vol=" + position.volume() + " price=" + position.openPrice() + " held="
                + position.barsHeld();
        return new Decision(action, action == ActionType.NONE || action == ActionType.CLOSE ? 0 : volume, reason,
                new double[] {last, last * 2});
    }
}
