package com.llmea.strategy;

/** What to do at this bar's open. Codes are the C ABI's {@code LLMEA_ACT_*} values. */
public enum ActionType {
    NONE(0), OPEN_BUY(1), OPEN_SELL(2), CLOSE(3), REVERSE(4);

    private final int code;

    ActionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
