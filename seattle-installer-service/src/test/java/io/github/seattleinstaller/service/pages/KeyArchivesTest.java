package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.builder.keys.DonorKeyGenerator;
import io.github.seattleinstaller.builder.keys.GeneratedDonorKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.testing.Zips;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The keys zips hold Seattle's key files by user name. */
class KeyArchivesTest {
    @Test
    void privateKeysHoldTheGeneratedPairsAndPublicKeysEveryUser() throws IOException {
        GeneratedDonorKey bob = new DonorKeyGenerator(1024).generate();
        SeattlePublicKey alice = new DonorKeyGenerator(1024).generate().publicKey();
        Map<String, SeattlePublicKey> everyone = new LinkedHashMap<>();
        everyone.put("alice", alice);
        everyone.put("bob123", bob.publicKey());
        Instant time = Instant.parse("2026-12-01T10:00:00Z");
        Map<String, String> privateZip = Zips.textEntries(KeyArchives.privateKeys(everyone, Map.of("bob123", bob.privateKey()), time));
        assertEquals(List.of("bob123.privatekey", "bob123.publickey"), List.copyOf(privateZip.keySet()));
        assertEquals(bob.privateKey().toText(), privateZip.get("bob123.privatekey"), "Seattle's text, no newline");
        assertEquals(bob.publicKey().toText(), privateZip.get("bob123.publickey"));
        Map<String, String> publicZip = Zips.textEntries(KeyArchives.publicKeys(everyone, time));
        assertEquals(Map.of("alice.publickey", alice.toText(), "bob123.publickey", bob.publicKey().toText()), publicZip);
    }
}
