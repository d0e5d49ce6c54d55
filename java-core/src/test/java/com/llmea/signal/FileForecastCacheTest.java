package com.llmea.signal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The file-backed forecast cache: round trip, namespaces, torn and corrupt files, concurrent writers. */
class FileForecastCacheTest {
    static final String NS = "model=abc prompt=20 horizon=40";

    static double[] window(int i) {
        double[] c = new double[20];
        for (int j = 0; j < 20; j++) {
            c[j] = 1.1 + (i * 7 + j) / 100000.0;
        }
        return c;
    }

    static Forecast forecast(int i) {
        double[] f = new double[40];
        Arrays.setAll(f, j -> 1.2 + (i + j) / 100000.0);
        return new Forecast(f, 40, i % 2 == 0 ? "" : "reason " + i, "text of " + i + "\n");
    }

    static void assertForecast(Forecast want, Forecast got) {
        assertNotNull(got);
        assertArrayEquals(want.closes(), got.closes());
        assertEquals(want.parsedCount(), got.parsedCount());
        assertEquals(want.reason(), got.reason());
        assertEquals(want.text(), got.text());
    }

    @Test
    void roundTripAcrossInstancesAndNamespaces(@TempDir Path dir) throws Exception {
        FileForecastCache a = new FileForecastCache(dir, NS);
        Forecast empty = new Forecast(new double[0], 7, "parsed 7 of 40 prices: token 'x'", "1 2 3 4 5 6 7 x");
        a.put(100, window(1), forecast(1));
        a.put(200, window(2), empty);
        assertForecast(forecast(1), a.get(100, window(1)));
        FileForecastCache b = new FileForecastCache(dir, NS);
        assertForecast(forecast(1), b.get(100, window(1)));
        assertForecast(empty, b.get(200, window(2)));
        assertEquals(2, b.diskReads());
        assertForecast(forecast(1), b.get(100, window(1)));
        assertEquals(2, b.diskReads(), "the second lookup comes from memory");
        assertNull(b.get(101, window(1)), "another bar");
        assertNull(b.get(100, window(2)), "other closes");
        FileForecastCache other = new FileForecastCache(dir, NS + " temperature=0.7");
        assertNull(other.get(100, window(1)), "another model or setting never sees the entry");
        assertNotEquals(a.directory(), other.directory());
        assertEquals(NS + "\n", Files.readString(a.directory().resolve("namespace.txt")));
    }

    @Test
    void tornOrCorruptFilesAreIgnoredAndRecomputed(@TempDir Path dir) throws Exception {
        FileForecastCache a = new FileForecastCache(dir, NS);
        for (int i = 0; i < 5; i++) {
            a.put(i, window(i), forecast(i));
        }
        byte[] whole = Files.readAllBytes(a.file(0, window(0)));
        Files.write(a.file(0, window(0)), Arrays.copyOf(whole, whole.length / 2)); // torn
        byte[] flipped = Files.readAllBytes(a.file(1, window(1)));
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(a.file(1, window(1)), flipped); // bit flip
        Files.write(a.file(2, window(2)), new byte[0]); // empty
        Files.writeString(a.file(3, window(3)), "not a cache file at all"); // garbage
        Files.write(a.file(4, window(4)), Files.readAllBytes(a.file(5 - 1, window(4)))); // intact
        FileForecastCache b = new FileForecastCache(dir, NS);
        for (int i = 0; i < 4; i++) {
            assertNull(b.get(i, window(i)), "damaged entry " + i);
        }
        assertEquals(4, b.ignoredFiles());
        assertForecast(forecast(4), b.get(4, window(4)));
        // through the caching forecaster: recomputed once, rewritten, then served
        int[] calls = {0};
        Forecaster model = (closes, t) -> {
            calls[0]++;
            return forecast((int) t);
        };
        CachingForecaster cf = new CachingForecaster(model, b, 8);
        List<double[]> w = new ArrayList<>();
        long[] t = new long[5];
        for (int i = 0; i < 5; i++) {
            w.add(window(i));
            t[i] = i;
        }
        List<Forecast> got = cf.forecastBatch(w, t);
        assertEquals(4, calls[0]);
        for (int i = 0; i < 5; i++) {
            assertForecast(forecast(i), got.get(i));
            assertForecast(forecast(i), new FileForecastCache(dir, NS).get(i, window(i)));
        }
    }

    @Test
    void concurrentWritersLeaveEveryEntryWhole(@TempDir Path dir) throws Exception {
        int writers = 4;
        int keys = 120;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int offset = w * 17;
                jobs.add(pool.submit(() -> {
                    FileForecastCache c = new FileForecastCache(dir, NS); // one per "process"
                    for (int k = 0; k < keys; k++) {
                        int i = (k + offset) % keys; // every writer writes every key, in a different order
                        c.put(i, window(i), forecast(i));
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
        FileForecastCache fresh = new FileForecastCache(dir, NS);
        for (int i = 0; i < keys; i++) {
            assertForecast(forecast(i), fresh.get(i, window(i)));
        }
        assertEquals(0, fresh.ignoredFiles());
        try (var s = Files.walk(fresh.directory())) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "no temporary files left");
        }
    }
}
