package com.llmea.bridge;

import static com.llmea.bridge.NativeBridge.text;
import static com.llmea.bridge.NativeBridge.u16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every export called the way MQL5 calls it, in this test JVM (the bridge finds and reuses it). */
class BridgeJnaTest {
    static NativeBridge lib;
    @TempDir
    static Path dir;
    static long echo;

    @BeforeAll
    static void open() throws Exception {
        lib = NativeBridge.load();
        echo = lib.llmea_open(u16(echoConfig("echo.cfg", Map.of()).toString()));
        assertTrue(echo > 0, () -> "open: " + echo + " " + lib.lastError(0));
    }

    @AfterAll
    static void close() {
        if (lib != null && echo > 0) {
            lib.llmea_close(echo);
        }
    }

    static Path echoConfig(String name, Map<String, String> extra) throws Exception {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("strategy.class", EchoStrategy.class.getName());
        v.put("echo.lookback", "3");
        v.putAll(extra);
        return NativeBridge.config(dir, name, v);
    }

    @Test
    void version() {
        short[] buf = new short[64];
        assertEquals(NativeBridge.OK, lib.llmea_version(buf, buf.length));
        assertTrue(text(buf).startsWith("llm-ea "), text(buf));
        short[] tiny = new short[4];
        assertEquals(NativeBridge.ERR_BUFFER, lib.llmea_version(tiny, tiny.length));
        assertEquals("llm", text(tiny));
        assertEquals(NativeBridge.ERR_ARGUMENT, lib.llmea_version(null, 10));
        assertEquals(NativeBridge.ERR_ARGUMENT, lib.llmea_version(buf, 0));
    }

