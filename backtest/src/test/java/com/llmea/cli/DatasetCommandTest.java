package com.llmea.cli;

import com.llmea.dataset.DatasetInfo;
import com.llmea.dataset.DatasetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llm-ea dataset} run through the same command tree as the script. */
class DatasetCommandTest {
    @TempDir
    Path dir;

    @Test
    void buildsADataSetAndReportsWhatIsInIt() throws IOException {
        Path out = dir.resolve("ds");
        InspectCommandTest.Run r = InspectCommandTest.run("dataset", InspectCommandTest.P3DR7.toString(),
                "--out", out.toString(), "--window", "60", "--split", "seed");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2,416 read"), "the inspect part reports the bars:\n" + r.out());
        assertTrue(r.out().contains("split seed"), r.out());
        assertTrue(r.out().matches("(?s).*train\\s+2347.*"), r.out());
        assertTrue(r.out().matches("(?s).*test\\s+10.*"), r.out());
        DatasetInfo info = DatasetWriter.read(out);
        assertEquals(2347, info.count("train"));
        assertEquals("seed", info.split());
        assertEquals(2347, Files.readAllLines(out.resolve("train.txt")).size());
    }

    @Test
    void chronologicalDefaultReportsPurgedWindows() {
        InspectCommandTest.Run r = InspectCommandTest.run("dataset", InspectCommandTest.P3DR7.toString(),
                "--out", dir.resolve("ds").toString(), "--stride", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("purged"), r.out());
        assertTrue(r.out().contains("2025-07-11T09:15"), "test range ends at the last bar:\n" + r.out());
    }

    @Test
    void badOptionsAndBadFilesAreOneClearLine() throws IOException {
        InspectCommandTest.Run bad = InspectCommandTest.run("dataset", InspectCommandTest.P3DR7.toString(),
                "--out", dir.resolve("x").toString(), "--split", "random");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("--split must be chronological or seed"), bad.err());

        Path broken = dir.resolve("EURUSD_M5.csv");
        Files.writeString(broken, "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
                + "2025.07.01\t00:00:00\t1.17812\t1.17855\t1.17785\t1.17829\t312\t0\t13\n"
                + "2025.07.01\t00:05:00\t1.17829\tx.1\t1.17769\t1.17808\t291\t0\t10\n");
        InspectCommandTest.Run r = InspectCommandTest.run("dataset", broken.toString(), "--out", dir.resolve("y").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("line 3") && r.err().contains("<HIGH>"), r.err());
        assertFalse(Files.exists(dir.resolve("y").resolve("dataset.json")), "nothing written from bad input");
    }
}
