package com.llmea.strategy;

/**
 * The position a strategy sees when it decides: side, volume in lots, open price and how many bars
 * it has been held (0 on the bar it was opened).
 */
public record Position(Side side, double volume, double openPrice, int barsHeld) {
    public static final Position FLAT = new Position(Side.FLAT, 0, 0, 0);

    public boolean isFlat() {
        return side == Side.FLAT;
    }
}
