package io.github.seattleinstaller.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory for the benchmark's scratch files, never inside the installer's signed files: beside the
 * state directory (a staging sibling, so on the file system the vessels will use, and ignored by the
 * installer's file-list check) or in the system's temporary directory. Closing it deletes it and
 * everything in it; so does a shutdown hook when the installer is stopped by Ctrl-C or SIGTERM. After a
 * kill -9 nothing runs: the next install removes the sibling with the other stale ones.
 */
public final class ScratchDirectory implements AutoCloseable {
    /** A measurement thread may still be writing while the hook deletes: try again a few times. */
    private static final int DELETE_ATTEMPTS = 50;

    private final Path path;
    private final Thread hook;

    private ScratchDirectory(Path path) {
        this.path = path;
        this.hook = new Thread(this::deleteWithRetries, "seattle-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A new scratch directory beside the state directory, whose parent must exist. Hold its lock. */
    public static ScratchDirectory besideState(Path stateDirectory) throws IOException {
        return new ScratchDirectory(VesselStateWriter.createScratchDirectory(stateDirectory));
    }

    /** A new scratch directory in {@code java.io.tmpdir}, for a dry run, which writes nothing beside the state. */
    public static ScratchDirectory inTemporaryDirectory() throws IOException {
        return new ScratchDirectory(Files.createTempDirectory("seattle-benchmark-"));
    }

    public Path path() {
        return path;
    }

    /** Deletes the directory and what is in it. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it deletes the directory.
        }
        VesselStateWriter.deleteRecursively(path);
    }

    private void deleteWithRetries() {
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS; attempt++) {
            try {
                VesselStateWriter.deleteRecursively(path);
                return;
            } catch (IOException stillInUse) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
