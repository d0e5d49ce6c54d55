package com.llmea.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a price-history file into a {@link BarSeries} with a {@link DataReport}. The format is detected from
 * the first line unless given; the encoding (UTF-8, UTF-16 with or without BOM), line ends and separator
 * (tab, semicolon, comma) are detected always. Bad data is a {@link BadDataException} naming the file, line and
 * field, thrown before anything is returned.
 */
public final class BarReader {
    private BarReader() {
    }

    /** Reads {@code file}, detecting its format; the symbol comes from the file name. */
    public static LoadedBars read(Path file) throws IOException {
        return read(file, null, null);
    }

    /** Reads {@code file} as {@code format} (no detection). */
    public static LoadedBars read(Path file, BarFormat format) throws IOException {
        return read(file, Objects.requireNonNull(format, "format"), null);
    }

    /**
     * @param format null to detect it
     * @param symbol null to take it from the file name ({@link Symbols#fromFileName})
     */
    public static LoadedBars read(Path file, BarFormat format, String symbol) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    Files.isDirectory(file) ? "is a folder, not a price file" : "no such file");
        }
        String name = file.getFileName().toString();
        return read(name, Files.readAllBytes(file), format, symbol == null ? Symbols.fromFileName(name) : symbol);
    }

    static LoadedBars read(String name, byte[] bytes, BarFormat forced, String symbol) throws BadDataException {
        TextDecoder.Decoded decoded = TextDecoder.decode(bytes);
        String text = decoded.text();

        // first non-blank line: the header, or the first bar of a header-less file
        int start = 0;
        long lineNo = 1;
        String first = null;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(start, end).trim();
            if (!line.isEmpty()) {
                first = line;
                break;
            }
            start = end + (text.startsWith("\r\n", end) ? 2 : 1); // CRLF, LF or a lone CR ends a line
            lineNo++;
        }
        if (first == null) {
            throw new BadDataException(name, 1, null, "the file is empty");
        }
        char sep = FormatDetector.separator(first);
        BarFormat format = forced != null ? forced : FormatDetector.detect(name, lineNo, first, sep);
        FormatParser parser = parser(format);

        CSVFormat csv = CSVFormat.DEFAULT.builder()
                .setDelimiter(sep)
                .setIgnoreEmptyLines(false) // so that record numbers are line numbers
                .setTrim(true)
                .get();
        Fields fields = new Fields(name, sep != ','); // "1,17812" is a price only where ',' isn't the separator
        int rowsRead = 0;
        long lastLine = 1;
        boolean seenFirst = false;
        try (CSVParser records = CSVParser.builder().setReader(new StringReader(text)).setFormat(csv).get()) {
            for (CSVRecord r : records) {
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                fields.set(r);
                lastLine = r.getRecordNumber();
                if (!seenFirst) {
                    seenFirst = true;
                    if (parser.isHeader(fields)) {
                        parser.header(fields);
                        continue;
                    }
                }
                rowsRead++;
                parser.row(fields);
            }
        } catch (UncheckedIOException | IOException e) {
            if (e instanceof BadDataException bad) {
                throw bad;
            }
            throw csvError(name, lastLine + 1, e);
        }
        return parser.finish(new ReadContext(name, format, decoded.encoding(), separatorName(sep), symbol, lastLine,
                rowsRead));
    }

    /** Commons CSV's own complaints (in practice an unclosed quote), as a line-numbered message. */
    private static BadDataException csvError(String name, long nextLine, Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String msg = String.valueOf(cause.getMessage());
        long line = nextLine;
        int at = msg.indexOf("(startline ");
        if (at >= 0) {
            long n = Numbers.parseLong(msg.substring(at + 11, Math.max(at + 11, msg.indexOf(')', at))));
            line = n > 0 ? n : line;
        }
        if (msg.contains("EOF reached before encapsulated token finished")) {
            return new BadDataException(name, line, null, "a quote (\") opened on this line is never closed");
        }
        return new BadDataException(name, line, null, "unreadable CSV: " + msg);
    }

    private static FormatParser parser(BarFormat format) {
        switch (format) {
            case MT5_EXPORT:
                return new Mt5ExportParser();
            case MT5_RATES:
                return new RatesCsvParser();
            case MT4_HISTORY:
                return new Mt4HistoryParser();
            case DUKASCOPY:
                return new DukascopyParser();
            case WINDOWS:
                return new WindowsParser();
            default:
                throw new IllegalArgumentException(format.name());
        }
    }

    private static String separatorName(char sep) {
        return sep == '\t' ? "tab" : sep == ';' ? "semicolon" : "comma";
    }
}
