package io.github.seattleinstaller.runtime.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IoFailuresTest {
    @TempDir
    Path temp;

    @Test
    void aFileExceptionWithoutReasonNamesTheFileOnceAndWhatHappened() {
        Path missing = temp.resolve("bob.vesselinfo");
        NoSuchFileException noSuchFile = assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(missing));
        assertEquals(missing.toString(), noSuchFile.getMessage(), "what made 'path: path'");
        assertEquals(missing + ": no such file", IoFailures.describe(noSuchFile));
        assertEquals("/x/out: permission denied", IoFailures.describe(new AccessDeniedException("/x/out")));
        assertEquals("/x/out: not a directory", IoFailures.describe(new NotDirectoryException("/x/out")));
    }

    @Test
    void aReasonOrAPlainMessageIsKept() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        FileSystemException notDirectory = assertThrows(FileSystemException.class,
                () -> Files.createDirectories(file.resolve("sub")));
        assertEquals(file.resolve("sub") + ": Not a directory", IoFailures.describe(notDirectory));
        assertEquals("No space left on device", IoFailures.describe(new IOException("No space left on device")));
        assertEquals("failed", IoFailures.describe(new IOException()));
    }
}
