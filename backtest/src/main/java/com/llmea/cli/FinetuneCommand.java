package com.llmea.cli;

import com.llmea.train.Packing;
import com.llmea.train.TrainListener;
import com.llmea.train.TrainOptions;
import com.llmea.train.Trainer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code llm-ea finetune}: full-parameter, LoRA or bottleneck-adapter fine-tuning of a GPT-2 model directory. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Fine-tune a GPT-2 model directory on a data set from 'llm-ea dataset'.",
                "Defaults follow Hugging Face Trainer (AdamW lr 5e-5, betas 0.9/0.999, eps 1e-8, linear decay,"
                        + " clipping at 1.0) and the original method (3 epochs, batch 32). See docs/fine-tuning.md."})
public final class FinetuneCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Base model directory (config.json, model.safetensors, tokenizer.json).")
    Path model;
    @Option(names = "--data", required = true, description = "Data set directory (train.txt, optional valid.txt).")
    Path data;
    @Option(names = {"--output", "-o"}, required = true, description = "Output directory (model or adapter, checkpoints, metrics.csv, loss.png).")
    Path output;

    @Option(names = "--method", defaultValue = "full", description = "full, lora or adapter (default ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--lora-r", defaultValue = "8", description = "LoRA rank (default ${DEFAULT-VALUE}).")
    int loraR;
    @Option(names = "--lora-alpha", defaultValue = "32", description = "LoRA alpha; scaling = alpha / r (default ${DEFAULT-VALUE}).")
    double loraAlpha;
    @Option(names = "--lora-dropout", defaultValue = "0.1", description = "Dropout on the LoRA input (default ${DEFAULT-VALUE}).")
    double loraDropout;
    @Option(names = "--lora-targets", defaultValue = "c_attn", split = ",", description = "Modules to adapt: c_attn, c_proj, c_fc (default ${DEFAULT-VALUE}).")
    List<String> loraTargets;
    @Option(names = "--merge", description = "LoRA: also write the merged full model to OUTPUT/merged.")
    boolean merge;
    @Option(names = "--adapter-size", defaultValue = "64", description = "Bottleneck adapter width (default ${DEFAULT-VALUE}).")
    int adapterSize;

    @Option(names = "--packing", defaultValue = "lines", description = "lines (one example per line + EOS, padded) or stream (HF TextDataset blocks) (default ${DEFAULT-VALUE}).")
    String packing;
    @Option(names = "--block-size", defaultValue = "0", description = "stream: block length (default 60); lines: longest example allowed (default n_positions).")
    int blockSize;
    @Option(names = "--batch-size", defaultValue = "32", description = "Examples per micro-batch (default ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--grad-accum", defaultValue = "1", description = "Micro-batches per optimizer step (default ${DEFAULT-VALUE}).")
    int gradAccum;
    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default ${DEFAULT-VALUE}).")
    double epochs;
    @Option(names = "--max-steps", defaultValue = "-1", description = "Optimizer steps; overrides --epochs when positive.")
    long maxSteps;
    @Option(names = "--max-time", defaultValue = "0", description = "Stop after this many minutes (0: no limit), with a final checkpoint and output.")
    double maxMinutes;
    @Option(names = "--lr", defaultValue = "5e-5", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--warmup-steps", defaultValue = "0", description = "Linear warmup steps (default ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--lr-schedule", defaultValue = "linear", description = "linear (decay to 0) or constant (default ${DEFAULT-VALUE}).")
    String schedule;
    @Option(names = "--weight-decay", defaultValue = "0", description = "AdamW weight decay, not on biases and LayerNorm weights (default ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--max-grad-norm", defaultValue = "1.0", description = "Global gradient-norm clipping; 0 turns it off (default ${DEFAULT-VALUE}).")
    double maxGradNorm;
    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation, shuffling and dropout (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-every", defaultValue = "0", description = "Validation every N steps (0: every epoch).")
    int evalEvery;
    @Option(names = "--eval-batches", defaultValue = "0", description = "Validation batches at most (0: all of valid.txt).")
    int evalBatches;
    @Option(names = "--patience", defaultValue = "0", description = "Early stop after N validations without improvement (0: off).")
    int patience;
    @Option(names = "--save-every", defaultValue = "0", description = "Checkpoint every N steps (0: only at the end).")
    int saveEvery;
    @Option(names = "--keep", defaultValue = "2", description = "Checkpoints kept, besides the best one (default ${DEFAULT-VALUE}).")
    int keep;
    @Option(names = "--resume", description = "Continue from the last checkpoint in OUTPUT.")
    boolean resume;
    @Option(names = "--last", description = "Write the last step's weights, not the best validation checkpoint's.")
    boolean last;
    @Option(names = "--device", defaultValue = "auto", description = "cpu, gpu, gpu:N or auto (default ${DEFAULT-VALUE}).")
    String device;
    @Option(names = "--no-progress", description = "Print a line per validation instead of a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        TrainOptions o = new TrainOptions();
        o.baseModel = model;
        o.dataset = data;
        o.output = output;
        o.method = TrainOptions.Method.valueOf(method.trim().toUpperCase(Locale.ROOT));
        o.loraR = loraR;
        o.loraAlpha = loraAlpha;
        o.loraDropout = loraDropout;
        o.loraTargets = loraTargets;
        o.merge = merge;
        o.adapterSize = adapterSize;
        o.packing = Packing.parse(packing);
        o.blockSize = blockSize;
        o.batchSize = batchSize;
        o.gradAccum = gradAccum;
        o.epochs = epochs;
        o.maxSteps = maxSteps;
        o.maxSeconds = maxMinutes * 60;
        o.lr = lr;
        o.warmupSteps = warmup;
        o.constantLr = schedule.equalsIgnoreCase("constant");
        if (!o.constantLr && !schedule.equalsIgnoreCase("linear")) {
            throw new IllegalArgumentException("--lr-schedule must be linear or constant");
        }
        o.weightDecay = weightDecay;
        o.maxGradNorm = maxGradNorm;
        o.seed = seed;
        o.evalEvery = evalEvery;
        o.evalBatches = evalBatches;
        o.patience = patience;
        o.saveEvery = saveEvery;
        o.keep = keep;
        o.resume = resume;
        o.loadBestAtEnd = !last;
        o.device = device;
        if (batchSize < 1 || gradAccum < 1) {
            throw new IllegalArgumentException("--batch-size and --grad-accum must be at least 1");
        }
        PrintStream err = System.err;
        Listener listener = new Listener(err, noProgress);
        try (Trainer t = new Trainer(o, listener)) {
            double val = t.run();
            err.printf(Locale.ROOT, "done: %d steps%s; output in %s%n", t.step(),
                    Double.isNaN(val) ? "" : String.format(Locale.ROOT, ", validation loss %.4f", val), output);
        }
        return 0;
    }

    /** A progress bar with epoch, step, loss and tokens/s (the bar shows the ETA). */
    static final class Listener implements TrainListener {
        private final PrintStream err;
        private final boolean plain;
        private ProgressBar bar;

        Listener(PrintStream err, boolean plain) {
            this.err = err;
            this.plain = plain;
        }

        @Override
        public void message(String line) {
            if (bar != null) {
                bar.pause();
            }
            err.println(line);
            if (bar != null) {
                bar.resume();
            }
        }

        @Override
        public void start(long totalSteps, long startStep) {
            if (!plain) {
                bar = new ProgressBarBuilder().setTaskName("finetune").setInitialMax(totalSteps)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                        .startsFrom(startStep, java.time.Duration.ZERO).build();
            }
        }

        @Override
        public void step(StepInfo s) {
            String msg = String.format(Locale.ROOT, "epoch %d loss %.4f%s lr %.2e %,.0f tok/s", s.epoch() + 1, s.loss(),
                    s.valLoss() == null ? "" : String.format(Locale.ROOT, " val %.4f", s.valLoss()), s.lr(),
                    s.tokensPerSec());
            if (bar != null) {
                bar.stepTo(s.step());
                bar.setExtraMessage(msg);
            } else if (s.valLoss() != null || s.step() == s.totalSteps()) {
                err.printf(Locale.ROOT, "step %d/%d %s%n", s.step(), s.totalSteps(), msg);
            }
        }

        @Override
        public void end() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
