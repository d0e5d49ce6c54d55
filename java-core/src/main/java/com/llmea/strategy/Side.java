package com.llmea.strategy;

/** The position held on the symbol. Codes are the C ABI's {@code LLMEA_POS_*} values. */
public enum Side {
    FLAT(0), LONG(1), SHORT(2);

    private final int code;

    Side(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Side ofCode(int code) {
        for (Side s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("position state must be 0 (flat), 1 (long) or 2 (short), got " + code);
    }
}
