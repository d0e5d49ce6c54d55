package com.llmea.data;

/** Facts about the file being read that every parser's result needs. */
record ReadContext(String fileName, BarFormat format, String encoding, String separator, String symbol, long lastLine,
                   int rowsRead) {
}
