package com.llmea.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only reference fixtures under {@code llmea.shared}/fixtures. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        String shared = System.getProperty("llmea.shared", "/work/shared");
        return Path.of(shared, "fixtures");
    }

    public static Path tinyGpt2() {
        return root().resolve("tiny-gpt2");
    }

    public static JsonObject json(String relative) {
        try {
            return JsonParser.parseString(Files.readString(root().resolve(relative))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long[] longs(JsonArray a) {
        long[] r = new long[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsLong();
        }
        return r;
    }

    public static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsInt();
        }
        return r;
    }

    public static long[][] longs2(JsonArray a) {
        long[][] r = new long[a.size()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = longs(a.get(i).getAsJsonArray());
        }
        return r;
    }

    public static int[][] ints2(JsonArray a) {
        int[][] r = new int[a.size()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = ints(a.get(i).getAsJsonArray());
        }
        return r;
    }
}
