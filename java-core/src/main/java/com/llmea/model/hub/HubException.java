package com.llmea.model.hub;

import java.io.IOException;

/** A download from the Hugging Face Hub failed; the message says which file and URL, and what to do. */
public class HubException extends IOException {
    private final int status;
    private final boolean retryable;

    public HubException(String message, int status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.retryable = false;
    }

    /** The HTTP status that caused it, or -1 (network error, checksum mismatch...). */
    public int status() {
        return status;
    }

    /** Whether trying again may help (5xx, 429, dropped connection, timeout). */
    public boolean retryable() {
        return retryable;
    }
}
