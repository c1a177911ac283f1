package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.seattleinstaller.maven.Refusals.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8: the fingerprint to publish and pin, of a key file or of the key an installer carries. */
@MojoTest
class FingerprintMojoTest {
    @TempDir
    Path temp;

    private final CapturingLog log = new CapturingLog();
    private GeneratedKeyFiles operator;

    @BeforeEach
    void makeKey() {
        operator = TestFixtures.operatorKey(temp.resolve("keys"));
    }

    private String fingerprintOf(FingerprintMojo mojo, Path file) throws Exception {
        mojo.file = file.toFile();
        mojo.setLog(log);
        mojo.execute();
        String last = log.text().lines().reduce((first, second) -> second).orElseThrow();
        return last.substring(last.lastIndexOf(' ') + 1);
    }

    @Test
    @InjectMojo(goal = "fingerprint")
    void thePemAndSeattleFormsOfAKeyAndAnInstallerCarryingItHaveOneFingerprint(FingerprintMojo mojo) throws Exception {
        String expected = operator.fingerprint().toString();
        assertEquals(expected, fingerprintOf(mojo, operator.publicKeyPem()));
        assertTrue(log.text().contains("INFO Fingerprint of " + operator.publicKeyPem() + " (RSA-2048 public key): "
                + expected), log.text());
        assertEquals(expected, fingerprintOf(mojo, operator.seattlePublicKey()));
        Path base = TestFixtures.baseInstallers(temp, operator).resolve("operator-1.0-windows.zip");
        assertEquals(expected, fingerprintOf(mojo, base));
        assertTrue(log.text().contains("INFO Fingerprint of the operator key in " + base + ": " + expected), log.text());
    }

    /** The README's openssl command computes the same fingerprint as the toolchain. */
    @Test
    @InjectMojo(goal = "fingerprint")
    void theReadmesOpensslCommandGivesTheSameFingerprint(FingerprintMojo mojo) throws Exception {
        Process openssl = new ProcessBuilder("sh", "-c", "openssl pkey -pubin -in operator.pub.pem -outform DER"
                + " | sha256sum").directory(temp.resolve("keys").toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, openssl.waitFor(), output);
        assertEquals(operator.fingerprint().hex() + "  -", output.strip());
        assertEquals(KeyFingerprint.parse(output.strip().split(" ")[0]).toString(),
                fingerprintOf(mojo, operator.publicKeyPem()));
    }

    @Test
    @InjectMojo(goal = "fingerprint")
    void withoutAFileOrWithAPrivateKeyOrAnUnreadableInstallerTheMessageSaysWhatToGive(FingerprintMojo mojo)
            throws Exception {
        mojo.setLog(log);
        assertEquals("<file>: name the public key file or installer: -Dseattle.file=keys/operator.pub.pem",
                Refusals.refusal(mojo, temp.resolve("nothing")));
        mojo.file = temp.resolve("missing.pub.pem").toFile();
        assertEquals("<file>: " + temp.resolve("missing.pub.pem") + ": no such file",
                Refusals.refusal(mojo, temp.resolve("nothing")));
        mojo.file = operator.privateKeyPem().toFile();
        assertHas(Refusals.refusal(mojo, temp.resolve("nothing")), "<file>: file " + operator.privateKeyPem());
        Path junk = Files.writeString(temp.resolve("junk-linux.tar.gz"), "not an archive");
        mojo.file = junk.toFile();
        assertHas(Refusals.refusal(mojo, temp.resolve("nothing")), "<file>: " + junk + " carries no readable operator key:");
    }
}
