package com.llmea.cli;

import com.llmea.model.hub.DownloadListener;
import com.llmea.model.hub.HubDownloader;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code llm-ea model fetch}: downloads a GPT-2 model from the Hugging Face Hub. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {
            "Download a model from the Hugging Face Hub into OUT: config.json, model.safetensors, tokenizer.json and "
                    + "(if the model has one) generation_config.json. Without tokenizer.json, vocab.json + merges.txt "
                    + "are downloaded and tokenizer.json is built from them.",
            "Interrupted downloads resume (OUT/.partial/); files are checked against the hub's SHA-256 and renamed "
                    + "into place only when complete. Files already in OUT are kept (see --force).",
            "Gated or private models: set HF_TOKEN to a read token (https://huggingface.co/settings/tokens). "
                    + "Mirrors: --base-url or HF_ENDPOINT."},
        footer = {"", "Example: llm-ea model fetch openai-community/gpt2 models/gpt2"})
public final class ModelFetchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "model id on the hub, e.g. gpt2 or openai-community/gpt2")
    String name;

    @Parameters(index = "1", paramLabel = "OUT", description = "output folder (created if needed)")
    Path out;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "hub endpoint (default: $HF_ENDPOINT, else " + HubDownloader.DEFAULT_ENDPOINT + ")")
    String baseUrl;

    @Option(names = "--revision", paramLabel = "REV", defaultValue = "main",
            description = "branch, tag or commit (default: ${DEFAULT-VALUE})")
    String revision;

    @Option(names = "--files", paramLabel = "FILE", split = ",",
            description = "files to download instead of the default ones (comma-separated or repeated)")
    List<String> files;

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "HF_TOKEN",
            description = "environment variable holding the access token (default: ${DEFAULT-VALUE})")
    String tokenEnv;

    @Option(names = "--force", description = "download files again even if they are already in OUT")
    boolean force;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
            description = "tries per file on network errors and 5xx, with back-off (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--no-progress", description = "no progress bar (one line per file instead; automatic when "
            + "the output is not a terminal)")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment (HF_ENDPOINT, the token variable); tests replace it. */
    Map<String, String> env = System.getenv();
    /** First retry pause; tests shorten it. */
    Duration backoff = Duration.ofSeconds(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        String endpoint = HubDownloader.resolveEndpoint(baseUrl, env);
        HubDownloader.Options opt = new HubDownloader.Options()
                .endpoint(endpoint)
                .revision(revision)
                .token(env.get(tokenEnv))
                .tokenEnv(tokenEnv)
                .force(force)
                .maxAttempts(attempts)
                .backoff(backoff);
        List<String> wanted = files == null || files.isEmpty() ? HubDownloader.DEFAULT_FILES : files;
        stdout.printf("fetching %s (revision %s) from %s into %s%n", name, revision, endpoint, out);
        stdout.flush();
        List<HubDownloader.FileResult> results;
        // A bar redrawn with \r only on a terminal; otherwise (logs, pipes) one line per transfer.
        try (Progress progress = new Progress(System.err, !noProgress && System.console() != null)) {
            results = new HubDownloader(opt, progress).fetch(name, out, wanted);
        }
        for (HubDownloader.FileResult r : results) {
            String what = switch (r.outcome()) {
                case DOWNLOADED -> "downloaded, " + (r.verified().equals("sha256") ? "SHA-256 verified"
                        : r.verified().equals("git-sha1") ? "git SHA-1 verified" : r.verified());
                case ALREADY_PRESENT -> "already there (kept; --force downloads it again)";
                case MISSING_OPTIONAL -> "not in this model (optional)";
                case BUILT_FROM_VOCAB -> "built from vocab.json + merges.txt";
            };
            stdout.printf("  %-24s %12s  %s%n", r.file(),
                    r.outcome() == HubDownloader.Outcome.MISSING_OPTIONAL ? "-" : humanBytes(r.bytes()), what);
        }
        stdout.printf("model in %s%n", out);
        return 0;
    }

    static String humanBytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format("%.1f KiB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", b / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", b / (1024.0 * 1024 * 1024));
    }

    /** One byte progress bar per transfer on stderr (me.tongfei progressbar), plus messages. */
    static final class Progress implements DownloadListener, AutoCloseable {
        private final PrintStream err;
        private final boolean bars;
        private ProgressBar bar;

        Progress(PrintStream err, boolean bars) {
            this.err = err;
            this.bars = bars;
        }

        @Override
        public synchronized void message(String line) {
            closeBar();
            err.println(line);
        }

        @Override
        public synchronized void started(String file, long have, long total) {
            closeBar();
            if (!bars) {
                String size = total >= 0 ? humanBytes(total) : "unknown size";
                err.println(file + (have > 0 ? ": resuming at " + humanBytes(have) + " of " + size
                        : ": downloading " + size));
                return;
            }
            boolean big = total < 0 || total >= 16L * 1024 * 1024;
            bar = new ProgressBarBuilder()
                    .setTaskName(file)
                    .setInitialMax(total)
                    .setUnit(big ? "MiB" : "KiB", big ? 1024 * 1024 : 1024)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err, 100))
                    .setUpdateIntervalMillis(250)
                    .showSpeed()
                    .startsFrom(Math.max(0, have), Duration.ZERO)
                    .build();
        }

        @Override
        public synchronized void progress(String file, long bytes) {
            if (bar != null) {
                bar.stepTo(bytes);
            }
        }

        @Override
        public synchronized void stopped(String file) {
            closeBar();
        }

        private void closeBar() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public synchronized void close() {
            closeBar();
        }
    }
}
