package io.github.seattleinstaller.runtime.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One install at a time per state directory: an operating-system lock ({@link FileChannel#tryLock()}) on
 * the empty file {@code .<state name>.lock} beside the state directory, held for the whole install. The
 * system releases it when the process ends, however it ends, so a crashed install never blocks the next
 * one. The file itself stays: deleting a lock file lets two processes lock two different files of the
 * same name, so it is created once and left in place, empty.
 *
 * <p>Every staging, scratch and replaced-state sibling of the state directory is created and removed only
 * under this lock, so a run that holds it knows that any sibling it finds belongs to no live process.
 */
public final class InstallLock implements AutoCloseable {
    private static final String SUFFIX = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private InstallLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a state directory: {@code .<name>.lock} in the same parent. */
    public static Path lockFile(Path stateDirectory) {
        Path target = stateDirectory.toAbsolutePath().normalize();
        return target.resolveSibling(lockFileName(target.getFileName().toString()));
    }

    /** The lock file's name for the state directory named {@code stateDirectoryName}. */
    public static String lockFileName(String stateDirectoryName) {
        return "." + stateDirectoryName + SUFFIX;
    }

    /**
     * Takes the lock of the state directory without waiting, creating the lock file if there is none.
     *
     * @return the lock, or empty if another install (in this or another process) holds it
     * @throws IOException if the lock file cannot be created or opened (its parent is missing, say)
     */
    public static Optional<InstallLock> tryAcquire(Path stateDirectory) throws IOException {
        FileChannel channel = FileChannel.open(lockFile(stateDirectory), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new InstallLock(channel, lock));
            }
        } catch (OverlappingFileLockException heldInThisProcess) {
            // Another install running in this JVM holds it: the same answer as another process.
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    /** Releases the lock; the lock file stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
