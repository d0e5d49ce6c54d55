package com.llmea.train;

/** Progress of a {@link Trainer} run (the CLI shows a progress bar; tests ignore it). */
public interface TrainListener {
    TrainListener NONE = new TrainListener() {
    };

    default void message(String line) {
    }

    default void start(long totalSteps, long startStep) {
    }

    default void step(StepInfo info) {
    }

    default void end() {
    }

    record StepInfo(long step, long totalSteps, int epoch, double loss, double lr, double gradNorm, double tokensPerSec,
                    Double valLoss) {
    }
}
