package com.llmea.data;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading speed of {@link BarReader} on a real file (default: the 24,886-row kayoroxa MT5 export). Prints
 * wall time and this thread's CPU time: on a busy machine the CPU figure is the one to compare.
 * Not a test: run it by hand from the repository root (see docs/data.md):
 * <pre>
 * mvn -q -pl java-core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp java-core/target/classes:java-core/target/test-classes:$(cat /tmp/cp.txt) \
 *      com.llmea.data.ReaderBenchmark [FILE] [ROUNDS]
 * </pre>
 */
public final class ReaderBenchmark {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/kayoroxa__binarias/EURUSD_M5.csv");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();

        long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        int rows = BarReader.read(file).series().size();
        double coldMs = (System.nanoTime() - t0) / 1e6, coldCpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6;

        double[] ms = new double[rounds], cpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime(), c = mx.getCurrentThreadCpuTime();
            BarReader.read(file);
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        double median = ms[rounds / 2], medianCpu = cpu[rounds / 2];
        System.out.printf("%s: %,d rows%n", file.getFileName(), rows);
        System.out.printf("first read (cold JVM): %.1f ms wall, %.1f ms CPU = %,.0f rows/s (CPU)%n", coldMs, coldCpuMs,
                rows / coldCpuMs * 1000);
        System.out.printf("warm, median of %d: %.1f ms wall, %.1f ms CPU = %,.0f rows/s (CPU), %,.0f rows/s (wall)%n",
                rounds, median, medianCpu, rows / medianCpu * 1000, rows / median * 1000);
    }
}
