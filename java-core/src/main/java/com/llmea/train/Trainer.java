package com.llmea.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Tokenizer;
import com.llmea.model.ModelDir;
import com.llmea.model.SafeTensors;
import com.llmea.util.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code llm-ea finetune}: a GPT-2 model directory and a data set directory ({@code train.txt}, optional
 * {@code valid.txt}) in, a fine-tuned model (or adapter) directory out, with checkpoints, {@code metrics.csv} and
 * {@code loss.png}.
 *
 * <p>Determinism and resume: epoch e visits the examples in the order of a {@link Random} seeded with
 * {@code seed + e}; before optimizer step k libtorch's generator (dropout) is seeded with a value derived from
 * {@code seed} and k. A checkpoint after step k therefore holds everything that decides the rest of the run:
 * the trainable weights, AdamW's moments, k, the epoch and the batch position (and, for inspection, that epoch's
 * order). Resuming from it reproduces the uninterrupted run's weights bit for bit (same device and threads).
 */
public final class Trainer implements AutoCloseable {
    public static final String CHECKPOINTS = "checkpoints";
    public static final String METRICS = "metrics.csv";
    public static final String CHART = "loss.png";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final TrainOptions o;
    private final TrainListener listener;
    private final Gpt2 model;
    private final Gpt2Tokenizer tokenizer;
    private final Lora lora;
    private final BottleneckAdapters bottleneck;
    private final Map<String, NDArray> trainable;
    private final List<long[]> train;
    private final List<long[]> valid;
    private final int eos;
    private final long stepsPerEpoch;
    private final long totalSteps;
    private final LrSchedule schedule;
    private final AdamW opt;
    private final TrainStep.Timing timing = new TrainStep.Timing();
    private final List<double[]> trainCurve = new ArrayList<>();
    private final List<double[]> valCurve = new ArrayList<>();

    private long step;
    private int epoch;
    private int batchPos;
    private double bestVal = Double.POSITIVE_INFINITY;
    private long bestStep = -1;
    private int badEvals;
    private boolean stoppedEarly;
    private long tokensSeen;

