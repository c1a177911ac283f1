package io.github.seattleinstaller.builder.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output files written first under temporary names in their own directory, then all moved into place
 * with atomic renames once every one of them is complete. Closing without committing deletes them, so a
 * failure leaves neither partial files nor a partial set of outputs.
 */
public final class StagedOutputs implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    /** Final file name to temporary file, in staging order. */
    private final Map<String, Path> staged = new LinkedHashMap<>();

    private final StagingCheckpoint checkpoint;

    public StagedOutputs(Path directory, StagingCheckpoint checkpoint) {
        this.directory = directory;
        this.checkpoint = checkpoint;
    }

    /**
     * Creates an empty temporary file that will become {@code fileName} in the directory.
     *
     * @return the temporary file to write
     */
    public Path stage(String fileName) throws IOException {
        if (staged.containsKey(fileName)) {
            throw new IllegalArgumentException(fileName + " is already staged");
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        // Hidden, and never ending in an output's extension, so nothing mistakes it for an output.
        Path temporary = Files.createFile(
                directory.resolve("." + fileName + "." + HexFormat.of().formatHex(random) + ".partial"));
        staged.put(fileName, temporary);
        checkpoint.staged(fileName);
        return temporary;
    }

    /** Stages a file with this content. */
    public Path stage(String fileName, byte[] content) throws IOException {
        Path temporary = stage(fileName);
        Files.write(temporary, content);
        return temporary;
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
     * The temporary file staged as {@code fileName}, not yet moved into place: its size and times are those
     * the output will have, since a rename keeps them.
     *
     * @throws IllegalArgumentException if no file of this name is staged
     */
    public Path temporaryFile(String fileName) {
        Path temporary = staged.get(fileName);
        if (temporary == null) {
            throw new IllegalArgumentException(fileName + " is not staged");
        }
        return temporary;
    }

    /**
     * Moves every staged file into place, replacing what was there, each in one atomic rename. If a rename
     * fails, the files not yet moved stay staged, and closing deletes them.
     */
    public List<Path> commit() throws IOException {
        List<Path> outputs = new ArrayList<>();
        for (Iterator<Map.Entry<String, Path>> files = staged.entrySet().iterator(); files.hasNext(); ) {
            Map.Entry<String, Path> file = files.next();
            Path target = finalPath(file.getKey());
            Files.move(file.getValue(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            files.remove();
            outputs.add(target);
        }
        return outputs;
    }

    /** Deletes every temporary file not moved into place. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Path temporary : staged.values()) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        staged.clear();
        if (first != null) {
            throw first;
        }
    }
}
