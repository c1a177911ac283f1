package io.github.seattleinstaller.service.build;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.builder.customize.BaseSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The base set the service customizes now, replaceable while it serves: {@link #reload()} opens and verifies
 * the bases again from their source and swaps them in; downloads already streaming from the old set finish
 * from it (each holds a {@link Lease}), and the old set's files are closed when the last one ends.
 */
public final class CurrentBases implements AutoCloseable {
    /** Where the bases come from: a directory, or released coordinates. */
    @FunctionalInterface
    public interface Source {
        BaseSet open() throws IOException, InvalidInputException;
    }

    private final Source source;
    private final AtomicReference<Generation> current = new AtomicReference<>();

    public CurrentBases(Source source) throws IOException, InvalidInputException {
        this.source = source;
        current.set(new Generation(source.open()));
    }

    /** The current set, held until {@link Lease#close()}. */
    public Lease acquire() {
        while (true) {
            Generation generation = current.get();
            if (generation.retain()) {
                return new Lease(generation);
            }
        }
    }

    /**
     * Opens the bases again from their source and makes them current.
     *
     * @return the new set's id
     * @throws InvalidInputException if the new bases do not verify; the old ones stay current then
     */
    public String reload() throws IOException, InvalidInputException {
        Generation fresh = new Generation(source.open());
        Generation old = current.getAndSet(fresh);
        old.release();
        return fresh.set.id();
    }

    @Override
    public void close() {
        current.get().release();
    }

    /** One base set, counted by the leases on it; the current-set reference counts as one. */
    private static final class Generation {
        private final BaseSet set;
        private final AtomicInteger holders = new AtomicInteger(1);
        private final Map<Platform, PrefixMapping> mappings = new EnumMap<>(Platform.class);

        Generation(BaseSet set) {
            this.set = set;
        }

        boolean retain() {
            while (true) {
                int count = holders.get();
                if (count == 0) {
                    return false;
                }
                if (holders.compareAndSet(count, count + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                try {
                    set.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close the retired bases", e);
                }
            }
        }

        synchronized PrefixMapping mapping(Platform platform, FileChannel channel, long length) {
            return mappings.computeIfAbsent(platform, unused -> PrefixMapping.of(channel, length));
        }
    }

    /** A hold on one base set: it stays open until closed. */
    public static final class Lease implements AutoCloseable {
        private final Generation generation;
        private boolean closed;

        private Lease(Generation generation) {
            this.generation = generation;
        }

        public BaseSet set() {
            return generation.set;
        }

        /** The base's customizable prefix mapped into memory once, for sending without copying. */
        public PrefixMapping mapping(Platform platform, FileChannel channel, long length) {
            return generation.mapping(platform, channel, length);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                generation.release();
            }
        }
    }

    /**
     * A file's first bytes as read-only memory-mapped windows: sending a slice to a socket copies from the page
     * cache in the kernel, with no copy through the Java heap and nothing written anywhere.
     */
    public static final class PrefixMapping {
        static final long WINDOW = 1L << 30;
        private final MappedByteBuffer[] windows;
        private final long length;

        private PrefixMapping(MappedByteBuffer[] windows, long length) {
            this.windows = windows;
            this.length = length;
        }

        static PrefixMapping of(FileChannel channel, long length) {
            int count = (int) ((length + WINDOW - 1) / WINDOW);
            MappedByteBuffer[] windows = new MappedByteBuffer[count];
            try {
                for (int i = 0; i < count; i++) {
                    long start = i * WINDOW;
                    windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(WINDOW, length - start));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map the base into memory", e);
            }
            return new PrefixMapping(windows, length);
        }

        public long length() {
            return length;
        }

        /** At most {@code max} bytes from {@code offset}, not crossing a window. */
        public ByteBuffer slice(long offset, int max) {
            int window = (int) (offset / WINDOW);
            int start = (int) (offset % WINDOW);
            ByteBuffer whole = windows[window];
            int size = (int) Math.min(max, Math.min(whole.capacity() - start, length - offset));
            return whole.slice(start, size);
        }
    }
}
