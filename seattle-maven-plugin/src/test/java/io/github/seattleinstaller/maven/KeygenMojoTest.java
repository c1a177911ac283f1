package io.github.seattleinstaller.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MojoTest
class KeygenMojoTest {
    @TempDir
    Path temp;

    private final CapturingLog log = new CapturingLog();

    private KeygenMojo prepared(KeygenMojo mojo, Map<String, String> environment) {
        mojo.keyDirectory = temp.resolve("keys").toFile();
        mojo.environment = environment::get;
        mojo.setLog(log);
        return mojo;
    }

    @Test
    @InjectMojo(goal = "keygen")
    @MojoParameter(name = "keySize", value = "2048")
    void writesTheFourKeyFilesPrivateOnesOwnerOnlyAndLogsTheFingerprint(KeygenMojo mojo) throws Exception {
        prepared(mojo, Map.of()).execute();

        Path keys = temp.resolve("keys");
        try (var files = Files.list(keys)) {
            assertEquals(List.of("operator.pem", "operator.privatekey", "operator.pub.pem", "operator.publickey"),
                    files.map(path -> path.getFileName().toString()).sorted().toList());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("operator.pem"))));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("operator.privatekey"))));
        assertTrue(log.text().contains("Generated an RSA-2048 key pair, fingerprint sha256:"), log.text());
        assertTrue(log.text().contains("is not encrypted: set the environment variable SEATTLE_OPERATOR_KEY_PASSPHRASE"),
                log.text());
        String privateText = Files.readString(keys.resolve("operator.privatekey"));
        assertFalse(log.text().contains(privateText.substring(0, 30)), "the key never appears in the log");
    }

    @Test
    @InjectMojo(goal = "keygen")
    @MojoParameter(name = "keySize", value = "2048")
    void encryptsWhenThePassphraseVariableIsSetAndRefusesToOverwrite(KeygenMojo mojo) throws Exception {
        prepared(mojo, Map.of("SEATTLE_OPERATOR_KEY_PASSPHRASE", "correct horse")).execute();
        String pem = Files.readString(temp.resolve("keys/operator.pem"));
        assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), pem.lines().findFirst().orElse(""));

        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("operator.pem"), refused.getMessage());
        assertEquals(pem, Files.readString(temp.resolve("keys/operator.pem")), "the existing key is untouched");
    }

    @Test
    @InjectMojo(goal = "keygen")
    @MojoParameter(name = "keySize", value = "1024")
    void aKeyTooShortIsRefused(KeygenMojo mojo) {
        MojoFailureException refused = assertThrows(MojoFailureException.class, () -> prepared(mojo, Map.of()).execute());
        assertTrue(refused.getMessage().contains("2048"), refused.getMessage());
        assertFalse(Files.exists(temp.resolve("keys/operator.pem")));
    }

    @Test
    @InjectMojo(goal = "keygen")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesNothing(KeygenMojo mojo) throws Exception {
        prepared(mojo, Map.of()).execute();
        assertFalse(Files.exists(temp.resolve("keys")));
        assertTrue(log.text().contains("Skipping keygen"), log.text());
    }
}
