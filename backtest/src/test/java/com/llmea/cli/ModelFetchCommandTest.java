package com.llmea.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea model fetch} against a local HTTP server serving the tiny-gpt2 fixture. */
@Timeout(60)
class ModelFetchCommandTest {
    static final List<String> FILES = List.of("config.json", "generation_config.json", "model.safetensors",
            "tokenizer.json");

    @TempDir
    Path tmp;
    HttpServer server;
    volatile boolean gated;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    static Path fixture(String file) {
        return Path.of(System.getProperty("llmea.shared"), "fixtures", "tiny-gpt2", file);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            log.add(path + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
            String prefix = "/org/tiny/resolve/main/";
            if (gated && ex.getRequestHeaders().getFirst("Authorization") == null) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String file = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
            if (!FILES.contains(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] b = Files.readAllBytes(fixture(file));
            ex.getResponseHeaders().set("ETag", "\"" + sha256(b) + "\"");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    CommandLine capture(CommandLine cl) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    @Test
    void fetchesTheModelThroughTheCommandLine() throws Exception {
        Path dir = tmp.resolve("models/tiny");
        int rc = capture(Main.commandLine()).execute("model", "fetch", "org/tiny", dir.toString(),
                "--base-url", base() + "/");
        assertEquals(0, rc, err.toString());
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(fixture(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
        assertTrue(out.toString().contains("SHA-256 verified"), out.toString());
        assertTrue(out.toString().contains("model in " + dir), out.toString());
        assertFalse(Files.exists(dir.resolve(".partial")));
    }

    @Test
    void hfEndpointAndTokenComeFromTheEnvironment() throws Exception {
        gated = true;
        ModelFetchCommand cmd = new ModelFetchCommand();
        cmd.env = Map.of("HF_ENDPOINT", base(), "MY_TOKEN", "hf_abc");
        cmd.backoff = Duration.ofMillis(1);
        Path dir = tmp.resolve("m");
        CommandLine cl = capture(new CommandLine(cmd));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        assertEquals(0, cl.execute("org/tiny", dir.toString(), "--token-env", "MY_TOKEN", "--no-progress",
                "--files", "config.json,tokenizer.json"), err.toString());
        assertArrayEquals(Files.readAllBytes(fixture("config.json")), Files.readAllBytes(dir.resolve("config.json")));
        assertTrue(Files.exists(dir.resolve("tokenizer.json")));
        assertFalse(Files.exists(dir.resolve("model.safetensors")), "--files limits the download");
        assertTrue(log.stream().allMatch(l -> l.endsWith("auth=Bearer hf_abc")), log.toString());
    }

    @Test
    void gatedModelWithoutTokenFailsMentioningHfToken() {
        gated = true;
        ModelFetchCommand cmd = new ModelFetchCommand();
        cmd.env = Map.of();
        CommandLine cl = capture(new CommandLine(cmd));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        int rc = cl.execute("org/tiny", tmp.resolve("m").toString(), "--base-url", base());
        assertEquals(1, rc);
        assertTrue(err.toString().startsWith("error: 401 Unauthorized for " + base() + "/org/tiny/resolve/main/config.json"),
                err.toString());
        assertTrue(err.toString().contains("HF_TOKEN"), err.toString());
    }

    @Test
    void progressBarDrawsBytes() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try (ModelFetchCommand.Progress p = new ModelFetchCommand.Progress(
                new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8), true)) {
            p.started("model.safetensors", 8L << 20, 32L << 20);
            p.progress("model.safetensors", 32L << 20);
            p.stopped("model.safetensors");
            p.message("done");
        }
        String s = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(s.contains("model.safetensors") && s.contains("32/32MiB") && s.endsWith("done" + System.lineSeparator()), s);
    }

    @Test
    void unknownModelIsAClearError() {
        int rc = capture(Main.commandLine()).execute("model", "fetch", "org/nope", tmp.resolve("m").toString(),
                "--base-url", base());
        assertEquals(1, rc);
        assertTrue(err.toString().startsWith("error: 404 Not Found: config.json at " + base()
                + "/org/nope/resolve/main/config.json"), err.toString());
    }
}
