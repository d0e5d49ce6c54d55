package com.llmea.bridge;

import com.llmea.strategy.Decision;
import com.llmea.strategy.Position;
import com.llmea.strategy.Strategy;

/** The trivial decision the bridge's overhead is measured on: always NONE, a constant reason, no forecast. */
public final class NoopStrategy implements Strategy {
    private static final Decision NONE = Decision.none("noop");

    @Override
    public int lookback() {
        return 20;
    }

    @Override
    public Decision onBar(long barTime, double[] closes, Position position) {
        return NONE;
    }
}
