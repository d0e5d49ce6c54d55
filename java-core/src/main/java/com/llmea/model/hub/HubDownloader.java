package com.llmea.model.hub;

import com.llmea.tokenizer.Gpt2TokenizerImporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads model files from the Hugging Face Hub (or a mirror with the same URL layout):
 * {@code {endpoint}/{repo}/resolve/{revision}/{file}}.
 *
 * <ul>
 *   <li>Redirects are followed by hand (at most 10), so that the hub's own {@code X-Linked-Etag} (the LFS SHA-256)
 *       is seen before the redirect to the CDN, and the {@code Authorization} header is sent only to the hub's
 *       host, never to the CDN.</li>
 *   <li>Bytes go to {@code OUT/.partial/FILE.part}; an interrupted download is resumed with an HTTP
 *       {@code Range} request (206 appends, 200 starts over). The expected checksum of the part is kept beside it
 *       ({@code .part.etag}); when the hub's changes, the part is thrown away.</li>
 *   <li>Checksum: an ETag of 64 hex digits is the file's SHA-256 (LFS files) and is checked; one of 40 hex digits is
 *       the git blob SHA-1 (small files kept in git) and is checked as SHA-1 of {@code "blob <len>\0" + content};
 *       any other ETag is not checked (said in the result). A mismatch deletes the download.</li>
 *   <li>The finished file is renamed into place atomically, so {@code OUT/FILE} is either absent or complete.</li>
 *   <li>5xx, 429, timeouts and dropped connections are retried with exponential back-off (bounded attempts);
 *       401/403/404 fail at once with a message that names the URL (and {@code HF_TOKEN} for 401/403).</li>
 * </ul>
 */
