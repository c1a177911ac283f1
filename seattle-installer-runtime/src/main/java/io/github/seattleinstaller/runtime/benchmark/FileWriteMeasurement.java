package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Writes 4 MiB blocks, each forced to the device, to a scratch file beside the install directory. (Seattle
 * wrote single bytes, which measured system-call overhead, and took the same figure for reading.)
 */
final class FileWriteMeasurement implements ResourceMeasurement {
    /** Bounds the disk space the measurement takes on a very fast disk. */
    static final long MAX_BYTES = 128L << 20;

    @Override
    public String description() {
        return "4 MiB blocks written to a scratch file beside the install directory, each forced to the disk (fsync)";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.FILEWRITE);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) throws IOException {
        try (ScratchFile scratch = ScratchFile.createIn(context.directory())) {
            long start = System.nanoTime();
            long deadline = context.deadlineFromNow();
            long written = 0;
            do {
                written += scratch.appendSynced();
            } while (written < MAX_BYTES && System.nanoTime() - deadline < 0);
            long elapsed = System.nanoTime() - start;
            context.note("wrote " + (written >> 20) + " MiB in " + elapsed / 1_000_000 + " ms");
            return Map.of(Resource.FILEWRITE, Rates.bytesPerSecond(written, elapsed));
        }
    }
}
