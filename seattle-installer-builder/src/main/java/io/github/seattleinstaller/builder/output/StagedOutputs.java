package io.github.seattleinstaller.builder.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Output files written first into a hidden staging directory beside them, then all moved into place with
 * atomic renames once every one of them is complete. Closing without committing deletes the staging
 * directory, so a failure leaves neither partial files nor a partial set of outputs.
 *
 * <p>Nothing is kept in memory per staged file (the staging directory is the list), so tens of thousands
 * of outputs cost no more than a few. Files staged with {@link #stageLast} are moved after all others: a
 * marker that vouches for the rest (a build fingerprint) must never be in place before what it vouches for.
 */
public final class StagedOutputs implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Hidden, and never ending in an output's extension, so nothing mistakes it or its files for outputs. */
    private static final String STAGING_PREFIX = ".seattle-staging-";

    private final Path directory;
    private final StagingCheckpoint checkpoint;
    private final Set<String> last = new LinkedHashSet<>();
    private Path staging;

    public StagedOutputs(Path directory, StagingCheckpoint checkpoint) {
        this.directory = directory;
        this.checkpoint = checkpoint;
    }

    /**
     * Creates an empty staged file that will become {@code fileName} in the directory.
     *
     * @return the staged file to write
     * @throws IllegalArgumentException if that name is already staged
     */
    public Path stage(String fileName) throws IOException {
        if (fileName.contains("/") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("an output is a plain, visible file name, not '" + fileName + "'");
        }
        Path file;
        try {
            file = Files.createFile(stagingDirectory().resolve(fileName));
        } catch (FileAlreadyExistsException repeated) {
            throw new IllegalArgumentException(fileName + " is already staged", repeated);
        }
        checkpoint.staged(fileName);
        return file;
    }

    /** Stages a file with this content. */
    public Path stage(String fileName, byte[] content) throws IOException {
        Path file = stage(fileName);
        Files.write(file, content);
        return file;
    }

    /** Stages a file with this content, to be moved into place after every other one. */
    public Path stageLast(String fileName, byte[] content) throws IOException {
        Path file = stage(fileName, content);
        last.add(fileName);
        return file;
    }

    /** Where {@code fileName} will be once committed. */
    public Path finalPath(String fileName) {
        return directory.resolve(fileName);
    }

    /** The directory the outputs are moved into. */
    public Path directory() {
        return directory;
    }

    /**
     * The file staged as {@code fileName}, not yet moved into place: its size and times are those the output
     * will have, since a rename keeps them.
     *
     * @throws IllegalArgumentException if no file of this name is staged
     */
    public Path temporaryFile(String fileName) {
        Path file = staging == null ? null : staging.resolve(fileName);
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(fileName + " is not staged");
        }
        return file;
    }

    /**
     * Moves every staged file into place, replacing what was there, each in one atomic rename. If a rename
     * fails, the files not yet moved stay staged, and closing deletes them.
     *
     * @return how many files were moved
     */
    public int commit() throws IOException {
        if (staging == null) {
            return 0;
        }
        int moved = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path file : files) {
                if (!last.contains(file.getFileName().toString())) {
                    moveIntoPlace(file);
                    moved++;
                }
            }
        }
        for (String fileName : last) {
            moveIntoPlace(staging.resolve(fileName));
            moved++;
        }
        last.clear();
        return moved;
    }

    /** Deletes the staging directory and every file in it not moved into place. */
    @Override
    public void close() throws IOException {
        if (staging == null) {
            return;
        }
        IOException first = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    first = collect(first, e);
                }
            }
        } catch (IOException e) {
            first = collect(first, e);
        }
        try {
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            first = collect(first, e);
        }
        staging = null;
        if (first != null) {
            throw first;
        }
    }

    private Path stagingDirectory() throws IOException {
        if (staging == null) {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            staging = Files.createDirectory(directory.resolve(STAGING_PREFIX + HexFormat.of().formatHex(random)));
        }
        return staging;
    }

    private void moveIntoPlace(Path file) throws IOException {
        Files.move(file, finalPath(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static IOException collect(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
