package com.llmea.data;

/**
 * Reads one file layout, line by line. {@link BarReader} owns the file, the decoding and the CSV parsing;
 * a parser only knows its columns. One instance reads one file.
 */
interface FormatParser {
    /** Whether the first non-blank line is a header (passed to {@link #header}) rather than data. */
    boolean isHeader(Fields first);

    void header(Fields header) throws BadDataException;

    void row(Fields row) throws BadDataException;

    /** Called after the last line: checks the whole file (order, duplicates) and builds the result. */
    LoadedBars finish(ReadContext context) throws BadDataException;
}
