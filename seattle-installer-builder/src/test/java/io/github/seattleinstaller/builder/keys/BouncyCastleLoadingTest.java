package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.Pem;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Making BouncyCastle's provider takes more than half a second, so every goal would pay it: the plain
 * forms (an unencrypted PKCS#8 operator key, a PEM public key) are read with the JDK alone, and
 * BouncyCastle's classes are loaded only for a key that needs them. Checked in a class loader of its own
 * that defines the builder's, the runtime's and BouncyCastle's classes and records every class asked for.
 */
class BouncyCastleLoadingTest {
    @TempDir
    Path temp;

    private static final class RecordingLoader extends URLClassLoader {
        private final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingLoader() {
            // The builder, the runtime, and BouncyCastle's three jars (bcprov, bcpkix, bcutil).
            super(Stream.of(OperatorKeyLoader.class, KeyFingerprint.class, BouncyCastleProvider.class, PEMParser.class,
                            EdECObjectIdentifiers.class)
                    .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                    .distinct().toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }

        List<String> bouncyCastleClasses() {
            return requested.stream().filter(name -> name.startsWith("org.bouncycastle.")).sorted().toList();
        }

        /** Loads the key as OperatorKeyLoader does for a key file, in this loader; returns its toString. */
        String loadOperatorKey(Path file) throws Exception {
            Class<?> loader = loadClass(OperatorKeyLoader.class.getName());
            Object instance = loader.getConstructor(Function.class, String.class, String.class)
                    .newInstance((Function<String, String>) Map.<String, String>of()::get, "UNSET_KEY", "UNSET_PASSPHRASE");
            return String.valueOf(loader.getMethod("load", Path.class, Path.class).invoke(instance, file, null));
        }

        /** Reads a donor's public key file, in this loader; returns its toString. */
        String readPublicKey(Path file) throws Exception {
            return String.valueOf(loadClass(PublicKeyReader.class.getName()).getMethod("readFile", Path.class, String.class)
                    .invoke(null, file, "test"));
        }
    }

    @Test
    void aPlainPkcs8KeyAndAPemPublicKeyLoadNoBouncyCastleClass() throws Exception {
        Path privateKey = Files.writeString(temp.resolve("operator.pem"), "a comment first\r\n"
                + Pem.encode("PRIVATE KEY", TestKeys.operator().getPrivate().getEncoded()).replace("\n", "\r\n"));
        Path publicKey = Files.writeString(temp.resolve("donor.pub.pem"),
                PublicKeyPem.encode((RSAPublicKey) TestKeys.other().getPublic()));
        try (RecordingLoader loader = new RecordingLoader()) {
            String key = loader.loadOperatorKey(privateKey);
            String donor = loader.readPublicKey(publicKey);
            assertEquals(List.of(), loader.bouncyCastleClasses());
            assertTrue(key.contains(TestKeys.operatorKey().fingerprint().toString()), key);
            assertTrue(donor.contains(KeyFingerprint.of(TestKeys.other().getPublic()).hex()), donor);
        }
    }

    @Test
    void aPkcs1KeyIsReadWithBouncyCastleToTheSameKey() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(TestKeys.operator().getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        Path privateKey = Files.writeString(temp.resolve("operator.pem"), Pem.encode("RSA PRIVATE KEY", pkcs1));
        try (RecordingLoader loader = new RecordingLoader()) {
            String key = loader.loadOperatorKey(privateKey);
            assertFalse(loader.bouncyCastleClasses().isEmpty(), "the check sees BouncyCastle when it is used");
            assertTrue(key.contains(TestKeys.operatorKey().fingerprint().toString()), key);
        }
    }
}
