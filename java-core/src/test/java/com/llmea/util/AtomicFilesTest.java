package com.llmea.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetWholeAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aFailingWriterLeavesTheOldFileIntact() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "complete");
        assertThrows(IOException.class, () -> AtomicFiles.writeText(f, w -> {
            w.write("half of it");
            throw new IOException("disk on fire");
        }));
        assertEquals("complete", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "the temporary file is removed");
        }
    }

    @Test
    void filesAreReadableByOthersAsWithAnOrdinaryWrite() throws IOException {
        Path ours = dir.resolve("ours.txt");
        Path plain = dir.resolve("plain.txt");
        AtomicFiles.writeString(ours, "x");
        Files.writeString(plain, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(ours));
        assertTrue(Files.getPosixFilePermissions(ours).contains(PosixFilePermission.OWNER_READ));
    }
}
