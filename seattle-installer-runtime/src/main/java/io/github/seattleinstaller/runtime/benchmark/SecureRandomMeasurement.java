package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;

/** How fast the default secure random generator, the one vessels would draw from, produces bytes. */
final class SecureRandomMeasurement implements ResourceMeasurement {
    private static final int CHUNK = 64 << 10;

    @Override
    public String description() {
        return "bytes per second from the default java.security.SecureRandom";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.RANDOM);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) throws InterruptedException {
        SecureRandom random = new SecureRandom();
        // Seeding happens once, on first use: it is not the rate at which bytes come afterwards.
        random.nextBytes(new byte[1]);
        context.note("algorithm " + random.getAlgorithm());
        byte[] chunk = new byte[CHUNK];
        long start = System.nanoTime();
        long deadline = context.deadlineFromNow();
        long produced = 0;
        do {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted");
            }
            random.nextBytes(chunk);
            produced += CHUNK;
        } while (System.nanoTime() - deadline < 0);
        return Map.of(Resource.RANDOM, Rates.bytesPerSecond(produced, System.nanoTime() - start));
    }
}
