package com.llmea.bridge;

import static com.llmea.bridge.NativeBridge.text;
import static com.llmea.bridge.NativeBridge.u16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 8 threads on 4 handles, thousands of calls: no deadlock, and every result equals the single-threaded one. */
class BridgeConcurrencyTest {
    static final int THREADS = 8, HANDLES = 4, CALLS = 1500;

    @TempDir
    Path dir;

    /** One call's inputs, a pure function of (thread, i), and its outputs as one comparable line. */
    static String call(NativeBridge lib, long h, int thread, int i) {
        int lookback = 3 + (thread % HANDLES) * 4; // handle k has lookback 3 + 4k
        int n = lookback + (i % 5);
        double[] closes = new double[n];
        for (int j = 0; j < n; j++) {
            closes[j] = 1.1 + 0.0001 * ((thread * 31 + i * 7 + j * 13) % 97);
        }
        int side = i % 3;
        double vol = side == 0 ? 0 : 0.01 * (1 + i % 4);
        int[] action = {-1};
        double[] volume = {-1};
        short[] forecast = new short[64];
        short[] reason = new short[256];
        long barTime = 1_600_000_000L + i * 300L + thread;
        int st;
        ReadWriteLock lock = LOCKS[(int) (h % LOCKS.length)];
        if (i % 2 == 1) { // calls race on the same handle (shared lock); the outputs of the call itself are checked
            lock.readLock().lock();
            try {
                st = lib.llmea_on_bar(h, barTime, closes, n, side, vol, side == 0 ? 0 : 1.1, i % 9, action, volume,
                        forecast, forecast.length);
            } finally {
                lock.readLock().unlock();
            }
            return st + " " + action[0] + " " + volume[0] + " " + text(forecast);
        }
        lock.writeLock().lock(); // the reason is "the last on this handle": read it before another call lands
        try {
            st = lib.llmea_on_bar(h, barTime, closes, n, side, vol, side == 0 ? 0 : 1.1, i % 9, action, volume, forecast,
                    forecast.length);
            lib.llmea_last_reason(h, reason, reason.length);
        } finally {
            lock.writeLock().unlock();
        }
        return st + " " + action[0] + " " + volume[0] + " " + text(forecast) + " | " + text(reason);
    }

    private static final ReadWriteLock[] LOCKS = new ReadWriteLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantReadWriteLock();
        }
    }

    @Test
    void eightThreadsOnFourHandles() throws Exception {
        NativeBridge lib = NativeBridge.load();
        long[] handles = new long[HANDLES];
        Thread[] openers = new Thread[HANDLES]; // opened concurrently too, as several charts start at once
        for (int k = 0; k < HANDLES; k++) {
            Path cfg = NativeBridge.config(dir, "h" + k + ".cfg", Map.of("strategy.class", EchoStrategy.class.getName(),
                    "echo.lookback", String.valueOf(3 + 4 * k), "echo.volume", String.valueOf(0.1 * (k + 1))));
            int slot = k;
            openers[k] = new Thread(() -> handles[slot] = lib.llmea_open(u16(cfg.toString())));
            openers[k].start();
        }
        for (Thread t : openers) {
            t.join(60_000);
        }
        for (long h : handles) {
            assertTrue(h > 0, () -> "open: " + h + " " + lib.lastError(0));
        }
        try {
            // single-threaded reference
            String[][] expected = new String[THREADS][CALLS];
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < CALLS; i++) {
                    expected[t][i] = call(lib, handles[t % HANDLES], t, i);
                    assertTrue(expected[t][i].startsWith("0 "), expected[t][i]);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<String[]>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    String[] got = new String[CALLS];
                    for (int i = 0; i < CALLS; i++) {
                        got[i] = call(lib, handles[thread % HANDLES], thread, i);
                    }
                    return got;
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "deadlock: the threads did not finish");
            for (int t = 0; t < THREADS; t++) {
                String[] got = futures.get(t).get();
                for (int i = 0; i < CALLS; i++) {
                    assertEquals(expected[t][i], got[i], "thread " + t + " call " + i);
                }
            }
        } finally {
            for (long h : handles) {
                assertEquals(NativeBridge.OK, lib.llmea_close(h));
            }
        }
    }
}
