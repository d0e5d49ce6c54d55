package com.llmea.data;

import java.io.IOException;

/**
 * A price file that cannot be trusted: the message names the file, the line and the field, e.g.
 * {@code EURUSD_M5.csv line 17, field <HIGH>: high 1.1801 is below max(open, close) 1.1805}.
 * Readers throw it before returning anything, so a file is never half-loaded.
 */
public final class BadDataException extends IOException {
    private final String file;
    private final long line;
    private final String field;

    /** {@code field} may be null when the problem is the whole line (e.g. the format cannot be told). */
    public BadDataException(String file, long line, String field, String problem) {
        super(file + " line " + line + (field == null ? "" : ", field " + field) + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** 1-based line number in the file, counting the header and blank lines. */
    public long line() {
        return line;
    }

    /** The column name as the file's header spells it, or null. */
    public String field() {
        return field;
    }
}
