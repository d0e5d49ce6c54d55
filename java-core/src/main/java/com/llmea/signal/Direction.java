package com.llmea.signal;

/** A signal's direction. */
public enum Direction {
    BUY, SELL, HOLD
}
