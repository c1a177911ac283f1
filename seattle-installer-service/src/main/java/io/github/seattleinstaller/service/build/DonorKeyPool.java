package io.github.seattleinstaller.service.build;

import io.github.seattleinstaller.builder.keys.DonorKeyGenerator;
import io.github.seattleinstaller.builder.keys.GeneratedDonorKey;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Key pairs for users who give none, generated ahead on a background thread so that a build does not wait the
 * hundreds of milliseconds one 2048-bit key takes: up to {@code capacity} wait in memory (never on disk) and each
 * is handed out once. When the pool is empty, the build generates its own. A capacity of 0 generates every key
 * on demand.
 */
public final class DonorKeyPool implements AutoCloseable {
    private final DonorKeyGenerator generator;
    private final BlockingQueue<GeneratedDonorKey> ready;
    private final Thread filler;

    public DonorKeyPool(DonorKeyGenerator generator, int capacity) {
        this.generator = generator;
        this.ready = capacity > 0 ? new ArrayBlockingQueue<>(capacity) : null;
        if (ready == null) {
            this.filler = null;
            return;
        }
        this.filler = new Thread(this::fill, "donor-key-pool");
        filler.setDaemon(true);
        filler.setPriority(Thread.MIN_PRIORITY);
        filler.start();
    }

    public int bits() {
        return generator.bits();
    }

    /** A key pair no one else has been given. */
    public GeneratedDonorKey take() {
        GeneratedDonorKey key = ready == null ? null : ready.poll();
        return key != null ? key : generator.generate();
    }

    private void fill() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                GeneratedDonorKey key = generator.generate();
                while (!ready.offer(key, 1, TimeUnit.MINUTES)) {
                    // Full: wait for a build to take one.
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops generating and forgets the keys no one was given. */
    @Override
    public void close() {
        if (filler != null) {
            filler.interrupt();
            ready.clear();
        }
    }
}
