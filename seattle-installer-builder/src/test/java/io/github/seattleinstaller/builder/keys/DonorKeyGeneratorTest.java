package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DonorKeyGeneratorTest {
    @Test
    void generatesSeattleKeyPairsOfTheConfiguredSize() throws Exception {
        GeneratedDonorKey key = new DonorKeyGenerator(DonorKeyGenerator.DEFAULT_BITS).generate();
        assertEquals(2048, key.publicKey().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.publicKey().e());
        // The text forms read back, and the halves belong together: a signature made with one verifies with the other.
        SeattlePublicKey publicKey = SeattlePublicKey.parse(key.publicKey().toText());
        SeattlePrivateKey privateKey = SeattlePrivateKey.parse(key.privateKey().toText());
        assertEquals(3, key.privateKey().toText().split(" ").length);
        byte[] message = "donation".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Sha256WithRsa.verifies(message, Sha256WithRsa.sign(message, privateKey.toJavaKey()),
                publicKey.toJavaKey()));
        assertEquals(1024, new DonorKeyGenerator(1024).generate().publicKey().bitLength());
        assertNotEquals(key.publicKey(), new DonorKeyGenerator(2048).generate().publicKey());
    }

    @Test
    void neverBelow1024Bits() {
        assertEquals("Cannot generate 1023-bit donor keys: a generated donor key has 1024 to 8192 bits (2048 by default).",
                assertThrows(IllegalArgumentException.class, () -> new DonorKeyGenerator(1023)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DonorKeyGenerator(8193));
    }

    @Test
    void neverShowsThePrivateKey() {
        GeneratedDonorKey key = new DonorKeyGenerator(1024).generate();
        assertFalse(key.toString().contains(key.privateKey().d().toString()));
        assertFalse(key.toString().contains(key.privateKey().p().toString()));
    }
}