    @Test
    void lookbackIsTheStrategysOwn() throws Exception {
        assertEquals(3, lib.llmea_lookback(echo), "echo.lookback = 3");
        // ma-cross needs its slow period + 1 closes whatever the config's lookback says
        long ma = lib.llmea_open(u16(NativeBridge.config(dir, "ma.conf",
                Map.of("strategy", "ma-cross", "ma_fast", "3", "ma_slow", "7", "lookback", "4")).toString()));
        assertTrue(ma > 0, () -> lib.lastError(0));
        try {
            assertEquals(7, lib.llmea_lookback(ma), "ma-cross: its slow period");
        } finally {
            lib.llmea_close(ma);
        }
        assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_lookback(ma), "closed handle");
        assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_lookback(987654321L), "unknown handle");
    }

    @Test
    void decisionReasonAndForecast() {
        int[] action = {-1};
        double[] volume = {-1};
        short[] forecast = new short[64];
        double[] closes = {1.1, 1.2, 1.3, 1.4, 1.5};
        int st = lib.llmea_on_bar(echo, 1_700_000_000L, closes, closes.length, 0, 0, 0, 0, action, volume, forecast,
                forecast.length);
        assertEquals(NativeBridge.OK, st, () -> lib.lastError(echo));
        assertEquals(1, action[0]); // last 3 closes rise: OPEN_BUY
        assertEquals(0.1, volume[0]);
        assertEquals("1.5 3", text(forecast));
        assertEquals("echo t=1700000000 n=3 first=1.3 last=1.5 side=FLAT vol=0.0 price=0.0 held=0", lib.lastReason(echo));

        st = lib.llmea_on_bar(echo, 1_700_000_300L, closes, closes.length, 1, 0.1, 1.5, 7, action, volume, forecast,
                forecast.length);
        assertEquals(NativeBridge.OK, st);
        assertEquals(3, action[0]); // held 7 >= 5: CLOSE
        assertEquals("echo t=1700000300 n=3 first=1.3 last=1.5 side=LONG vol=0.1 price=1.5 held=7", lib.lastReason(echo));

        // no forecast wanted
        st = lib.llmea_on_bar(echo, 1_700_000_600L, new double[] {1.5, 1.4, 1.3}, 3, 0, 0, 0, 0, action, volume, null, 0);
        assertEquals(NativeBridge.OK, st);
        assertEquals(2, action[0]);
    }

    @Test
    void tinyBuffersAreCutNeverOverrun() {
        int[] action = {-1};
        double[] volume = {-1};
        short[] forecast = {9, 9, 9, 9, 9, 9};
        double[] closes = {1.1, 1.2, 1.3};
        int st = lib.llmea_on_bar(echo, 1L, closes, 3, 0, 0, 0, 0, action, volume, forecast, 4);
        assertEquals(NativeBridge.ERR_BUFFER, st);
        assertEquals(1, action[0], "the decision stands when only the forecast is cut");
        assertEquals("1.3", text(forecast));
        assertEquals(9, forecast[4]);
        assertEquals(9, forecast[5]);
        assertTrue(lib.lastError(echo).contains("forecast_cap = 4"), lib.lastError(echo));

        short[] reason = {9, 9, 9, 9, 9, 9, 9, 9};
        assertEquals(NativeBridge.ERR_BUFFER, lib.llmea_last_reason(echo, reason, 5));
        assertEquals("echo", text(reason));
        assertEquals(9, reason[5]);
        short[] one = {9, 9};
        assertEquals(NativeBridge.ERR_BUFFER, lib.llmea_last_reason(echo, one, 1));
        assertEquals(0, one[0]);
        assertEquals(9, one[1]);
        assertEquals(NativeBridge.ERR_ARGUMENT, lib.llmea_last_reason(echo, null, 10));
        assertEquals(NativeBridge.ERR_ARGUMENT, lib.llmea_last_error(echo, reason, 0));
        assertEquals(NativeBridge.ERR_ARGUMENT, lib.llmea_last_error(echo, reason, -5));
    }

    @Test
    void badArguments() {
        int[] action = {-1};
        double[] volume = {-1};
        short[] f = new short[32];
        double[] ok = {1.1, 1.2, 1.3};
        assertBad(lib.llmea_on_bar(echo, 1L, null, 3, 0, 0, 0, 0, action, volume, f, 32), "closes is null");
        assertEquals(0, action[0]);
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 2, 0, 0, 0, 0, action, volume, f, 32), "at least 3");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 0, 0, 0, 0, 0, action, volume, f, 32), "at least 3");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, -1, 0, 0, 0, 0, action, volume, f, 32), "at least 3");
        assertBad(lib.llmea_on_bar(echo, 1L, new double[] {1.1, Double.NaN, 1.3}, 3, 0, 0, 0, 0, action, volume, f, 32),
                "shift 2 (closes[1]) is nan");
        assertBad(lib.llmea_on_bar(echo, 1L, new double[] {1.1, 1.2, 0}, 3, 0, 0, 0, 0, action, volume, f, 32),
                "shift 1 (closes[2]) is 0");
        assertBad(lib.llmea_on_bar(echo, 1L, new double[] {1.1, 1.2, Double.POSITIVE_INFINITY}, 3, 0, 0, 0, 0, action,
                volume, f, 32), "is inf");
        assertBad(lib.llmea_on_bar(echo, 1L, new double[] {-1, 1.2, 1.3}, 3, 0, 0, 0, 0, action, volume, f, 32), "is -1");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 3, 3, 0, 0, 0, action, volume, f, 32), "position_state");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 3, -1, 0, 0, 0, action, volume, f, 32), "position_state");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 3, 1, Double.NaN, 1.2, 0, action, volume, f, 32), "bad position");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 3, 1, 0.1, 1.2, -3, action, volume, f, 32), "bad position");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 3, 0, 0, 0, 0, null, volume, f, 32), "must not be null");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 3, 0, 0, 0, 0, action, null, f, 32), "must not be null");
        assertBad(lib.llmea_on_bar(echo, 1L, ok, 3, 0, 0, 0, 0, action, volume, null, 32), "out_forecast is null");
        // a NaN outside the last lookback closes is not looked at
        assertEquals(NativeBridge.OK,
                lib.llmea_on_bar(echo, 1L, new double[] {Double.NaN, 1.1, 1.2, 1.3}, 4, 0, 0, 0, 0, action, volume, f, 32));
    }

    private static void assertBad(int status, String message) {
        assertEquals(NativeBridge.ERR_ARGUMENT, status);
        String e = lib.lastError(echo);
        assertTrue(e.contains(message), () -> "'" + e + "' should contain '" + message + "'");
    }

    @Test
    void unknownAndClosedHandles() throws Exception {
        int[] action = {-1};
        double[] volume = {-1};
        double[] ok = {1.1, 1.2, 1.3};
        for (long h : new long[] {0, -1, 123456789L, Long.MAX_VALUE}) {
            assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_on_bar(h, 1L, ok, 3, 0, 0, 0, 0, action, volume, null, 0));
            assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_close(h));
            assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_last_reason(h, new short[8], 8));
        }
        short[] buf = new short[64];
        assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_last_error(42424242L, buf, buf.length));
        assertEquals("unknown or closed handle 42424242", text(buf));

        long h = lib.llmea_open(u16(echoConfig("closing.cfg", Map.of()).toString()));
        assertTrue(h > 0, () -> lib.lastError(0));
        assertEquals(NativeBridge.OK, lib.llmea_on_bar(h, 1L, ok, 3, 0, 0, 0, 0, action, volume, null, 0));
        assertEquals(NativeBridge.OK, lib.llmea_close(h));
        assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_close(h));
        assertEquals(NativeBridge.ERR_HANDLE, lib.llmea_on_bar(h, 1L, ok, 3, 0, 0, 0, 0, action, volume, null, 0));
        // a new tester pass in the same process: open again
        long h2 = lib.llmea_open(u16(echoConfig("closing.cfg", Map.of()).toString()));
        assertTrue(h2 > h, () -> lib.lastError(0));
        assertEquals(NativeBridge.OK, lib.llmea_on_bar(h2, 1L, ok, 3, 0, 0, 0, 0, action, volume, null, 0));
        assertEquals(NativeBridge.OK, lib.llmea_close(h2));
    }

    @Test
    void badConfigs() throws Exception {
        assertOpenFails(null, NativeBridge.ERR_ARGUMENT, "config_path is null");
        assertOpenFails(dir.resolve("missing.cfg").toString(), NativeBridge.ERR_CONFIG, "No such file");
        assertOpenFails("", NativeBridge.ERR_CONFIG, "empty");
        assertOpenFails(dir.toString(), NativeBridge.ERR_CONFIG, "is a directory");
        Path utf16 = dir.resolve("utf16.cfg");
        Files.writeString(utf16, "strategy.class = x\n", StandardCharsets.UTF_16LE);
        assertOpenFails(utf16.toString(), NativeBridge.ERR_CONFIG, "not UTF-8");
        Path noEq = dir.resolve("noeq.cfg");
        Files.writeString(noEq, "# x\nstrategy.class\n");
        assertOpenFails(noEq.toString(), NativeBridge.ERR_CONFIG, "noeq.cfg line 2: expected 'key = value'");
        assertOpenFails(echoConfig("typo.cfg", Map.of("java.classpath", "x.jar")).toString(), NativeBridge.ERR_CONFIG,
                "unknown key 'java.classpath'");
        assertOpenFails(echoConfig("to.cfg", Map.of("java.timeout_ms", "soon")).toString(), NativeBridge.ERR_CONFIG,
                "'java.timeout_ms' must be a whole number");
        assertOpenFails(NativeBridge.config(dir, "nostrategy.cfg", Map.of("strategy.class", "com.example.Nope")).toString(),
                NativeBridge.ERR_CONFIG, "com.example.Nope");
        assertOpenFails(NativeBridge.config(dir, "notstrategy.cfg", Map.of("strategy.class", "java.lang.String")).toString(),
                NativeBridge.ERR_CONFIG, "does not implement com.llmea.strategy.Strategy");
        assertOpenFails(echoConfig("badvalue.cfg", Map.of("echo.lookback", "three")).toString(), NativeBridge.ERR_CONFIG,
                "'echo.lookback' must be a whole number");
        assertOpenFails(echoConfig("zero.cfg", Map.of("echo.lookback", "0")).toString(), NativeBridge.ERR_CONFIG,
                "lookback is 0");
        assertOpenFails(NativeBridge.config(dir, "throws.cfg", Map.of("strategy.class", FailingOpenStrategy.class.getName()))
                .toString(), NativeBridge.ERR_JAVA, "IllegalStateException: model file is corrupt (test)");
        Path locked = NativeBridge.config(dir, "locked.cfg", Map.of("strategy.class", EchoStrategy.class.getName()));
        if (locked.toFile().setReadable(false, false) && !Files.isReadable(locked)) { // not as root
            assertOpenFails(locked.toString(), NativeBridge.ERR_CONFIG, "Permission denied");
        }
        // the path is UTF-16: a non-ASCII directory name
        Path sub = Files.createDirectories(dir.resolve("stratégie-€"));
        long h = lib.llmea_open(u16(NativeBridge.config(sub, "é.cfg",
                Map.of("strategy.class", EchoStrategy.class.getName())).toString()));
        assertTrue(h > 0, () -> lib.lastError(0));
        assertEquals(NativeBridge.OK, lib.llmea_close(h));
    }

    private static void assertOpenFails(String path, int status, String message) {
        long h = lib.llmea_open(path == null ? null : u16(path));
        assertEquals(status, h, () -> "open " + path + ": " + lib.lastError(0));
        String e = lib.lastError(0);
        assertTrue(e.contains(message), () -> "'" + e + "' should contain '" + message + "'");
    }

    @Test
    void javaExceptionBecomesStatus() throws Exception {
        int[] action = {-1};
        double[] volume = {-1};
        int st = lib.llmea_on_bar(echo, 55L, new double[] {1.1, 1.2, 777}, 3, 0, 0, 0, 0, action, volume, null, 0);
        assertEquals(NativeBridge.ERR_JAVA, st);
        assertEquals(0, action[0]);
        assertTrue(lib.lastError(echo).startsWith("java.lang.IllegalStateException: echo asked to fail at 55 (at com.llmea"),
                lib.lastError(echo));
        // and the handle keeps working
        assertEquals(NativeBridge.OK,
                lib.llmea_on_bar(echo, 56L, new double[] {1.1, 1.2, 1.3}, 3, 0, 0, 0, 0, action, volume, null, 0));
    }

    @Test
    void openTimeout() throws Exception {
        long t0 = System.nanoTime();
        assertOpenFails(echoConfig("slowopen.cfg", Map.of("echo.open_sleep_ms", "1500", "java.open_timeout_ms", "300"))
                .toString(), NativeBridge.ERR_TIMEOUT, "did not start within java.open_timeout_ms = 300 ms");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 290 && ms < 1400, "returned after " + ms + " ms");
        Thread.sleep(1500); // the late open finishes and its worker closes the strategy by itself
        long h = lib.llmea_open(u16(echoConfig("fastopen.cfg", Map.of()).toString()));
        assertTrue(h > 0, () -> lib.lastError(0));
        assertEquals(NativeBridge.OK, lib.llmea_close(h));
    }

    @Test
    void timeout() throws Exception {
        long h = lib.llmea_open(u16(echoConfig("slow.cfg", Map.of("echo.sleep_ms", "1500", "java.timeout_ms", "200"))
                .toString()));
        assertTrue(h > 0, () -> lib.lastError(0));
        try {
            int[] action = {-1};
            double[] volume = {-1};
            long t0 = System.nanoTime();
            int st = lib.llmea_on_bar(h, 1L, new double[] {1, 2, 999}, 3, 0, 0, 0, 0, action, volume, null, 0);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(NativeBridge.ERR_TIMEOUT, st);
            assertTrue(ms >= 190 && ms < 1200, "returned after " + ms + " ms");
            assertTrue(lib.lastError(h).contains("java.timeout_ms = 200"), lib.lastError(h));
            // still running: the next call answers at once
            t0 = System.nanoTime();
            st = lib.llmea_on_bar(h, 2L, new double[] {1, 2, 3}, 3, 0, 0, 0, 0, action, volume, null, 0);
            assertEquals(NativeBridge.ERR_TIMEOUT, st);
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 100);
            assertTrue(lib.lastError(h).contains("still running"), lib.lastError(h));
            Thread.sleep(1600);
            st = lib.llmea_on_bar(h, 3L, new double[] {1, 2, 3}, 3, 0, 0, 0, 0, action, volume, null, 0);
            assertEquals(NativeBridge.OK, st, () -> lib.lastError(h));
            assertEquals(1, action[0]);
        } finally {
            assertEquals(NativeBridge.OK, lib.llmea_close(h));
        }
    }
}
