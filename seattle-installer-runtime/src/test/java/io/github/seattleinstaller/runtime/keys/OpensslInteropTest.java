package io.github.seattleinstaller.runtime.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** openssl, an independent implementation, agrees with our PEM encoding and fingerprints. */
class OpensslInteropTest {

    @Test
    void opensslReadsOurPemAndComputesTheSameFingerprint(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        Path pem = Files.writeString(dir.resolve("key.pub.pem"), PublicKeyPem.encode(key));

        Path der = dir.resolve("key.der");
        run(dir, "openssl", "pkey", "-pubin", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
        String digest = run(dir, "openssl", "dgst", "-sha256", "-r", der.toString());
        assertEquals(KeyFingerprint.of(key).hex(), digest.substring(0, 64));

        String modulus = run(dir, "openssl", "rsa", "-pubin", "-in", pem.toString(), "-noout", "-modulus");
        assertEquals("Modulus=" + key.getModulus().toString(16).toUpperCase(), modulus.strip());
    }

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }
}
