package com.llmea.model.hub;

import com.google.gson.JsonParser;
import com.llmea.model.hub.HubDownloader.FileResult;
import com.llmea.model.hub.HubDownloader.Outcome;
import com.llmea.tokenizer.ToyVocab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads from a real local HTTP server ({@link FakeHub}) that serves the tiny-gpt2 fixture. */
@Timeout(60)
class HubDownloaderTest {
    static final String REPO = "test-org/tiny-gpt2";
    static final List<String> TINY = List.of("config.json", "model.safetensors", "tokenizer.json");

    @TempDir
    Path tmp;
    FakeHub hub;
    Path out;
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    static Path fixture(String file) {
        return Path.of(System.getProperty("llmea.shared"), "fixtures", "tiny-gpt2", file);
    }

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub(REPO);
        for (String f : TINY) {
            hub.put(f, Files.readAllBytes(fixture(f)));
        }
        out = tmp.resolve("model");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubDownloader.Options options() {
        return new HubDownloader.Options().endpoint(hub.baseUrl()).maxAttempts(3).backoff(Duration.ofMillis(10))
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10));
    }

    HubDownloader downloader(HubDownloader.Options o) {
        return new HubDownloader(o, new DownloadListener() {
            @Override
            public void message(String line) {
                events.add("message " + line);
            }

            @Override
            public void started(String file, long have, long total) {
                events.add("started " + file + " " + have + " " + total);
            }
        });
    }

    void assertSameAsFixture(String file) throws IOException {
        assertArrayEquals(Files.readAllBytes(fixture(file)), Files.readAllBytes(out.resolve(file)), file);
    }

    void assertNoPartial() {
        assertFalse(Files.exists(out.resolve(HubDownloader.PARTIAL_DIR)), "no .partial folder left");
    }

    @Test
    void downloadsTheModelByteIdenticalAndVerified() throws Exception {
        List<FileResult> r = downloader(options()).fetch(REPO, out, HubDownloader.DEFAULT_FILES);
        for (String f : TINY) {
            assertSameAsFixture(f);
        }
        assertEquals(4, r.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(Outcome.DOWNLOADED, r.get(i).outcome());
            assertEquals("sha256", r.get(i).verified());
        }
        assertEquals(new FileResult("generation_config.json", Outcome.MISSING_OPTIONAL, 0, "-"), r.get(3));
        assertFalse(Files.exists(out.resolve("generation_config.json")));
        assertNoPartial();
        assertTrue(hub.logFor("model.safetensors").get(0).contains("range=null"));
        assertTrue(hub.logFor("model.safetensors").get(0).contains("auth=null"));

        // A second run finds the files in place and downloads nothing.
        hub.log.clear();
        r = downloader(options()).fetch(REPO, out, TINY);
        assertTrue(r.stream().allMatch(x -> x.outcome() == Outcome.ALREADY_PRESENT), r.toString());
        assertTrue(hub.log.isEmpty(), hub.log.toString());
    }

    @Test
    void droppedConnectionIsResumedWithARangeRequest() throws Exception {
        int size = hub.files.get("model.safetensors").length;
        hub.dropOnce("model.safetensors", size / 2);
        downloader(options()).fetch(REPO, out, TINY);
        assertSameAsFixture("model.safetensors");
        List<String> log = hub.logFor("model.safetensors");
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).contains("range=null"), log.get(0));
        assertTrue(log.get(1).matches(".* range=bytes=[1-9][0-9]*- .*"), log.get(1));
        long resumedAt = Long.parseLong(log.get(1).replaceAll(".* range=bytes=([0-9]+)- .*", "$1"));
        assertTrue(resumedAt > 0 && resumedAt <= size / 2, "resumed at " + resumedAt);
        assertTrue(events.contains("started model.safetensors " + resumedAt + " " + size), events.toString());
        assertNoPartial();
    }

    @Test
    void stalledTransferTimesOutAndResumes() throws Exception {
        // Margins are wide so a loaded machine (CI, 2 cores) cannot fake a stall: 1.5 s timeout, 8 s stall.
        hub.stallMillis = 8000;
        hub.stallAfter.put("tokenizer.json", new java.util.ArrayDeque<>(List.of(200_000)));
        long t0 = System.nanoTime();
        downloader(options().readTimeout(Duration.ofMillis(1500))).download(REPO, "tokenizer.json", out);
        assertSameAsFixture("tokenizer.json");
        List<String> log = hub.logFor("tokenizer.json");
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(1).contains("range=bytes=200000-"), log.get(1));
        assertTrue(events.stream().anyMatch(e -> e.contains("no data for")), events.toString());
        assertTrue(System.nanoTime() - t0 < 7_500_000_000L, "gave up on the stalled connection before the server resumed");
    }

    @Test
    void slowButSteadyTransferIsNotCutByTheReadTimeout() throws Exception {
        hub.throttleMillis = 150; // tokenizer.json: ~21 chunks, ~3.2 s in all: longer than the timeout, no gap near it
        downloader(options().readTimeout(Duration.ofMillis(1500))).download(REPO, "tokenizer.json", out);
        assertSameAsFixture("tokenizer.json");
        assertEquals(1, hub.logFor("tokenizer.json").size());
    }

    @Test
    void existingPartIsContinuedWithRange() throws Exception {
        byte[] model = hub.files.get("model.safetensors");
        Path part = out.resolve(".partial/model.safetensors.part");
        Files.createDirectories(part.getParent());
        Files.write(part, java.util.Arrays.copyOf(model, 1000));
        downloader(options()).fetch(REPO, out, List.of("model.safetensors"));
        assertSameAsFixture("model.safetensors");
        assertEquals(1, hub.logFor("model.safetensors").size());
        assertTrue(hub.logFor("model.safetensors").get(0).contains("range=bytes=1000-"));
        assertNoPartial();
    }

    @Test
    void serverWithoutRangeSupportRestartsFromZero() throws Exception {
        hub.noRangeSupport = true;
        Path part = out.resolve(".partial/model.safetensors.part");
        Files.createDirectories(part.getParent());
        Files.write(part, new byte[] {1, 2, 3, 4, 5}); // garbage: must not survive
        downloader(options()).fetch(REPO, out, List.of("model.safetensors"));
        assertSameAsFixture("model.safetensors");
        assertTrue(events.stream().anyMatch(e -> e.contains("does not resume")), events.toString());
    }

    @Test
    void partOfAnOlderVersionIsThrownAway() throws Exception {
        Path part = out.resolve(".partial/model.safetensors.part");
        Files.createDirectories(part.getParent());
        Files.write(part, new byte[] {9, 9, 9});
        Files.writeString(out.resolve(".partial/model.safetensors.part.etag"), "ab".repeat(32));
        downloader(options()).fetch(REPO, out, List.of("model.safetensors"));
        assertSameAsFixture("model.safetensors");
        List<String> log = hub.logFor("model.safetensors");
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).contains("range=bytes=3-"));
        assertTrue(log.get(1).contains("range=null"));
    }

    @Test
    void completePartIsFinishedOn416() throws Exception {
        byte[] cfg = hub.files.get("config.json");
        Path part = out.resolve(".partial/config.json.part");
        Files.createDirectories(part.getParent());
        Files.write(part, cfg);
        FileResult r = downloader(options()).download(REPO, "config.json", out);
        assertEquals("sha256", r.verified());
        assertSameAsFixture("config.json");
    }

    @Test
    void checksumMismatchFailsNamingTheFileAndLeavesNothing() throws Exception {
        hub.etagOverride.put("model.safetensors", "0".repeat(64));
        HubException e = assertThrows(HubException.class,
                () -> downloader(options()).fetch(REPO, out, TINY));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertFalse(Files.exists(out.resolve("model.safetensors")));
        assertFalse(Files.exists(out.resolve(".partial/model.safetensors.part")));
        assertEquals(1, hub.logFor("model.safetensors").size(), "not retried");
    }

    @Test
    void gitBlobEtagIsCheckedAsGitSha1() throws Exception {
        byte[] cfg = hub.files.get("config.json");
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
        md.update(("blob " + cfg.length + "\0").getBytes(StandardCharsets.US_ASCII));
        hub.etagOverride.put("config.json", java.util.HexFormat.of().formatHex(md.digest(cfg)));
        assertEquals("git-sha1", downloader(options()).download(REPO, "config.json", out).verified());
        assertSameAsFixture("config.json");

        hub.etagOverride.put("tokenizer.json", "1".repeat(40));
        HubException e = assertThrows(HubException.class,
                () -> downloader(options()).download(REPO, "tokenizer.json", out));
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("SHA-1"), e.getMessage());
        assertFalse(Files.exists(out.resolve("tokenizer.json")));
    }

    @Test
    void notFoundErrorsNameTheUrl() {
        HubException e = assertThrows(HubException.class,
                () -> downloader(options()).fetch("test-org/no-such-model", out, TINY));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains(hub.baseUrl() + "/test-org/no-such-model/resolve/main/config.json"),
                e.getMessage());
        assertTrue(e.getMessage().contains("RepoNotFound"), e.getMessage());

        hub.files.remove("model.safetensors");
        e = assertThrows(HubException.class, () -> downloader(options()).fetch(REPO, out, TINY));
        assertTrue(e.getMessage().startsWith("404 Not Found: model.safetensors at " + hub.baseUrl()), e.getMessage());
        assertEquals(1, hub.logFor("model.safetensors").size(), "404 is not retried");

        e = assertThrows(HubException.class,
                () -> downloader(options().revision("v9")).fetch(REPO, tmp.resolve("v9"), List.of("config.json")));
        assertTrue(e.getMessage().contains("/resolve/v9/config.json"), e.getMessage());
    }

    @Test
    void gatedModelAsksForHfToken() throws Exception {
        hub.requiredToken = "hf_secret";
        HubException e = assertThrows(HubException.class, () -> downloader(options()).fetch(REPO, out, TINY));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains(hub.baseUrl() + "/" + REPO + "/resolve/main/config.json"), e.getMessage());

        e = assertThrows(HubException.class,
                () -> downloader(options().token("hf_wrong")).fetch(REPO, out, TINY));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains("hf_wrong"), "the token is never printed");

        downloader(options().token("hf_secret")).fetch(REPO, out, TINY);
        assertSameAsFixture("model.safetensors");
    }

    @Test
    void redirectToCdnIsFollowedWithoutTheTokenAndLinkedEtagChecked() throws Exception {
        hub.redirected.add("model.safetensors");
        hub.requiredToken = "hf_secret";
        List<FileResult> r = downloader(options().token("hf_secret")).fetch(REPO, out, TINY);
        assertSameAsFixture("model.safetensors");
        assertEquals("sha256", r.get(1).verified());
        List<String> log = hub.logFor("model.safetensors");
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("GET /" + REPO + "/resolve/main/") && log.get(0).endsWith("auth=Bearer hf_secret"));
        assertTrue(log.get(1).startsWith("GET /cdn/model.safetensors") && log.get(1).endsWith("auth=null"),
                "token not sent to another host: " + log.get(1));

        // The hub's X-Linked-Etag is what is checked, not the CDN's ETag.
        Files.delete(out.resolve("model.safetensors"));
        hub.etagOverride.put("model.safetensors", "f".repeat(64));
        HubException e = assertThrows(HubException.class,
                () -> downloader(options().token("hf_secret")).fetch(REPO, out, TINY));
        assertTrue(e.getMessage().contains("checksum mismatch for model.safetensors"), e.getMessage());
    }

    @Test
    void transientServerErrorsAreRetriedAndBounded() throws Exception {
        hub.script("config.json", 503, 502);
        downloader(options()).download(REPO, "config.json", out);
        assertSameAsFixture("config.json");
        assertEquals(3, hub.logFor("config.json").size());

        hub.script("tokenizer.json", 500, 500, 500, 500, 500, 500);
        HubException e = assertThrows(HubException.class,
                () -> downloader(options()).download(REPO, "tokenizer.json", out));
        assertEquals(3, hub.logFor("tokenizer.json").size(), "maxAttempts");
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("gave up after 3 attempts"),
                e.getMessage());
    }

    @Test
    void networkFailureIsAClearErrorAfterBoundedRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HubDownloader.Options o = options().endpoint("http://127.0.0.1:" + port);
        HubException e = assertThrows(HubException.class, () -> downloader(o).fetch(REPO, out, TINY));
        assertTrue(e.getMessage().startsWith("network error downloading config.json from http://127.0.0.1:" + port),
                e.getMessage());
        assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
    }

    @Test
    void missingTokenizerJsonIsBuiltFromVocabAndMerges() throws Exception {
        hub.files.remove("tokenizer.json");
        Path v = tmp.resolve("vocab.json");
        Path m = tmp.resolve("merges.txt");
        ToyVocab.write(v, m, "\n");
        hub.put("vocab.json", Files.readAllBytes(v));
        hub.put("merges.txt", Files.readAllBytes(m));
        List<FileResult> r = downloader(options()).fetch(REPO, out, TINY);
        assertEquals(Outcome.BUILT_FROM_VOCAB, r.get(r.size() - 1).outcome());
        assertArrayEquals(Files.readAllBytes(v), Files.readAllBytes(out.resolve("vocab.json")));
        var tok = JsonParser.parseString(Files.readString(out.resolve("tokenizer.json"))).getAsJsonObject();
        assertEquals("BPE", tok.getAsJsonObject("model").get("type").getAsString());
        assertEquals(ToyVocab.MERGES.size(), tok.getAsJsonObject("model").getAsJsonArray("merges").size());
    }

    @Test
    void urlsAndEndpoint() {
        assertEquals("https://huggingface.co/gpt2/resolve/main/config.json",
                HubDownloader.fileUri(HubDownloader.DEFAULT_ENDPOINT, "gpt2", "main", "config.json").toString());
        assertEquals("http://m:1/a/b/resolve/refs%2Fpr%2F1/onnx/x%20y.json",
                HubDownloader.fileUri("http://m:1/", "a/b", "refs/pr/1", "onnx/x y.json").toString());
        assertEquals("https://huggingface.co", HubDownloader.resolveEndpoint(null, Map.of()));
        assertEquals("https://hf-mirror.example", HubDownloader.resolveEndpoint(null,
                Map.of("HF_ENDPOINT", "https://hf-mirror.example/")));
        assertEquals("http://x", HubDownloader.resolveEndpoint("http://x/", Map.of("HF_ENDPOINT", "http://y")));
        assertThrows(IllegalArgumentException.class, () -> HubDownloader.checkRepo("../etc"));
        assertThrows(IllegalArgumentException.class, () -> HubDownloader.checkRepo("a/b/c"));
        assertThrows(IllegalArgumentException.class, () -> HubDownloader.checkFile("../x"));
        assertEquals("abc", HubDownloader.normalizeEtag("W/\"ABC\""));
    }
}