    public Trainer(TrainOptions options, TrainListener listener) throws IOException {
        this.o = options;
        this.listener = listener == null ? TrainListener.NONE : listener;
        Device device = device(o.device);
        this.model = ModelDir.load(o.baseModel, device, DataType.FLOAT32);
        try {
            this.tokenizer = Gpt2Tokenizer.load(o.baseModel);
            this.eos = ModelDir.eosTokenId(o.baseModel, model.config());
            int block = o.blockSize > 0 ? o.blockSize : (o.packing == Packing.STREAM ? 60 : model.config().nPositions);
            if (block > model.config().nPositions) {
                throw new IllegalArgumentException("--block-size " + block + " exceeds n_positions " + model.config().nPositions);
            }
            Path trainTxt = o.dataset.resolve("train.txt");
            if (!Files.isRegularFile(trainTxt)) {
                throw new IOException(o.dataset + " has no train.txt (make one with llm-ea dataset)");
            }
            this.train = o.packing.examples(trainTxt, tokenizer, block, eos);
            if (train.isEmpty()) {
                throw new IOException(trainTxt + " gives no training examples");
            }
            Path validTxt = o.dataset.resolve("valid.txt");
            this.valid = Files.isRegularFile(validTxt) && Files.size(validTxt) > 0
                    ? o.packing.examples(validTxt, tokenizer, block, eos) : List.of();

            switch (o.method) {
                case LORA -> {
                    lora = Lora.create(model, o.loraR, o.loraAlpha, o.loraDropout, o.loraTargets, o.seed);
                    bottleneck = null;
                    model.setAdapters(lora);
                    trainable = lora.parameters();
                }
                case ADAPTER -> {
                    lora = null;
                    bottleneck = BottleneckAdapters.create(model, o.adapterSize, o.seed);
                    model.setAdapters(bottleneck);
                    trainable = bottleneck.parameters();
                }
                default -> {
                    lora = null;
                    bottleneck = null;
                    trainable = model.parameters();
                }
            }
            trainable.values().forEach(p -> p.setRequiresGradient(true));
            long batches = (train.size() + o.batchSize - 1) / o.batchSize;
            this.stepsPerEpoch = Math.max(1, (batches + o.gradAccum - 1) / o.gradAccum);
            this.totalSteps = o.maxSteps > 0 ? o.maxSteps : (long) Math.ceil(o.epochs * stepsPerEpoch);
            this.schedule = o.constantLr ? new LrSchedule(o.lr, o.warmupSteps, Long.MAX_VALUE, false)
                    : LrSchedule.linear(o.lr, o.warmupSteps, totalSteps);
            this.opt = new AdamW(trainable, o.beta1, o.beta2, o.eps, o.weightDecay,
                    o.decayAll ? n -> true : AdamW::hfDecay);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    static Device device(String s) {
        if (s == null || s.equals("auto")) {
            return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        return ModelDir.parseDevice(s);
    }

    public Gpt2 model() {
        return model;
    }

    public long totalSteps() {
        return totalSteps;
    }

    public long step() {
        return step;
    }

    public TrainStep.Timing timing() {
        return timing;
    }

    public Map<String, NDArray> trainable() {
        return trainable;
    }

    /** PEFT's summary line. */
    public String parameterSummary() {
        long t = 0;
        for (NDArray a : trainable.values()) {
            t += a.size();
        }
        long all = 0;
        for (NDArray a : model.parameters().values()) {
            all += a.size();
        }
        if (o.method != TrainOptions.Method.FULL) {
            all += t;
        }
        return String.format(Locale.ROOT, "trainable params: %,d || all params: %,d || trainable%%: %.4f", t, all,
                100.0 * t / all);
    }

    /** Runs (or resumes) training and writes the output directory. Returns the final validation loss or NaN. */
    public double run() throws IOException {
        Files.createDirectories(o.output);
        Path ckDir = o.output.resolve(CHECKPOINTS);
        if (o.resume) {
            Path last = lastCheckpoint(ckDir);
            if (last == null) {
                listener.message("no checkpoint in " + ckDir + ": starting from the beginning");
            } else {
                restore(last);
                listener.message("resumed from " + last + " (step " + step + ")");
            }
        } else if (Files.isDirectory(ckDir) && lastCheckpoint(ckDir) != null) {
            throw new IOException(o.output + " already has checkpoints: pass --resume to continue, or another --output");
        }
        rewriteMetrics();
        listener.message(parameterSummary());
        listener.message(String.format(Locale.ROOT, "%d training examples (%s packing), %d validation; %d steps of"
                        + " %d x %d examples (%d per epoch)", train.size(), o.packing.name().toLowerCase(Locale.ROOT),
                valid.size(), totalSteps, o.batchSize, o.gradAccum, stepsPerEpoch));
        listener.start(totalSteps, step);
        long runSteps = 0;
        long t0 = System.nanoTime();
        long tok0 = tokensSeen;
        double lastVal = Double.NaN;
        try {
            while (step < totalSteps && !stoppedEarly) {
                int[] order = order(epoch);
                int nb = (order.length + o.batchSize - 1) / o.batchSize;
                if (batchPos >= nb) {
                    epoch++;
                    batchPos = 0;
                    continue;
                }
                List<Batch> group = new ArrayList<>();
                while (group.size() < o.gradAccum && batchPos < nb) {
                    group.add(batch(order, batchPos++));
                }
                double loss = 0;
                double norm;
                double lr = schedule.at(step);
                long tokens = 0;
                JniUtils.setSeed(o.seed * 1_000_003L + step);
                try (NDScope scope = new NDScope(); NDManager scratch = model.manager().newSubManager()) {
                    scope.suppressNotUsedWarning();
                    for (Batch b : group) {
                        loss += TrainStep.forwardBackward(model, b, 1.0 / group.size(), timing) / group.size();
                        tokens += b.tokens();
                    }
                    long ts = System.nanoTime();
                    List<NDArray> grads = opt.gradients(scratch);
                    norm = AdamW.globalNorm(grads);
                    opt.update(grads, lr, AdamW.clipCoefficient(norm, o.maxGradNorm));
                    timing.optimizerNs += System.nanoTime() - ts;
                }
                opt.zeroGrad();
                timing.steps++;
                step++;
                runSteps++;
                tokensSeen += tokens;
                if (batchPos >= nb) {
                    epoch++;
                    batchPos = 0;
                }
                Double val = null;
                boolean epochEnd = batchPos == 0;
                double secs = (System.nanoTime() - t0) / 1e9;
                boolean timeUp = o.maxSeconds > 0 && secs >= o.maxSeconds;
                if (!valid.isEmpty() && ((o.evalEvery > 0 && step % o.evalEvery == 0)
                        || (o.evalEvery <= 0 && epochEnd) || step == totalSteps || timeUp)) {
                    val = validationLoss();
                    lastVal = val;
                    valCurve.add(new double[]{step, val});
                    if (val < bestVal) {
                        bestVal = val;
                        bestStep = step;
                        badEvals = 0;
                        saveBest();
                    } else if (o.patience > 0 && ++badEvals >= o.patience) {
                        stoppedEarly = true;
                        listener.message(String.format(Locale.ROOT, "early stop at step %d: validation loss has not"
                                + " improved for %d evaluations (best %.4f at step %d)", step, badEvals, bestVal, bestStep));
                    }
                }
                double tps = (tokensSeen - tok0) / Math.max(1e-9, secs);
                trainCurve.add(new double[]{step, loss});
                appendMetrics(step, epoch, loss, val, lr, norm, tps);
                listener.step(new TrainListener.StepInfo(step, totalSteps, epoch, loss, lr, norm, tps, val));
                if (val != null) {
                    chart();
                }
                if (timeUp && step < totalSteps) {
                    listener.message(String.format(Locale.ROOT, "time limit of %.0f s reached at step %d", o.maxSeconds, step));
                }
                boolean last = step >= totalSteps || stoppedEarly || timeUp;
                if ((o.saveEvery > 0 && step % o.saveEvery == 0) || last) {
                    checkpoint();
                }
                if (o.stopAfter > 0 && runSteps >= o.stopAfter && !last) {
                    listener.end();
                    return lastVal; // simulated crash: no final output
                }
                if (timeUp) {
                    break;
                }
            }
        } finally {
            listener.end();
        }
        chart();
        writeOutput();
        return lastVal;
    }

    // ---------------------------------------------------------------- data

    int[] order(int e) {
        int[] idx = new int[train.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Random r = new Random(o.seed + e);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    private Batch batch(int[] order, int pos) {
        List<long[]> rows = new ArrayList<>();
        for (int i = pos * o.batchSize; i < Math.min(order.length, (pos + 1) * o.batchSize); i++) {
            rows.add(train.get(order[i]));
        }
        return Packing.batch(rows, eos);
    }

    /** Token-weighted mean loss over valid.txt (no dropout, no gradients). */
    public double validationLoss() {
        double sum = 0;
        long count = 0;
        int bs = o.batchSize;
        int batches = 0;
        for (int i = 0; i < valid.size(); i += bs) {
            if (o.evalBatches > 0 && batches++ >= o.evalBatches) {
                break;
            }
            Batch b = Packing.batch(valid.subList(i, Math.min(valid.size(), i + bs)), eos);
            long n = 0;
            for (long[] row : b.labels()) {
                for (int t = 1; t < row.length; t++) {
                    if (row[t] != -100) {
                        n++;
                    }
                }
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                sum += TrainStep.loss(model, b, false).getFloat() * (double) n;
            }
            count += n;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    // ---------------------------------------------------------------- checkpoints

    private JsonObject state() {
        JsonObject s = new JsonObject();
        s.addProperty("step", step);
        s.addProperty("epoch", epoch);
        s.addProperty("batch_position", batchPos);
        s.addProperty("tokens_seen", tokensSeen);
        s.addProperty("best_val_loss", bestVal);
        s.addProperty("best_step", bestStep);
        s.addProperty("bad_evals", badEvals);
        s.addProperty("stopped_early", stoppedEarly);
        s.addProperty("seed", o.seed);
        s.addProperty("rng", "epoch order: java.util.Random(seed + epoch) Fisher-Yates; dropout: libtorch seed"
                + " seed*1000003 + step before each step");
        s.addProperty("method", o.method.name().toLowerCase(Locale.ROOT));
        s.addProperty("total_steps", totalSteps);
        s.add("epoch_order", GSON.toJsonTree(order(epoch)));
        return s;
    }

    private void checkpoint() throws IOException {
        Path dir = o.output.resolve(CHECKPOINTS);
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format(Locale.ROOT, "checkpoint-%08d", step));
        writeCheckpoint(target, true);
        prune(dir);
    }

    private void saveBest() throws IOException {
        Path dir = o.output.resolve(CHECKPOINTS);
        Files.createDirectories(dir);
        writeCheckpoint(dir.resolve("best"), false);
    }

    private void writeCheckpoint(Path target, boolean withOptimizer) throws IOException {
        Path tmp = Files.createTempDirectory(target.getParent(), ".tmp-" + target.getFileName());
        try {
            SafeTensors.write(tmp.resolve("trainable.safetensors"), trainable);
            if (withOptimizer) {
                SafeTensors.write(tmp.resolve("optimizer.safetensors"), opt.state());
            }
            JsonObject s = state();
            s.addProperty("optimizer_step", opt.step());
            Files.writeString(tmp.resolve("state.json"), GSON.toJson(s) + "\n");
            if (Files.exists(target)) {
                Path old = target.resolveSibling(".old-" + target.getFileName() + "-" + System.nanoTime());
                Files.move(target, old);
                move(tmp, target);
                deleteTree(old);
            } else {
                move(tmp, target);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    static Path lastCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("checkpoint-"))
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }

    private void prune(Path dir) throws IOException {
        List<Path> cks;
        try (Stream<Path> s = Files.list(dir)) {
            cks = s.filter(p -> p.getFileName().toString().startsWith("checkpoint-"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        for (int i = 0; i < cks.size() - Math.max(1, o.keep); i++) {
            deleteTree(cks.get(i));
        }
    }

    private void restore(Path ck) throws IOException {
        JsonObject s = JsonParser.parseString(Files.readString(ck.resolve("state.json"))).getAsJsonObject();
        try (NDManager m = model.manager().newSubManager()) {
            loadInto(trainable, SafeTensors.read(ck.resolve("trainable.safetensors"), m), ck);
            Map<String, NDArray> st = SafeTensors.read(ck.resolve("optimizer.safetensors"), m);
            opt.restore(s.get("optimizer_step").getAsLong(), st, st);
        }
        step = s.get("step").getAsLong();
        epoch = s.get("epoch").getAsInt();
        batchPos = s.get("batch_position").getAsInt();
        tokensSeen = s.get("tokens_seen").getAsLong();
        bestVal = s.get("best_val_loss").getAsDouble();
        bestStep = s.get("best_step").getAsLong();
        badEvals = s.get("bad_evals").getAsInt();
        stoppedEarly = s.get("stopped_early").getAsBoolean();
    }

    static void loadInto(Map<String, NDArray> params, Map<String, NDArray> saved, Path from) throws IOException {
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray src = saved.get(e.getKey());
            if (src == null || !src.getShape().equals(e.getValue().getShape())) {
                throw new IOException(from + ": checkpoint has no tensor " + e.getKey() + " of shape "
                        + e.getValue().getShape() + " (different --method or model?)");
            }
            e.getValue().muli(0).addi(src.toType(e.getValue().getDataType(), false));
        }
    }

    // ---------------------------------------------------------------- metrics and output

    private void rewriteMetrics() throws IOException {
        Path f = o.output.resolve(METRICS);
        List<String> keep = new ArrayList<>();
        keep.add("step,epoch,loss,val_loss,lr,grad_norm,tokens_per_s");
        trainCurve.clear();
        valCurve.clear();
        if (o.resume && Files.isRegularFile(f)) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",", -1);
                if (c.length < 7 || Long.parseLong(c[0]) > step) {
                    continue;
                }
                keep.add(lines.get(i));
                trainCurve.add(new double[]{Double.parseDouble(c[0]), Double.parseDouble(c[2])});
                if (!c[3].isEmpty()) {
                    valCurve.add(new double[]{Double.parseDouble(c[0]), Double.parseDouble(c[3])});
                }
            }
        }
        AtomicFiles.writeString(f, String.join("\n", keep) + "\n");
    }

    private void appendMetrics(long s, int e, double loss, Double val, double lr, double norm, double tps)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(o.output.resolve(METRICS), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND)) {
            w.write(String.format(Locale.ROOT, "%d,%d,%.6f,%s,%.6e,%.6f,%.1f%n", s, e, loss,
                    val == null ? "" : String.format(Locale.ROOT, "%.6f", val), lr, norm, tps));
        }
    }

    private void chart() throws IOException {
        LossChart.write(o.output.resolve(CHART), trainCurve.toArray(new double[0][]), valCurve.toArray(new double[0][]),
                "llm-ea finetune (" + o.method.name().toLowerCase(Locale.ROOT) + ", " + model.config().nLayer
                        + " layers, " + model.config().nEmbd + " wide)");
    }

    private void writeOutput() throws IOException {
        Path ckDir = o.output.resolve(CHECKPOINTS);
        if (o.loadBestAtEnd && bestStep > 0 && bestStep != step && Files.isDirectory(ckDir.resolve("best"))) {
            try (NDManager m = model.manager().newSubManager()) {
                loadInto(trainable, SafeTensors.read(ckDir.resolve("best").resolve("trainable.safetensors"), m),
                        ckDir.resolve("best"));
            }
            listener.message("final weights: the best validation checkpoint (step " + bestStep + ", loss "
                    + String.format(Locale.ROOT, "%.4f", bestVal) + ")");
        }
        Path tok = o.baseModel.resolve(ModelDir.TOKENIZER);
        String base = o.baseModel.toAbsolutePath().normalize().toString();
        switch (o.method) {
            case FULL -> ModelDir.save(model, o.output, tok);
            case LORA -> {
                lora.save(o.output, base);
                Files.copy(tok, o.output.resolve(ModelDir.TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
                if (o.merge) {
                    lora.mergeInto(model);
                    model.setAdapters(null);
                    ModelDir.save(model, o.output.resolve("merged"), tok);
                }
            }
            case ADAPTER -> {
                bottleneck.save(o.output, base);
                Files.copy(tok, o.output.resolve(ModelDir.TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        JsonObject s = state();
        s.remove("epoch_order");
        s.addProperty("final_step", step);
        s.addProperty("base_model", base);
        s.addProperty("dataset", o.dataset.toAbsolutePath().normalize().toString());
        s.addProperty("packing", o.packing.name().toLowerCase(Locale.ROOT));
        s.addProperty("parameters", parameterSummary());
        AtomicFiles.writeString(o.output.resolve("finetune.json"), GSON.toJson(s) + "\n");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Override
    public void close() {
        opt.close();
        if (lora != null) {
            lora.close();
        }
        if (bottleneck != null) {
            bottleneck.close();
        }
        tokenizer.close();
        model.close();
    }
}
