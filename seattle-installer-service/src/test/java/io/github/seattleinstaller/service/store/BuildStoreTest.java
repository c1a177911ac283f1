package io.github.seattleinstaller.service.store;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123Z");
    private static final String BASE_SET = "b".repeat(64);

    @TempDir
    Path data;

    private final SecureRandom random = new SecureRandom();

    private BuildStore open() throws IOException {
        return BuildStore.open(BuildStore.h2Url(data), "sa", "", 2);
    }

    private StoredBuild build(Optional<String> digest, Optional<Instant> expires) {
        return new StoredBuild(BuildId.random(random), NOW, NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                expires, digest, "Percent 100\nOwner 3 33\n", new byte[] {1, 2, 3}, "f".repeat(64), BASE_SET);
    }

    @Test
    void keepsBuildsAcrossReopening() throws IOException {
        StoredBuild build = build(Optional.empty(), Optional.empty());
        try (BuildStore store = open()) {
            assertSame(build, store.insertOrFind(build, NOW));
            store.saveFacts(build.id(), BASE_SET, Platform.LINUX, new InstallerFacts(123, "a".repeat(64), new byte[] {9}));
            store.saveFacts(build.id(), BASE_SET, Platform.LINUX, new InstallerFacts(123, "a".repeat(64), new byte[] {9}));
        }
        try (BuildStore store = open()) {
            StoredBuild found = store.find(build.id(), NOW).orElseThrow();
            assertEquals(build.id(), found.id());
            assertEquals(build.createdAt(), found.createdAt());
            assertEquals(build.entryTime(), found.entryTime());
            assertEquals(build.vesselinfo(), found.vesselinfo());
            assertArrayEquals(build.vesselinfoSignature(), found.vesselinfoSignature());
            assertEquals(build.signer(), found.signer());
            assertEquals(BASE_SET, found.baseSetId());
            InstallerFacts facts = store.facts(build.id(), BASE_SET, Platform.LINUX).orElseThrow();
            assertEquals(123, facts.size());
            assertArrayEquals(new byte[] {9}, facts.signature());
            assertEquals(Optional.empty(), store.facts(build.id(), BASE_SET, Platform.WINDOWS));
            assertEquals(Optional.empty(), store.facts(build.id(), "c".repeat(64), Platform.LINUX));
            assertEquals(1, store.count());
            assertTrue(store.reachable());
        }
    }

    @Test
    void aRepeatedRequestFindsTheEarlierBuild() throws IOException {
        try (BuildStore store = open()) {
            StoredBuild first = build(Optional.of("d".repeat(64)), Optional.empty());
            StoredBuild second = build(Optional.of("d".repeat(64)), Optional.empty());
            store.insertOrFind(first, NOW);
            assertEquals(first.id(), store.insertOrFind(second, NOW).id());
            assertEquals(Optional.empty(), store.find(second.id(), NOW));
            StoredBuild generated = build(Optional.empty(), Optional.empty());
            assertSame(generated, store.insertOrFind(generated, NOW), "builds without a digest are never merged");
            assertEquals(2, store.count());
        }
    }

    @Test
    void expiredBuildsAreGoneAndCleanedUp() throws IOException {
        try (BuildStore store = open()) {
            StoredBuild expiring = build(Optional.of("e".repeat(64)), Optional.of(NOW.plus(Duration.ofDays(1))));
            store.insertOrFind(expiring, NOW);
            store.saveFacts(expiring.id(), BASE_SET, Platform.MACOS, new InstallerFacts(1, "a".repeat(64), new byte[] {1}));
            Instant later = NOW.plus(Duration.ofDays(2));
            assertEquals(Optional.empty(), store.find(expiring.id(), later));
            StoredBuild again = build(Optional.of("e".repeat(64)), Optional.empty());
            assertSame(again, store.insertOrFind(again, later), "an expired build is not handed out again");
            StoredBuild other = build(Optional.empty(), Optional.of(NOW.plus(Duration.ofHours(1))));
            store.insertOrFind(other, NOW);
            assertEquals(1, store.deleteExpired(later));
            assertEquals(1, store.count());
        }
    }
}
