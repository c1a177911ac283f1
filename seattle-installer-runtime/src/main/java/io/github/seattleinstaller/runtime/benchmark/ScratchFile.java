package io.github.seattleinstaller.runtime.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A temporary file for the disk measurements, in the directory measured; closing it deletes it, so that
 * nothing is left behind whatever happens in between.
 */
final class ScratchFile implements AutoCloseable {
    /** Large blocks, so that the rate is the device's and not the cost of a system call per byte. */
    static final int BLOCK_SIZE = 4 << 20;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer block;

    private ScratchFile(Path path, FileChannel channel, ByteBuffer block) {
        this.path = path;
        this.channel = channel;
        this.block = block;
    }

    static ScratchFile createIn(Path directory) throws IOException {
        ByteBuffer block = incompressibleBlock();
        Path path = Files.createTempFile(directory, "seattle-benchmark-", ".tmp");
        try {
            return new ScratchFile(path, FileChannel.open(path, StandardOpenOption.WRITE), block);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Appends one block and waits until the device has it, so the page cache does not flatter the rate. */
    int appendSynced() throws IOException {
        block.rewind();
        while (block.hasRemaining()) {
            channel.write(block);
        }
        channel.force(true);
        return BLOCK_SIZE;
    }

    /** Closes the file, then deletes it (Windows cannot delete an open file). */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** Random bytes: a file system or disk that compresses or deduplicates would make zeros look fast. */
    private static ByteBuffer incompressibleBlock() {
        byte[] bytes = new byte[BLOCK_SIZE];
        new SplittableRandom().nextBytes(bytes);
        return ByteBuffer.allocateDirect(BLOCK_SIZE).put(bytes).flip();
    }
}
