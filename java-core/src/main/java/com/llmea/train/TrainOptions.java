package com.llmea.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything {@link Trainer} needs; defaults follow Hugging Face Trainer and the original method. */
public final class TrainOptions {
    public enum Method { FULL, LORA, ADAPTER }

    public Path baseModel;
    public Path dataset;
    public Path output;

    public Method method = Method.FULL;
    public int loraR = 8;
    public double loraAlpha = 32;
    public double loraDropout = 0.1;
    public List<String> loraTargets = new ArrayList<>(List.of("c_attn"));
    public boolean merge;
    public int adapterSize = 64;

    public Packing packing = Packing.LINES;
    /** Stream: block length (HF TextDataset, default 60). Lines: the longest allowed example (0 = n_positions). */
    public int blockSize = 0;

    public int batchSize = 32;
    public int gradAccum = 1;
    public double epochs = 3;
    /** Optimizer steps; overrides epochs when positive. */
    public long maxSteps = -1;
    public double lr = 5e-5;
    public int warmupSteps = 0;
    public boolean constantLr;
    public double weightDecay = 0;
    /** Weight decay on every parameter (torch AdamW) instead of HF Trainer's "not biases and LayerNorm weights". */
    public boolean decayAll;
    public double beta1 = 0.9;
    public double beta2 = 0.999;
    public double eps = 1e-8;
    public double maxGradNorm = 1.0;
    public long seed = 42;

    /** Validation every N optimizer steps (0: at the end of every epoch); needs a non-empty valid.txt. */
    public int evalEvery = 0;
    /** Stop after this many validations without improvement (0: never). */
    public int patience = 0;
    /** Validation batches at most (0: the whole valid.txt). */
    public int evalBatches = 0;
    /** Checkpoint every N optimizer steps (0: only at the end). */
    public int saveEvery = 0;
    /** Checkpoints kept (the best one is kept apart). */
    public int keep = 2;
    public boolean resume;
    /** The final model is the best validation checkpoint rather than the last step (when validation ran). */
    public boolean loadBestAtEnd = true;
    /** Stop after this many optimizer steps of this run (testing a crash; 0: off). Leaves no final output. */
    public long stopAfter = 0;
    /** Stop (with a final checkpoint and output) once this many seconds have passed (0: no limit). */
    public double maxSeconds = 0;

    public String device = "auto";
}
