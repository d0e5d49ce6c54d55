package com.llmea.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns a file's bytes into text. MetaTrader writes UTF-16LE with a BOM from its export dialogs and
 * UTF-8/ASCII from scripts, so the BOM decides; without one, NUL bytes in the first bytes betray UTF-16.
 */
final class TextDecoder {
    /** The decoded text (BOM removed) and the encoding it was read with. */
    record Decoded(String text, String encoding) {
    }

    private TextDecoder() {
    }

    static Decoded decode(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new Decoded(new String(b, 3, b.length - 3, StandardCharsets.UTF_8), "UTF-8 with BOM");
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), "UTF-16LE with BOM");
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE), "UTF-16BE with BOM");
        }
        int evenNul = 0, oddNul = 0;
        for (int i = 0; i < Math.min(b.length, 200); i++) {
            if (b[i] == 0) {
                if (i % 2 == 0) {
                    evenNul++;
                } else {
                    oddNul++;
                }
            }
        }
        if (oddNul > 4 && evenNul == 0) {
            return decoded(b, StandardCharsets.UTF_16LE, "UTF-16LE");
        }
        if (evenNul > 4 && oddNul == 0) {
            return decoded(b, StandardCharsets.UTF_16BE, "UTF-16BE");
        }
        return decoded(b, StandardCharsets.UTF_8, "UTF-8");
    }

    private static Decoded decoded(byte[] b, Charset cs, String name) {
        return new Decoded(new String(b, cs), name);
    }
}
