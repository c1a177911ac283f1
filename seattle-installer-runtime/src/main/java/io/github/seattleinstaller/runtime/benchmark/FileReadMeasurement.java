package io.github.seattleinstaller.runtime.benchmark;

import com.sun.nio.file.ExtendedOpenOption;
import io.github.seattleinstaller.runtime.resources.Resource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scratch file beside the install directory in 4 MiB blocks, separately from the write rate (Seattle
 * reused the write figure). The file was just written, so a normal read would measure the page cache: the
 * read bypasses it with direct I/O where the file system allows, and says so when it cannot.
 */
final class FileReadMeasurement implements ResourceMeasurement {
    /** Large enough for several blocks, small enough to write in well under a second on a slow disk. */
    static final int FILE_BLOCKS = 4;
    /** Direct I/O needs buffers, offsets and lengths aligned to the device's block; 4096 covers 512 too. */
    private static final int DIRECT_ALIGNMENT = 4096;

    private final boolean tryDirectIo;

    FileReadMeasurement() {
        this(true);
    }

    /** @param tryDirectIo false to read through the page cache, as on platforms without direct I/O */
    FileReadMeasurement(boolean tryDirectIo) {
        this.tryDirectIo = tryDirectIo;
    }

    @Override
    public String description() {
        return "4 MiB blocks read from a scratch file beside the install directory";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.FILEREAD);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) throws IOException {
        try (ScratchFile scratch = ScratchFile.createIn(context.directory())) {
            long size = 0;
            for (int block = 0; block < FILE_BLOCKS; block++) {
                size += scratch.appendSynced();
            }
            return Map.of(Resource.FILEREAD, readRate(scratch.path(), size, context));
        }
    }

    private double readRate(Path file, long size, MeasurementContext context) throws IOException {
        String cachedWhy = "direct I/O not tried";
        if (tryDirectIo) {
            try {
                double rate = timedRead(file, size, context,
                        Set.of(StandardOpenOption.READ, ExtendedOpenOption.DIRECT));
                context.note("direct I/O, bypassing the page cache");
                return rate;
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                cachedWhy = "direct I/O unavailable here: " + Benchmark.reason(e);
            }
        }
        double rate = timedRead(file, size, context, Set.of(StandardOpenOption.READ));
        context.note("read through the page cache (" + cachedWhy
                + "), so the figure may be the speed of memory rather than of the disk");
        return rate;
    }

    /** Reads the file over and over from the start until the budget is spent; at least one block. */
    private static double timedRead(Path file, long size, MeasurementContext context, Set<OpenOption> options)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(ScratchFile.BLOCK_SIZE + DIRECT_ALIGNMENT)
                .alignedSlice(DIRECT_ALIGNMENT);
        try (FileChannel channel = FileChannel.open(file, options)) {
            long start = System.nanoTime();
            long deadline = context.deadlineFromNow();
            long read = 0;
            long position = 0;
            do {
                buffer.clear().limit(ScratchFile.BLOCK_SIZE);
                int count = channel.read(buffer, position);
                if (count <= 0) {
                    throw new IOException(file + " ended after " + position + " of its " + size + " bytes");
                }
                read += count;
                position = (position + count) % size;
            } while (System.nanoTime() - deadline < 0);
            return Rates.bytesPerSecond(read, System.nanoTime() - start);
        }
    }
}
