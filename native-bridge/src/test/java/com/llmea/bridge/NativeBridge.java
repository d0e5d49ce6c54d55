package com.llmea.bridge;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The bridge library loaded through JNA into the test JVM, declared the way MQL5 imports it: UTF-16 strings
 * as {@code short[]} (uint16_t, NUL-terminated), {@code double &a[]} as {@code double[]}, outputs as arrays of one.
 */
interface NativeBridge extends Library {
    int OK = 0, ERR_ARGUMENT = -1, ERR_HANDLE = -2, ERR_CONFIG = -3, ERR_JVM = -4, ERR_JAVA = -5, ERR_BUFFER = -6,
            ERR_TIMEOUT = -7, ERR_INTERNAL = -8;

    int llmea_version(short[] buf, int cap);

    long llmea_open(short[] configPath);

    int llmea_on_bar(long handle, long barTime, double[] closes, int n, int positionState, double positionVolume,
            double positionPrice, int barsHeld, int[] outAction, double[] outVolume, short[] outForecast, int forecastCap);

    int llmea_lookback(long handle);

    int llmea_last_reason(long handle, short[] buf, int cap);

    int llmea_last_error(long handle, short[] buf, int cap);

    int llmea_close(long handle);

    static Path nativeDir() {
        return Path.of(System.getProperty("llmea.native", "target/native"));
    }

    static NativeBridge load() {
        return Native.load(nativeDir().resolve("linux-x86_64/libllmea.so").toAbsolutePath().toString(), NativeBridge.class);
    }

    /** A Java string as MQL5 passes it: UTF-16 units and a NUL. */
    static short[] u16(String s) {
        short[] a = new short[s.length() + 1];
        for (int i = 0; i < s.length(); i++) {
            a[i] = (short) s.charAt(i);
        }
        return a;
    }

    /** The NUL-terminated text in a UTF-16 buffer. */
    static String text(short[] buf) {
        StringBuilder sb = new StringBuilder();
        for (short c : buf) {
            if (c == 0) {
                return sb.toString();
            }
            sb.append((char) c);
        }
        throw new AssertionError("no NUL in the buffer: " + sb);
    }

    default String lastError(long handle) {
        short[] buf = new short[2048];
        llmea_last_error(handle, buf, buf.length);
        return text(buf);
    }

    default String lastReason(long handle) {
        short[] buf = new short[2048];
        llmea_last_reason(handle, buf, buf.length);
        return text(buf);
    }

    /** Writes a config file of key = value lines. */
    static Path config(Path dir, String name, Map<String, String> values) throws IOException {
        StringBuilder sb = new StringBuilder("# test config\n");
        values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }
}