public final class HubDownloader {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /** What {@code llm-ea model fetch} downloads by default. */
    public static final List<String> DEFAULT_FILES =
            List.of("config.json", "model.safetensors", "tokenizer.json", "generation_config.json");
    /** Files whose absence (404) is fine. */
    public static final Set<String> OPTIONAL_FILES = Set.of("generation_config.json");
    static final String PARTIAL_DIR = ".partial";
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)?");

    /** Settings; the defaults suit the real hub. */
    public static final class Options {
        String endpoint = DEFAULT_ENDPOINT;
        String revision = "main";
        String token;
        String tokenEnv = "HF_TOKEN";
        boolean force;
        int maxAttempts = 5;
        Duration backoff = Duration.ofSeconds(1);
        Duration connectTimeout = Duration.ofSeconds(30);
        Duration readTimeout = Duration.ofSeconds(60);

        public Options endpoint(String v) {
            endpoint = stripSlash(Objects.requireNonNull(v));
            return this;
        }

        public Options revision(String v) {
            revision = Objects.requireNonNull(v);
            return this;
        }

        /** The access token (sent as {@code Authorization: Bearer}); null or empty for none. */
        public Options token(String v) {
            token = v == null || v.isBlank() ? null : v.trim();
            return this;
        }

        /** The variable the token came from, for messages. */
        public Options tokenEnv(String v) {
            tokenEnv = v;
            return this;
        }

        /** Download files even when they already exist in the output folder. */
        public Options force(boolean v) {
            force = v;
            return this;
        }

        /** How often one file is tried on transient errors (at least 1). */
        public Options maxAttempts(int v) {
            maxAttempts = Math.max(1, v);
            return this;
        }

        /** First back-off pause; it doubles after each failed attempt. */
        public Options backoff(Duration v) {
            backoff = v;
            return this;
        }

        public Options connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        /** Longest wait for response headers, and longest pause in the body, before the attempt fails. */
        public Options readTimeout(Duration v) {
            readTimeout = v;
            return this;
        }
    }

    /** How a file ended up in the output folder. */
    public enum Outcome { DOWNLOADED, ALREADY_PRESENT, MISSING_OPTIONAL, BUILT_FROM_VOCAB }

    /** One file of a fetch: outcome, size, and how it was verified ("sha256", "git-sha1", "not verified ..."). */
    public record FileResult(String file, Outcome outcome, long bytes, String verified) {
    }

    private final Options opt;
    private final DownloadListener listener;
    private final HttpClient client;

    public HubDownloader(Options options, DownloadListener listener) {
        this.opt = options;
        this.listener = listener == null ? DownloadListener.NONE : listener;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout)
                .build();
    }

    /** {@code option} if given, else {@code $HF_ENDPOINT}, else https://huggingface.co; without a trailing slash. */
    public static String resolveEndpoint(String option, Map<String, String> env) {
        String v = option != null && !option.isBlank() ? option : env.get("HF_ENDPOINT");
        return stripSlash(v == null || v.isBlank() ? DEFAULT_ENDPOINT : v.trim());
    }

    /** The URL of {@code file} in {@code repo} at {@code revision}; the revision is one path segment. */
    public static URI fileUri(String endpoint, String repo, String revision, String file) {
        StringBuilder sb = new StringBuilder(stripSlash(endpoint));
        for (String seg : repo.split("/")) {
            sb.append('/').append(encodeSegment(seg));
        }
        sb.append("/resolve/").append(encodeSegment(revision));
        for (String seg : file.split("/")) {
            sb.append('/').append(encodeSegment(seg));
        }
        return URI.create(sb.toString());
    }

    /**
     * Fetches {@code files} of {@code repo} into {@code outDir}. {@link #OPTIONAL_FILES} may be missing. When
     * {@code tokenizer.json} is missing, {@code vocab.json} and {@code merges.txt} are downloaded instead and the
     * tokenizer.json is built from them ({@link Gpt2TokenizerImporter}).
     */
    public List<FileResult> fetch(String repo, Path outDir, List<String> files) throws IOException {
        checkRepo(repo);
        for (String f : files) {
            checkFile(f);
        }
        Files.createDirectories(outDir);
        List<FileResult> results = new ArrayList<>();
        for (String f : files) {
            try {
                results.add(download(repo, f, outDir));
            } catch (HubException e) {
                if (e.status() == 404 && OPTIONAL_FILES.contains(f)) {
                    listener.message(f + ": not in the model (optional, skipped)");
                    results.add(new FileResult(f, Outcome.MISSING_OPTIONAL, 0, "-"));
                } else if (e.status() == 404 && f.equals("tokenizer.json")) {
                    listener.message("tokenizer.json: not in the model; building it from vocab.json + merges.txt");
                    FileResult v = download(repo, "vocab.json", outDir);
                    FileResult m = download(repo, "merges.txt", outDir);
                    results.add(v);
                    results.add(m);
                    Path t = Gpt2TokenizerImporter.importFiles(outDir.resolve("vocab.json"),
                            outDir.resolve("merges.txt"), outDir.resolve("tokenizer.json")).file();
                    results.add(new FileResult(f, Outcome.BUILT_FROM_VOCAB, Files.size(t), "built"));
                } else {
                    throw e;
                }
            }
        }
        deleteIfEmpty(outDir.resolve(PARTIAL_DIR));
        return results;
    }

    /** Downloads one file into {@code outDir/file} (resuming a partial download), with retries. */
    public FileResult download(String repo, String file, Path outDir) throws IOException {
        checkRepo(repo);
        checkFile(file);
        Path target = outDir.resolve(file);
        URI uri = fileUri(opt.endpoint, repo, opt.revision, file);
        if (Files.isRegularFile(target) && !opt.force) {
            listener.message(file + ": already in " + outDir + " (skipped; --force downloads it again)");
            return new FileResult(file, Outcome.ALREADY_PRESENT, Files.size(target), "not checked");
        }
        Path part = outDir.resolve(PARTIAL_DIR).resolve(file + ".part");
        Path partTag = outDir.resolve(PARTIAL_DIR).resolve(file + ".part.etag");
        Files.createDirectories(part.getParent());
        long pause = Math.max(0, opt.backoff.toMillis());
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(file, uri, target, part, partTag);
            } catch (HubException e) {
                if (!e.retryable() || attempt >= opt.maxAttempts) {
                    throw e.retryable() ? new HubException(e.getMessage() + " (gave up after " + attempt
                            + " attempts)", e.status(), false) : e;
                }
                listener.message(file + ": " + e.getMessage() + "; retrying in " + pause + " ms (attempt "
                        + (attempt + 1) + " of " + opt.maxAttempts + ")");
            } catch (IOException e) {
                String why = describe(e);
                if (attempt >= opt.maxAttempts) {
                    throw new HubException("network error downloading " + file + " from " + uri + ": " + why
                            + " (gave up after " + attempt + " attempts; a new run resumes the download)", e);
                }
                listener.message(file + ": " + why + "; retrying in " + pause + " ms (attempt " + (attempt + 1)
                        + " of " + opt.maxAttempts + ")");
            }
            sleep(pause);
            pause = Math.min(pause * 2, 60_000);
        }
    }

    /** One HTTP exchange (with redirects) for {@code file}; IOExceptions other than HubException are transient. */
    private FileResult attempt(String file, URI uri, Path target, Path part, Path partTag) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        Fetched r = open(uri, have);
        int status = r.response.statusCode();
        String expected = r.expectedHash();
        if (have > 0 && (status == 200 || status == 206 || status == 416)) {
            String old = Files.isRegularFile(partTag) ? Files.readString(partTag).trim() : null;
            if (old != null && expected != null && !old.equals(expected)) {
                discard(r.response);
                listener.message(file + ": the file changed on the hub since the partial download; starting over");
                Files.deleteIfExists(part);
                Files.deleteIfExists(partTag);
                return attempt(file, uri, target, part, partTag);
            }
        }
        long total;
        boolean append;
        if (status == 200) {
            if (have > 0) {
                listener.message(file + ": the server does not resume (no Range support); starting over");
            }
            append = false;
            total = r.response.headers().firstValueAsLong("Content-Length").orElse(-1);
        } else if (status == 206) {
            Matcher m = CONTENT_RANGE.matcher(r.response.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                discard(r.response);
                Files.deleteIfExists(part);
                throw new HubException("unexpected Content-Range '" + r.response.headers()
                        .firstValue("Content-Range").orElse("") + "' resuming " + file + " at byte " + have
                        + "; starting over", 206, true);
            }
            append = true;
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        } else if (status == 416 && have > 0) {
            discard(r.response);
            Matcher m = UNSATISFIED_RANGE.matcher(r.response.headers().firstValue("Content-Range").orElse(""));
            if (m.matches() && Long.parseLong(m.group(1)) == have) {
                return finish(file, uri, target, part, partTag, expected, have); // the part was already complete
            }
            Files.deleteIfExists(part);
            throw new HubException("the partial download of " + file + " is longer than the file; starting over",
                    416, true);
        } else {
            String detail = errorDetail(r.response);
            throw httpError(status, file, uri, detail);
        }
        if (expected != null) {
            Files.writeString(partTag, expected);
        } else {
            Files.deleteIfExists(partTag);
        }
        long start = append ? have : 0;
        listener.started(file, start, total);
        try {
            long written = receive(r.response, part, append, file, start);
            if (total >= 0 && written != total) {
                throw new IOException("connection closed after " + written + " of " + total + " bytes");
            }
        } finally {
            listener.stopped(file);
        }
        return finish(file, uri, target, part, partTag, expected, Files.size(part));
    }

    private FileResult finish(String file, URI uri, Path target, Path part, Path partTag, String expected, long size)
            throws IOException {
        String verified = verify(file, uri, part, expected);
        Files.createDirectories(target.toAbsolutePath().getParent());
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(partTag);
        return new FileResult(file, Outcome.DOWNLOADED, size, verified);
    }

    /** Checks the part against the hub's checksum; deletes it on a mismatch. */
    private String verify(String file, URI uri, Path part, String expected) throws IOException {
        if (expected == null) {
            return "not verified (no usable ETag)";
        }
        String algo = expected.length() == 64 ? "SHA-256" : "SHA-1";
        String actual = digest(part, algo, algo.equals("SHA-1"));
        if (!actual.equals(expected)) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(part.resolveSibling(part.getFileName() + ".etag"));
            throw new HubException("checksum mismatch for " + file + " from " + uri + ": the hub says " + algo + " "
                    + expected + ", the download has " + actual + "; the download was deleted (run again)", -1, false);
        }
        return algo.equals("SHA-256") ? "sha256" : "git-sha1";
    }

    /** Hex digest of a file; with {@code gitBlob} of {@code "blob <len>\0" + content} (git's object id). */
    static String digest(Path file, String algo, boolean gitBlob) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (gitBlob) {
            md.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The response after redirects, and the hub's checksum header seen on the way. */
    private record Fetched(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, String linkedEtag) {
        String expectedHash() {
            String e = linkedEtag != null ? linkedEtag
                    : normalizeEtag(response.headers().firstValue("ETag").orElse(null));
            return e != null && (HEX64.matcher(e).matches() || HEX40.matcher(e).matches()) ? e : null;
        }
    }

    private Fetched open(URI uri, long rangeFrom) throws IOException {
        URI current = uri;
        String linked = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(current)
                    .timeout(opt.readTimeout)
                    .header("User-Agent", "llm-ea/" + version() + "; java/" + System.getProperty("java.version"))
                    .GET();
            if (rangeFrom > 0) {
                b.header("Range", "bytes=" + rangeFrom + "-");
            }
            if (opt.token != null && sameOrigin(current, uri)) {
                b.header("Authorization", "Bearer " + opt.token);
            }
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp = send(b.build());
            HttpHeaders h = resp.headers();
            if (linked == null) {
                linked = normalizeEtag(h.firstValue("X-Linked-Etag").orElse(null));
            }
            int s = resp.statusCode();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                Optional<String> loc = h.firstValue("Location");
                discard(resp);
                if (loc.isEmpty()) {
                    throw new HubException("redirect " + s + " without a Location from " + current, s, false);
                }
                current = current.resolve(loc.get().trim());
                continue;
            }
            return new Fetched(resp, linked);
        }
        throw new HubException("more than " + MAX_REDIRECTS + " redirects from " + uri, -1, false);
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(HttpRequest req) throws IOException {
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> f =
                client.sendAsync(req, HttpResponse.BodyHandlers.ofPublisher());
        try {
            return f.get(opt.connectTimeout.plus(opt.readTimeout).toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("no response within " + opt.readTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c);
        }
    }

    /** Streams the body into {@code part}; fails when no byte arrives for the read timeout. */
    private long receive(HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp, Path part, boolean append,
                         String file, long start) throws IOException {
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            FileSubscriber sub = new FileSubscriber(ch, bytes -> listener.progress(file, start + bytes));
            resp.body().subscribe(sub);
            long stall = opt.readTimeout.toNanos();
            while (true) {
                try {
                    sub.done.get(200, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (System.nanoTime() - sub.lastData > stall) {
                        sub.cancel();
                        throw new HttpTimeoutException("no data for " + opt.readTimeout.toSeconds() + " s");
                    }
                } catch (InterruptedException e) {
                    sub.cancel();
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(c);
                }
            }
            ch.force(false);
            return start + sub.written;
        }
    }

    /** Writes the body buffers to a channel as they come, one batch at a time. */
    private static final class FileSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
        final FileChannel ch;
        final java.util.function.LongConsumer progress;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile Flow.Subscription subscription;
        volatile long written;
        volatile long lastData = System.nanoTime();

        FileSubscriber(FileChannel ch, java.util.function.LongConsumer progress) {
            this.ch = ch;
            this.progress = progress;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            try {
                for (ByteBuffer b : items) {
                    while (b.hasRemaining()) {
                        written += ch.write(b);
                    }
                }
                lastData = System.nanoTime();
                progress.accept(written);
                subscription.request(1);
            } catch (IOException | RuntimeException e) {
                subscription.cancel();
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            done.cancel(false);
        }
    }

    /** Reads and drops a (small) body so the connection is released. */
    private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp) {
        readSmall(resp, 0);
    }

    /** Up to {@code limit} bytes of the body as text (then the rest is dropped); waits at most 5 s. */
    private static String readSmall(HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp, int limit) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        resp.body().subscribe(new Flow.Subscriber<>() {
            Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                this.s = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer b : items) {
                    int n = Math.min(b.remaining(), limit - buf.size());
                    if (n > 0) {
                        byte[] a = new byte[n];
                        b.get(a);
                        buf.write(a, 0, n);
                    }
                }
                if (buf.size() >= limit && limit > 0) {
                    s.cancel();
                    done.complete(null);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.complete(null);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** The hub's explanation of an error: X-Error-Message, else a short text body. */
    private static String errorDetail(HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp) {
        String code = resp.headers().firstValue("X-Error-Code").orElse(null);
        String msg = resp.headers().firstValue("X-Error-Message").orElse(null);
        String body = readSmall(resp, 300).strip();
        if (msg == null && !body.isEmpty() && body.length() < 300 && !body.startsWith("<")) {
            msg = body;
        }
        if (code == null && msg == null) {
            return "";
        }
        return " [" + (code == null ? "" : code + (msg == null ? "" : ": ")) + (msg == null ? "" : msg) + "]";
    }

    private HubException httpError(int status, String file, URI uri, String detail) {
        String tokenHint = opt.tokenEnv == null ? "HF_TOKEN" : opt.tokenEnv;
        return switch (status) {
            case 401 -> new HubException(opt.token == null
                    ? "401 Unauthorized for " + uri + detail + ": the model is gated or private (or does not exist). "
                    + "Accept its terms on its model page, create a read token at https://huggingface.co/settings/tokens "
                    + "and set HF_TOKEN" + (tokenHint.equals("HF_TOKEN") ? "" : " (here: $" + tokenHint + ")")
                    : "401 Unauthorized for " + uri + detail + ": the token in $" + tokenHint
                    + " was rejected (expired or wrong?); set HF_TOKEN to a valid read token", 401, false);
            case 403 -> new HubException("403 Forbidden for " + uri + detail + ": no access to this model"
                    + " (gated: request access on its model page, then set HF_TOKEN to a read token of that account"
                    + (opt.token == null ? "" : "; the token in $" + tokenHint + " has no access") + ")", 403, false);
            case 404 -> new HubException("404 Not Found: " + file + " at " + uri + detail
                    + " (check the model name, --revision and the file name)", 404, false);
            case 429 -> new HubException("429 Too Many Requests from " + uri + detail, 429, true);
            default -> new HubException("HTTP " + status + " for " + uri + detail, status,
                    status >= 500 && status <= 599);
        };
    }

    /** ETag value without W/ and quotes, lower case; null when absent. */
    static String normalizeEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e.isEmpty() ? null : e.toLowerCase(Locale.ROOT);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")";
        }
        if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        String m = e.getMessage();
        if (m == null && e.getCause() != null) {
            m = e.getCause().toString();
        }
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    static void checkRepo(String repo) {
        if (repo == null || !REPO_ID.matcher(repo).matches() || repo.contains("..")) {
            throw new IllegalArgumentException("not a model name: '" + repo + "' (expected NAME or OWNER/NAME, "
                    + "e.g. gpt2 or openai-community/gpt2)");
        }
    }

    static void checkFile(String file) {
        if (file == null || file.isEmpty() || file.startsWith("/") || file.contains("\\") || file.endsWith("/")
                || List.of(file.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
            throw new IllegalArgumentException("not a file name in a model: '" + file + "'");
        }
    }

    private static String encodeSegment(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static String stripSlash(String s) {
        String t = s.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static String version() {
        String v = HubDownloader.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty: a partial download of another file stays for a later resume
        }
    }

    private static void sleep(long ms) throws InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
