package com.llmea.signal;

import com.llmea.strategy.StrategyConfig;

/**
 * Opens the forecaster the config names (model directory, generation settings). Found with
 * {@link java.util.ServiceLoader}: the GPT-2 forecaster registers one in
 * {@code META-INF/services/com.llmea.signal.ForecasterProvider}; until then {@code strategy = llm} needs a
 * forecaster passed in by code.
 */
public interface ForecasterProvider {
    Forecaster open(StrategyConfig config) throws Exception;
}
