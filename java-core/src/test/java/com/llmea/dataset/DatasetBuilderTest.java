package com.llmea.dataset;

import com.llmea.data.BarFormat;
import com.llmea.data.BarReader;
import com.llmea.data.BarSeries;
import com.llmea.data.LoadedBars;
import com.llmea.text.ParsedPrices;
import com.llmea.text.PriceText;
import com.llmea.util.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetBuilderTest {
    static final Path SHARED = Path.of(System.getProperty("llmea.shared", "../../shared"));
    static final Path SMALL = SHARED.resolve("data/P3dr7__Cruzamento-de-Medias/EURUSD_M5.csv");
    static final Path LARGE = SHARED.resolve("data/kayoroxa__binarias/EURUSD_M5.csv");
    static final Path METHOD_TRAIN_TXT = SHARED.resolve("fixtures/textdataset-packing/train.txt");

    @TempDir
    Path tmp;

    @Test
    void seedSplitWritesTheOriginalMethodsTextByteForByte() throws IOException {
        LoadedBars loaded = BarReader.read(SMALL);
        DatasetInfo info = DatasetBuilder.build(SMALL, loaded,
                DatasetOptions.defaults().withSplit(SplitMode.SEED), tmp);

        assertEquals(2416 - 59, info.count("total"));
        assertEquals(10, info.count("test"));
        assertEquals(2416 - 59 - 10, info.count("train"));
        assertEquals(0, info.count("valid"));
        assertEquals(0, Files.size(tmp.resolve(DatasetWriter.VALID)));

        // The fixture is the first 200 windows as pandas + str(float) wrote them.
        byte[] expected = Files.readAllBytes(METHOD_TRAIN_TXT);
        byte[] ours = Files.readAllBytes(tmp.resolve(DatasetWriter.TRAIN));
        assertTrue(ours.length > expected.length);
        assertEquals(new String(expected, StandardCharsets.US_ASCII),
                new String(ours, 0, expected.length, StandardCharsets.US_ASCII));
    }

    @Test
    void chronologicalSplitPurgesOverlapAndRecordsTheSource() throws IOException {
        LoadedBars loaded = BarReader.read(LARGE);
        DatasetInfo info = DatasetBuilder.build(LARGE, loaded, DatasetOptions.defaults(), tmp);

        int windows = 24_886 - 59;
        assertEquals(windows, info.count("total"));
        assertEquals(Math.round(windows * 0.1), info.count("test"));
        assertEquals(Math.round(windows * 0.1), info.count("valid"));
        assertEquals(2 * 59, info.count("purged"));
        assertEquals(windows, info.count("train") + info.count("valid") + info.count("test") + info.count("purged"));

        DatasetInfo.Range train = info.ranges().get("train");
        DatasetInfo.Range valid = info.ranges().get("valid");
        DatasetInfo.Range test = info.ranges().get("test");
        assertEquals(0, train.firstBar());
        assertEquals(train.lastBar() + 1, valid.firstBar(), "validation starts right after the last training bar");
        assertEquals(valid.lastBar() + 1, test.firstBar(), "test starts right after the last validation bar");
        assertEquals(24_885, test.lastBar());
        assertEquals("2021-12-30T15:20", test.lastTime());

        assertEquals(Sha256.of(LARGE), info.source().sha256());
        assertEquals("EURUSD", info.source().symbol());
        assertEquals("M5", info.source().timeframe());
        assertEquals(5, info.source().digits());
        assertFalse(info.source().synthetic());
        assertEquals(info, DatasetWriter.read(tmp), "dataset.json reads back to the same record");

        assertEquals(info.count("train"), Files.readAllLines(tmp.resolve(DatasetWriter.TRAIN)).size());
        assertEquals(info.count("valid"), Files.readAllLines(tmp.resolve(DatasetWriter.VALID)).size());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("dataset.json", "test.csv", "train.txt", "valid.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left behind");
        }
    }

    @Test
    void textParsesBackToTheClosesAtTheSymbolsDigits() throws IOException {
        LoadedBars loaded = BarReader.read(SMALL);
        BarSeries s = loaded.series();
        DatasetInfo info = DatasetBuilder.build(SMALL, loaded, DatasetOptions.defaults().withStride(7), tmp);
        List<String> lines = Files.readAllLines(tmp.resolve(DatasetWriter.TRAIN));
        assertEquals(info.count("train"), lines.size());
        double[] expected = new double[60];
        for (int i = 0; i < lines.size(); i++) {
            ParsedPrices p = PriceText.parse(lines.get(i), 60);
            assertTrue(p.complete(), "line " + i + ": " + p.stopReason());
            s.copyCloses(i * 7, expected, 0, 60);
            assertArrayEquals(expected, p.values(), 0.0, "line " + i);
        }
    }

    @Test
    void testCsvIsTheWindowFormatAndReadsBack() throws IOException {
        LoadedBars loaded = BarReader.read(SMALL);
        DatasetBuilder.build(SMALL, loaded, DatasetOptions.defaults(), tmp);
        Path testCsv = tmp.resolve(DatasetWriter.TEST);
        LoadedBars back = BarReader.read(testCsv);
        assertEquals(BarFormat.WINDOWS, back.report().format());
        double[][] rows = back.windows().orElseThrow();
        List<String> csv = Files.readAllLines(testCsv);
        assertEquals(csv.size() - 1, rows.length);
        double[] expected = new double[60];
        for (int r = 0; r < rows.length; r++) {
            int start = Integer.parseInt(csv.get(r + 1).substring(0, csv.get(r + 1).indexOf(',')));
            loaded.series().copyCloses(start, expected, 0, 60);
            assertArrayEquals(expected, rows[r], 0.0, "row " + r);
        }

        // and a data set made from the window format uses its rows as the windows
        Path again = tmp.resolve("from-windows");
        DatasetInfo info = DatasetBuilder.build(testCsv, back, DatasetOptions.defaults().withSplit(SplitMode.SEED)
                .withSeedTestWindows(3), again);
        assertEquals(rows.length, info.count("total"));
        assertEquals(rows.length - 3, Files.readAllLines(again.resolve(DatasetWriter.TRAIN)).size());
        assertEquals(PriceText.line(rows[0], 5), Files.readAllLines(again.resolve(DatasetWriter.TRAIN)).get(0));
    }

    @Test
    void tooShortSeriesIsAClearError() throws IOException {
        Path file = tmp.resolve("EURUSD_M5.csv");
        List<String> lines = Files.readAllLines(SMALL).subList(0, 31);
        Files.write(file, lines);
        LoadedBars loaded = BarReader.read(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetBuilder.build(file, loaded, DatasetOptions.defaults(), tmp.resolve("out")));
        assertTrue(e.getMessage().contains("30 bars") && e.getMessage().contains("60"), e.getMessage());
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> DatasetOptions.defaults().withWindow(1));
        assertThrows(IllegalArgumentException.class, () -> DatasetOptions.defaults().withStride(0));
        assertThrows(IllegalArgumentException.class, () -> DatasetOptions.defaults().withFractions(0.5, 0.5));
    }
}
