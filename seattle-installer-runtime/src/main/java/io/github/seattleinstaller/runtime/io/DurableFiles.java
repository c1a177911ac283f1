package io.github.seattleinstaller.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** Writing that survives a crash: a file that is about to be renamed into place must be on the disk first. */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** Writes all of {@code content} and forces it to the storage device before returning. */
    public static void write(Path file, byte[] content, OpenOption... options) throws IOException {
        try (FileChannel channel = FileChannel.open(file, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
