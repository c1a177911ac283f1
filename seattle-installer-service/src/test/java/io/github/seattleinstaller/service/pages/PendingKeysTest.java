package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.builder.keys.DonorKeyGenerator;
import io.github.seattleinstaller.builder.keys.GeneratedDonorKey;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated keys wait in memory for one download, or {@link PendingKeys#LIFETIME}, and are gone after either. */
class PendingKeysTest {
    private static final GeneratedDonorKey PAIR = new DonorKeyGenerator(1024).generate();
    private static final BuildId BUILD = new BuildId("ab".repeat(20));

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void thePrivateKeysAreTakenOnceAndThePublicOnesStay() {
        PendingKeys keys = new PendingKeys(Clock.systemUTC(), PendingKeys.LIFETIME, new SecureRandom());
        PendingKeys.Handle handle = keys.hold(BUILD, Map.of("bob123", PAIR.publicKey()), Map.of("bob123", PAIR.privateKey()))
                .orElseThrow();
        assertTrue(handle.value().matches("[0-9a-f]{32}"));
        assertFalse(keys.peek(handle, BUILD).orElseThrow().downloaded());
        assertTrue(keys.take(handle, new BuildId("cd".repeat(20))).isEmpty(), "the handle reaches its own build only");

        PendingKeys.Waiting taken = keys.take(handle, BUILD).orElseThrow();
        assertEquals(Map.of("bob123", PAIR.privateKey()), taken.privateKeys());
        assertTrue(keys.take(handle, BUILD).isEmpty(), "a second download finds nothing");
        PendingKeys.Waiting after = keys.peek(handle, BUILD).orElseThrow();
        assertTrue(after.downloaded() && after.privateKeys().isEmpty());
        assertEquals(Map.of("bob123", PAIR.publicKey()), after.publicKeys());
        assertFalse(after.toString().contains(PAIR.privateKey().d().toString()), after.toString());
        assertFalse(taken.toString().contains(PAIR.privateKey().d().toString()), "toString never shows a private key");
    }

    @Test
    void theKeysAreGoneAfterFifteenMinutesUntaken() {
        MovingClock clock = new MovingClock();
        PendingKeys keys = new PendingKeys(clock, PendingKeys.LIFETIME, new SecureRandom());
        PendingKeys.Handle handle = keys.hold(BUILD, Map.of("bob123", PAIR.publicKey()), Map.of("bob123", PAIR.privateKey()))
                .orElseThrow();
        clock.now = clock.now.plus(Duration.ofMinutes(15)).minusSeconds(1);
        assertTrue(keys.peek(handle, BUILD).isPresent());
        clock.now = clock.now.plusSeconds(1);
        assertTrue(keys.peek(handle, BUILD).isEmpty(), "15 minutes after the build");
        assertTrue(keys.take(handle, BUILD).isEmpty());
        assertEquals(0, keys.size(), "and dropped from memory");
    }

    @Test
    void aTimerDropsTheKeysEvenIfNobodyAsks() throws Exception {
        PendingKeys keys = new PendingKeys(Clock.systemUTC(), Duration.ofMillis(200), new SecureRandom());
        keys.hold(BUILD, Map.of("bob123", PAIR.publicKey()), Map.of("bob123", PAIR.privateKey())).orElseThrow();
        assertEquals(1, keys.size());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (keys.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, keys.size());
    }

    @Test
    void handlesAreUnguessableAndTheNumberWaitingIsBounded() {
        PendingKeys keys = new PendingKeys(Clock.systemUTC(), PendingKeys.LIFETIME, new SecureRandom());
        Optional<PendingKeys.Handle> first = keys.hold(BUILD, Map.of(), Map.of());
        Optional<PendingKeys.Handle> second = keys.hold(BUILD, Map.of(), Map.of());
        assertNotEquals(first, second);
        assertTrue(PendingKeys.Handle.parse("../../etc").isEmpty());
        assertTrue(PendingKeys.Handle.parse(null).isEmpty());
        while (keys.hasRoom()) {
            keys.hold(BUILD, Map.of(), Map.of());
        }
        assertEquals(PendingKeys.MAX_WAITING, keys.size());
        assertTrue(keys.hold(BUILD, Map.of(), Map.of()).isEmpty());
    }
}
