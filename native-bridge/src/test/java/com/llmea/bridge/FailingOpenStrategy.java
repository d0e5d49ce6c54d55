package com.llmea.bridge;

import com.llmea.strategy.Decision;
import com.llmea.strategy.Position;
import com.llmea.strategy.Strategy;
import com.llmea.strategy.StrategyConfig;

/** Test strategy whose constructor throws: llmea_open must answer LLMEA_ERR_JAVA with the message. */
public final class FailingOpenStrategy implements Strategy {
    public FailingOpenStrategy(StrategyConfig config) {
        throw new IllegalStateException("model file is corrupt (test)");
    }

    @Override
    public int lookback() {
        return 1;
    }

    @Override
    public Decision onBar(long barTime, double[] closes, Position position) {
        return Decision.none("unreachable");
    }
}
