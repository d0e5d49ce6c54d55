package com.llmea.model.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that serves one model at {@code /{repo}/resolve/main/{file}} the
 * way the hub does: ETag = SHA-256, Range requests (206/416), optional redirects of a file to a "CDN" path on
 * {@code localhost} (another origin) with {@code X-Linked-Etag}, scripted error statuses, a token check, and
 * connections dropped mid-file. Every request is logged.
 */
final class FakeHub implements AutoCloseable {
    private static final Pattern RESOLVE = Pattern.compile("/(.+)/resolve/([^/]+)/(.+)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    final String repo;
    final Map<String, byte[]> files = Collections.synchronizedMap(new HashMap<>());
    /** ETag to send instead of the real SHA-256 (a wrong one tests the checksum check). */
    final Map<String, String> etagOverride = Collections.synchronizedMap(new HashMap<>());
    /** Statuses to answer with, in order, before serving a file normally. */
    final Map<String, Queue<Integer>> statusScript = Collections.synchronizedMap(new HashMap<>());
    /** Drop the connection after this many bytes of the body, once per entry. */
    final Map<String, Queue<Integer>> dropAfter = Collections.synchronizedMap(new HashMap<>());
    /** Stall (send nothing for {@link #stallMillis}) after this many bytes of the body, once per entry. */
    final Map<String, Queue<Integer>> stallAfter = Collections.synchronizedMap(new HashMap<>());
    volatile int stallMillis = 3000;
    /** Pause between 64 KiB chunks of every body (a slow but steady server). */
    volatile int throttleMillis;
    /** Files answered with a 302 to http://localhost:PORT/cdn/FILE. */
    final List<String> redirected = Collections.synchronizedList(new ArrayList<>());
    /** When set, resolve requests need "Authorization: Bearer TOKEN" (401 without, 403 with another). */
    volatile String requiredToken;
    /** Ignore Range headers (answer 200 with the whole file). */
    volatile boolean noRangeSupport;
    /** One line per request: "GET PATH range=... auth=...". */
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    FakeHub(String repo) throws IOException {
        this.repo = repo;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String file, byte[] content) {
        files.put(file, content);
    }

    void script(String file, Integer... statuses) {
        statusScript.put(file, new ArrayDeque<>(List.of(statuses)));
    }

    void dropOnce(String file, int afterBytes) {
        dropAfter.put(file, new ArrayDeque<>(List.of(afterBytes)));
    }

    List<String> logFor(String file) {
        synchronized (log) {
            return log.stream().filter(l -> l.split(" ")[1].endsWith("/" + file)).toList();
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String range = ex.getRequestHeaders().getFirst("Range");
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            log.add(ex.getRequestMethod() + " " + path + " range=" + range + " auth=" + auth);
            if (path.startsWith("/cdn/")) {
                String file = path.substring("/cdn/".length());
                serve(ex, file, range, "\"cdn-" + Integer.toHexString(file.hashCode()) + "\"");
                return;
            }
            Matcher m = RESOLVE.matcher(path);
            if (!m.matches() || !m.group(1).equals(repo)) {
                ex.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
                ex.getResponseHeaders().set("X-Error-Message", "Repository not found");
                send(ex, 404, "Repository not found");
                return;
            }
            if (!m.group(2).equals("main")) {
                ex.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
                send(ex, 404, "Invalid rev id: " + m.group(2));
                return;
            }
            String file = m.group(3);
            if (requiredToken != null) {
                if (auth == null) {
                    send(ex, 401, "Access to model " + repo + " is restricted. You must be authenticated.");
                    return;
                }
                if (!auth.equals("Bearer " + requiredToken)) {
                    send(ex, 403, "Access to model " + repo + " is restricted.");
                    return;
                }
            }
            Queue<Integer> q = statusScript.get(file);
            Integer scripted = q == null ? null : q.poll();
            if (scripted != null) {
                send(ex, scripted, "scripted " + scripted);
                return;
            }
            byte[] content = files.get(file);
            if (content == null) {
                ex.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
                ex.getResponseHeaders().set("X-Error-Message", "Entry not found");
                send(ex, 404, "Entry not found");
                return;
            }
            String etag = "\"" + etagOverride.getOrDefault(file, sha256(content)) + "\"";
            if (redirected.contains(file)) {
                ex.getResponseHeaders().set("X-Linked-Etag", etag);
                ex.getResponseHeaders().set("X-Linked-Size", String.valueOf(content.length));
                ex.getResponseHeaders().set("ETag", "\"0123456789abcdef0123456789abcdef01234567\"");
                ex.getResponseHeaders().set("Location",
                        "http://localhost:" + server.getAddress().getPort() + "/cdn/" + file);
                send(ex, 302, "Found. Redirecting");
                return;
            }
            serve(ex, file, range, etag);
        }
    }

    private void serve(HttpExchange ex, String file, String range, String etag) throws IOException {
        byte[] content = files.get(file);
        if (content == null) {
            send(ex, 404, "no such object");
            return;
        }
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        int from = 0;
        int status = 200;
        Matcher r = range == null || noRangeSupport ? null : RANGE.matcher(range);
        if (r != null && r.matches()) {
            from = Integer.parseInt(r.group(1));
            if (from >= content.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                send(ex, 416, "");
                return;
            }
            status = 206;
            ex.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        int len = content.length - from;
        ex.sendResponseHeaders(status, len);
        Queue<Integer> drop = dropAfter.get(file);
        Integer dropAt = drop == null ? null : drop.poll();
        OutputStream out = ex.getResponseBody();
        if (dropAt != null && dropAt < len) {
            out.write(content, from, dropAt);
            out.flush();
            // Abort: closing the exchange with bytes missing makes the server close the connection.
            throw new IOException("dropping the connection on purpose");
        }
        Queue<Integer> stall = stallAfter.get(file);
        Integer stallAt = stall == null ? null : stall.poll();
        int chunk = 64 * 1024;
        for (int off = 0; off < len; off += chunk) {
            int n = Math.min(chunk, len - off);
            if (stallAt != null && off + n > stallAt) {
                out.write(content, from + off, stallAt - off);
                out.flush();
                sleep(stallMillis);
                throw new IOException("stalled on purpose");
            }
            out.write(content, from + off, n);
            if (throttleMillis > 0) {
                out.flush();
                sleep(throttleMillis);
            }
        }
    }

    private static void sleep(int ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
