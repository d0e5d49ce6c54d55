package com.llmea.eval;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.llmea.dataset.DatasetInfo;
import com.llmea.dataset.DatasetWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A data set's test windows ({@code test.csv}: {@code index,c1..cN}) and its {@code dataset.json}. */
public record TestSet(Path dir, DatasetInfo info, List<Window> windows) {

    /** One test window: the series index of its first bar and its closes. */
    public record Window(long start, double[] closes) {
    }

    public static TestSet load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("data set " + dir + " does not exist (make one with llm-ea dataset)");
        }
        Path infoFile = dir.resolve(DatasetWriter.INFO);
        if (!Files.isRegularFile(infoFile)) {
            throw new IOException(dir + " has no " + DatasetWriter.INFO + " (not a data set, or not finished)");
        }
        DatasetInfo info;
        try {
            info = new Gson().fromJson(Files.readString(infoFile, StandardCharsets.UTF_8), DatasetInfo.class);
        } catch (JsonParseException e) {
            throw new IOException(infoFile + ": " + e.getMessage(), e);
        }
        if (info == null || info.source() == null) {
            throw new IOException(infoFile + ": no source section");
        }
        Path test = dir.resolve(DatasetWriter.TEST);
        List<Window> windows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(test, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("index,")) {
                throw new IOException(test + ": expected the header index,c1,...");
            }
            int cols = header.split(",", -1).length;
            int lineNo = 1;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != cols) {
                    throw new IOException(test + " line " + lineNo + ": " + f.length + " fields, the header has " + cols);
                }
                double[] c = new double[cols - 1];
                try {
                    long start = Long.parseLong(f[0]);
                    for (int i = 1; i < cols; i++) {
                        c[i - 1] = Double.parseDouble(f[i]);
                    }
                    windows.add(new Window(start, c));
                } catch (NumberFormatException e) {
                    throw new IOException(test + " line " + lineNo + ": not a number: " + e.getMessage(), e);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(dir + " has no " + DatasetWriter.TEST, e);
        }
        return new TestSet(dir, info, windows);
    }

    /** {@code n} windows spread evenly over the test set (all when n &lt;= 0 or n &gt;= size), in time order. */
    public List<Window> spread(int n) {
        int total = windows.size();
        if (n <= 0 || n >= total) {
            return windows;
        }
        List<Window> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            out.add(windows.get((int) ((long) j * total / n)));
        }
        return out;
    }
}
