package com.llmea.dataset;

import com.llmea.data.BarReader;
import com.llmea.data.LoadedBars;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Speed of the data path: bar file → {@link BarReader} (rows/s) and loaded bars → data set directory
 * (windows/s, text written). Reports the median of several rounds in CPU time of this thread, which
 * stays meaningful on a busy machine, and wall time beside it.
 */
public final class DataBench {
    private final PrintWriter out;

    public DataBench(PrintWriter out) {
        this.out = out;
    }

    public void run(Path file, int rounds) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Path tmp = Files.createTempDirectory("llmea-bench-data");
        try {
            long c0 = mx.getCurrentThreadCpuTime();
            LoadedBars loaded = BarReader.read(file);
            double coldCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            int rows = loaded.series().size();
            out.printf("%s: %,d bars%n", file.getFileName(), rows);
            out.printf("reader, first read (cold JIT):  %,12.0f rows/s (CPU)%n", rows / coldCpu);

            double[] readCpu = new double[rounds], readWall = new double[rounds];
            double[] dsCpu = new double[rounds], dsWall = new double[rounds];
            DatasetInfo info = null;
            for (int i = 0; i < rounds; i++) {
                long w = System.nanoTime(), c = mx.getCurrentThreadCpuTime();
                loaded = BarReader.read(file);
                readWall[i] = (System.nanoTime() - w) / 1e9;
                readCpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e9;

                w = System.nanoTime();
                c = mx.getCurrentThreadCpuTime();
                info = DatasetBuilder.build(file, loaded, DatasetOptions.defaults(), tmp.resolve("ds"));
                dsWall[i] = (System.nanoTime() - w) / 1e9;
                dsCpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e9;
            }
            int windows = info.count("total");
            long bytes = Files.size(tmp.resolve("ds").resolve(DatasetWriter.TRAIN))
                    + Files.size(tmp.resolve("ds").resolve(DatasetWriter.VALID))
                    + Files.size(tmp.resolve("ds").resolve(DatasetWriter.TEST));
            out.printf("reader, warm median of %d:       %,12.0f rows/s (CPU), %,12.0f rows/s (wall)%n",
                    rounds, rows / median(readCpu), rows / median(readWall));
            out.printf("data set builder, warm median:  %,12.0f windows/s (CPU), %,12.0f windows/s (wall), %.1f MB/s of text%n",
                    windows / median(dsCpu), windows / median(dsWall), bytes / 1e6 / median(dsWall));
            out.printf("  (%,d windows of 60 closes, SHA-256 of the source included)%n", windows);
            out.flush();
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
