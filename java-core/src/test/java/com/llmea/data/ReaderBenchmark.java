package com.llmea.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading speed of {@link BarReader} on a real file (default: the 24,886-row kayoroxa MT5 export).
 * Not a test: run it by hand from the repository root after {@code mvn -q -pl java-core test-compile}:
 * <pre>
 * mvn -q -pl java-core dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp java-core/target/classes:java-core/target/test-classes:$(cat /tmp/cp.txt) \
 *      com.llmea.data.ReaderBenchmark [FILE] [ROUNDS]
 * </pre>
 */
public final class ReaderBenchmark {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/kayoroxa__binarias/EURUSD_M5.csv");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;

        long t0 = System.nanoTime();
        int rows = BarReader.read(file).series().size();
        double coldMs = (System.nanoTime() - t0) / 1e6;

        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            BarReader.read(file);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[rounds / 2];
        System.out.printf("%s: %,d rows%n", file.getFileName(), rows);
        System.out.printf("first read (cold JVM): %.1f ms = %,.0f rows/s%n", coldMs, rows / coldMs * 1000);
        System.out.printf("warm read, median of %d: %.1f ms = %,.0f rows/s (best %.1f ms)%n", rounds, median,
                rows / median * 1000, ms[0]);
    }
}
