package io.github.seattleinstaller.builder.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperatorKeyTest {
    private static KeyPair first;
    private static KeyPair second;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        first = generator.generateKeyPair();
        second = generator.generateKeyPair();
    }

    @Test
    void exposesTheKeyAndItsPublicFacts() {
        OperatorKey key = new OperatorKey(first, "generated in memory");

        assertSame(first.getPrivate(), key.privateKey());
        assertSame(first.getPublic(), key.publicKey());
        assertEquals(KeyFingerprint.of(first.getPublic()), key.fingerprint());
        assertEquals(SeattlePublicKey.from(key.publicKey()).fingerprint(), key.fingerprint());
        assertEquals(2048, key.bitLength());
        assertEquals("RSA-2048 key " + key.fingerprint() + " from generated in memory", key.toString());
    }

    @Test
    void halvesOfDifferentPairsAreRefused() {
        KeyPair mixed = new KeyPair(second.getPublic(), first.getPrivate());
        assertThrows(IllegalArgumentException.class, () -> new OperatorKey(mixed, "mixed"));
    }

    @Test
    void shortKeysAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OperatorKey(generator.generateKeyPair(), "short"));
        assertEquals(OperatorKey.SIZE_RULE, e.getMessage());
    }

    @Test
    void keysOtherThanRsaAreRefused() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> new OperatorKey(ec, "ec"));
    }
}
