package com.llmea.cli;

import com.llmea.dataset.DatasetInfo;
import com.llmea.dataset.DatasetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea demo}: the README's main command, on a short synthetic series and on a real export. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsOnTheEmbeddedSyntheticSeriesAndSaysSo() throws IOException {
        Path out = dir.resolve("demo-out");
        InspectCommandTest.Run r = InspectCommandTest.run("demo", "--out", out.toString(), "--synthetic-bars", "3000");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("SYNTHETIC"), r.out());
        assertTrue(r.out().contains("M5"), r.out());
        DatasetInfo info = DatasetWriter.read(out.resolve("dataset"));
        assertTrue(info.source().synthetic());
        assertEquals(3000, info.source().bars());
        assertEquals(3000 - 59, info.count("total"));
        assertTrue(Files.size(out.resolve("dataset/train.txt")) > 0);
        assertTrue(Files.exists(out.resolve("EURUSD.SYNTHETIC_M5.csv")));
    }

    @Test
    void runsOnAUsersExport() throws IOException {
        Path out = dir.resolve("demo-out");
        InspectCommandTest.Run r = InspectCommandTest.run("demo", "--out", out.toString(),
                "--bars", InspectCommandTest.P3DR7.toString());
        assertEquals(0, r.exit(), r.err());
        DatasetInfo info = DatasetWriter.read(out.resolve("dataset"));
        assertEquals("EURUSD", info.source().symbol());
        assertEquals(2416, info.source().bars());
        assertTrue(!r.out().contains("SYNTHETIC"), r.out());
    }
}
