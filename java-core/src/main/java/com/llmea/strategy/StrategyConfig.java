package com.llmea.strategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one strategy config file read by both {@code llm-ea backtest --config FILE} and the bridge's
 * {@code llmea_open}, so a Strategy Tester run and a harness run are configured identically.
 *
 * <p>Format: UTF-8 (a BOM is allowed) lines of {@code key = value}; {@code #} or {@code ;} starts a comment
 * line; blank lines are ignored; keys are case-insensitive; no escapes (a Windows path such as
 * {@code C:\Program Files\Java} is written as is). The C side of the bridge parses the same file for
 * its {@code java.*} keys, so the format stays this simple. See docs/strategy.md for every key.
 */
public final class StrategyConfig {
    private final Path file;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private StrategyConfig(Path file, Map<String, String> values, Map<String, Integer> lines) {
        this.file = file;
        this.values = values;
        this.lines = lines;
    }

    public static StrategyConfig load(Path file) throws IOException {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new IOException(file.getFileName() + " line " + (i + 1) + ": expected 'key = value', got '" + t + "'");
            }
            String key = t.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (values.containsKey(key)) {
                throw new IOException(file.getFileName() + " line " + (i + 1) + ": key '" + key
                        + "' already set on line " + lines.get(key));
            }
            values.put(key, t.substring(eq + 1).strip());
            lines.put(key, i + 1);
        }
        return new StrategyConfig(file, values, lines);
    }

    /** A config from in-memory values (tests, programmatic use). */
    public static StrategyConfig of(Map<String, String> values) {
        Map<String, String> v = new LinkedHashMap<>();
        values.forEach((k, val) -> v.put(k.toLowerCase(Locale.ROOT), val));
        return new StrategyConfig(null, v, Map.of());
    }

    /** This config with some keys set or replaced (command-line options over the file); the file stays the base for paths. */
    public StrategyConfig withOverrides(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(values);
        overrides.forEach((k, val) -> v.put(k.toLowerCase(Locale.ROOT), val));
        return new StrategyConfig(file, v, lines);
    }

    public Path file() {
        return file;
    }

    /** The directory relative paths in the file are resolved against (the file's own directory). */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || file == null ? p : file.toAbsolutePath().getParent().resolve(p);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public boolean has(String key) {
        return values.containsKey(key.toLowerCase(Locale.ROOT));
    }

    public String string(String key, String defaultValue) {
        return values.getOrDefault(key.toLowerCase(Locale.ROOT), defaultValue);
    }

    public String requireString(String key) {
        String v = values.get(key.toLowerCase(Locale.ROOT));
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(where(key) + "required key '" + key + "' is missing");
        }
        return v;
    }

    public int integer(String key, int defaultValue) {
        String v = values.get(key.toLowerCase(Locale.ROOT));
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(key) + "'" + key + "' must be a whole number, got '" + v + "'");
        }
    }

    public double number(String key, double defaultValue) {
        String v = values.get(key.toLowerCase(Locale.ROOT));
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(key) + "'" + key + "' must be a number, got '" + v + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = values.get(key.toLowerCase(Locale.ROOT));
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(where(key) + "'" + key + "' must be true or false, got '" + v + "'");
        };
    }

    private String where(String key) {
        Integer line = lines.get(key.toLowerCase(Locale.ROOT));
        String name = file == null ? "config" : file.getFileName().toString();
        return line == null ? name + ": " : name + " line " + line + ": ";
    }
}
