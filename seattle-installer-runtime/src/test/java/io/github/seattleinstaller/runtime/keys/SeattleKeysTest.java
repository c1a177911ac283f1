package io.github.seattleinstaller.runtime.keys;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SeattleKeysTest {
    private static KeyPair pair;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        pair = generator.generateKeyPair();
    }

    @Test
    void publicKeyTextRoundTripsThroughJavaKeys() throws Exception {
        SeattlePublicKey key = SeattlePublicKey.from((RSAPublicKey) pair.getPublic());
        assertEquals(BigInteger.valueOf(65537), key.e());
        assertEquals(key.e() + " " + key.n(), key.toText());
        assertEquals(key, SeattlePublicKey.parse(key.toText()));
        assertEquals(pair.getPublic(), key.toJavaKey());
    }

    @Test
    void publicKeyReadingToleratesSurroundingWhitespaceOnly() throws Exception {
        assertEquals(new SeattlePublicKey(BigInteger.valueOf(3), BigInteger.valueOf(33)),
                SeattlePublicKey.parse("  3 33\r\n"));
        assertEquals(new SeattlePublicKey(BigInteger.valueOf(3), BigInteger.valueOf(33)),
                SeattlePublicKey.parse("3\t 33"));
    }

    @Test
    void malformedPublicKeysNameTheRule() {
        for (String text : new String[] {"", "65537", "1 2 3", "-3 33", "3 0x21", "3 33.0", "1 33", "33 33", "34 33"}) {
            KeyFormatException e = assertThrows(KeyFormatException.class, () -> SeattlePublicKey.parse(text), text);
            assertEquals(SeattlePublicKey.TEXT_RULE, e.rule());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void privateKeyRecoversTheJavaKeyIncludingItsPublicExponent() throws Exception {
        RSAPrivateCrtKey original = (RSAPrivateCrtKey) pair.getPrivate();
        SeattlePrivateKey key = SeattlePrivateKey.from(original);
        SeattlePrivateKey parsed = SeattlePrivateKey.parse(key.toText());
        assertEquals(key, parsed);
        assertEquals(original.getPublicExponent(), parsed.publicExponent());
        assertEquals(SeattlePublicKey.from((RSAPublicKey) pair.getPublic()), parsed.publicKey());

        // The recovered key signs what the original public key verifies.
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(parsed.toJavaKey());
        signer.update("vesselinfo".getBytes(StandardCharsets.US_ASCII));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update("vesselinfo".getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(signature));
    }

    @Test
    void privateKeyTextThatIsNotAKeyIsRefused() {
        assertThrows(KeyFormatException.class, () -> SeattlePrivateKey.parse("1 2"));
        assertThrows(KeyFormatException.class, () -> SeattlePrivateKey.parse("4 5 7 9"));
        // d = 2 has no inverse modulo lcm(4, 6) = 12.
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> SeattlePrivateKey.parse("2 5 7"));
        assertTrue(e.getMessage().contains("do not form an RSA key"), e.getMessage());
    }

    @Test
    void keyFilesHaveNoTrailingNewlineAndAreReadTolerantly(@TempDir Path dir) throws Exception {
        SeattlePublicKey publicKey = SeattlePublicKey.from((RSAPublicKey) pair.getPublic());
        SeattlePrivateKey privateKey = SeattlePrivateKey.from((RSAPrivateCrtKey) pair.getPrivate());
        byte[] content = SeattleKeyFiles.publicKeyFileContent(publicKey);
        assertEquals(publicKey.toText(), new String(content, StandardCharsets.US_ASCII));
        assertTrue(content[content.length - 1] != '\n');

        Path publicFile = Files.write(dir.resolve("owner.publickey"), (publicKey.toText() + "\n").getBytes());
        Path privateFile = Files.write(dir.resolve("owner.privatekey"),
                ("\n" + privateKey.toText() + "  \r\n").getBytes());
        assertEquals(publicKey, SeattlePublicKey.parse(Files.readString(publicFile)));
        assertEquals(privateKey, SeattlePrivateKey.parse(Files.readString(privateFile)));
        assertArrayEquals(privateKey.toText().getBytes(), SeattleKeyFiles.privateKeyFileContent(privateKey));
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        SeattlePrivateKey privateKey = SeattlePrivateKey.from((RSAPrivateCrtKey) pair.getPrivate());
        SeattlePublicKey publicKey = privateKey.publicKey();
        assertFalse(privateKey.toString().contains(privateKey.d().toString().substring(0, 20)));
        assertFalse(publicKey.toString().contains(publicKey.n().toString().substring(0, 20)));
        assertTrue(publicKey.toString().contains(publicKey.fingerprint().hex()));
    }

    @Test
    void pemPublicKeysRoundTripAndFingerprintsParseTolerantly() throws Exception {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        String pem = PublicKeyPem.encode(key);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(key, PublicKeyPem.decode("comment before\r\n" + pem.replace("\n", "\r\n")));
        assertThrows(KeyFormatException.class, () -> PublicKeyPem.decode("no pem here"));
        assertThrows(KeyFormatException.class,
                () -> PublicKeyPem.decode("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));

        KeyFingerprint fingerprint = KeyFingerprint.of(key);
        String colons = fingerprint.hex().toUpperCase().replaceAll("(..)(?!$)", "$1:");
        assertEquals(fingerprint, KeyFingerprint.parse(colons));
        assertEquals(fingerprint, KeyFingerprint.parse(" sha256:" + fingerprint.hex() + "\n"));
        assertEquals("sha256:" + fingerprint.hex(), fingerprint.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyFingerprint.parse("abc"));
        assertTrue(e.getMessage().contains(KeyFingerprint.RULE));
    }
}
