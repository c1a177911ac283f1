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
    void writesTheKeyFilesPrivateOnesOwnerOnlyAndLogsTheFingerprint(KeygenMojo mojo) throws Exception {
        prepared(mojo, Map.of()).writeSeattlePrivateKey = true;
        mojo.execute();

        Path keys = temp.resolve("keys");
        assertEquals(List.of(".gitignore", "operator.pem", "operator.privatekey", "operator.pub.pem", "operator.publickey"),
                names(keys));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("operator.pem"))));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("operator.privatekey"))));
        assertTrue(log.text().contains("Generated an RSA-2048 key pair, fingerprint sha256:"), log.text());
        assertTrue(log.text().contains("is not encrypted: anyone who can read it can sign installers as you. Set the"
                + " environment variable SEATTLE_OPERATOR_KEY_PASSPHRASE"), log.text());
        assertTrue(log.text().contains("keys/operator.privatekey is the same private key in Seattle's text form, which"
                + " cannot be encrypted"), log.text());
        assertTrue(log.text().contains("keys/.gitignore keeps the private key files out of git"), log.text());
        String privateText = Files.readString(keys.resolve("operator.privatekey"));
        assertFalse(log.text().contains(privateText.substring(0, 30)), "the key never appears in the log");
    }

    private static List<String> names(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** Issue 7 finding 7: with a passphrase, the same key was also written unencrypted, without a word. */
    @Test
    @InjectMojo(goal = "keygen")
    @MojoParameter(name = "keySize", value = "2048")
    void withAPassphraseNoUnencryptedPrivateKeyIsWritten(KeygenMojo mojo) throws Exception {
        prepared(mojo, Map.of("SEATTLE_OPERATOR_KEY_PASSPHRASE", "correct horse")).execute();
        assertEquals(List.of(".gitignore", "operator.pem", "operator.pub.pem", "operator.publickey"),
                names(temp.resolve("keys")));
        assertFalse(log.text().contains("not encrypted") || log.text().contains("in clear"), log.text());
        assertTrue(log.text().contains("keys/operator.pem (encrypted)"), log.text());
    }

    /** Issue 7 finding 11: outside a project, keygen wrote into a folder literally named ${project.basedir}/keys. */
    @Test
    void withoutAProjectTheDefaultDirectoryIsKeysInTheWorkingDirectory(@TempDir Path project) {
        assertEquals(Path.of("keys").toAbsolutePath(), AbstractSeattleMojo.defaultDirectory(null,
                current -> current.getBasedir().toPath().resolve("keys"), "keys"));
        assertEquals(Path.of("keys").toAbsolutePath(), AbstractSeattleMojo.defaultDirectory(Sessions.of(null),
                current -> current.getBasedir().toPath().resolve("keys"), "keys"));
        assertEquals(project.resolve("keys"), AbstractSeattleMojo.defaultDirectory(Sessions.of(project),
                current -> current.getBasedir().toPath().resolve("keys"), "keys"));
    }

    @Test
    @InjectMojo(goal = "keygen")
    @MojoParameter(name = "keySize", value = "2048")
    void encryptsWhenThePassphraseVariableIsSetAndRefusesToOverwrite(KeygenMojo mojo) throws Exception {
        prepared(mojo, Map.of("SEATTLE_OPERATOR_KEY_PASSPHRASE", "correct horse")).execute();
        String pem = Files.readString(temp.resolve("keys/operator.pem"));
        assertFalse(Files.exists(temp.resolve("keys/operator.privatekey")));
        assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), pem.lines().findFirst().orElse(""));

        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().startsWith("<keyDirectory>: Refusing to overwrite existing key files: ")
                && refused.getMessage().contains("operator.pem"), refused.getMessage());
        assertEquals(pem, Files.readString(temp.resolve("keys/operator.pem")), "the existing key is untouched");
    }

    @Test
    @InjectMojo(goal = "keygen")
    @MojoParameter(name = "keySize", value = "1024")
    void aKeyTooShortIsRefused(KeygenMojo mojo) {
        MojoFailureException refused = assertThrows(MojoFailureException.class, () -> prepared(mojo, Map.of()).execute());
        assertTrue(refused.getMessage().startsWith("<keySize>: Cannot generate a 1024-bit key: ")
                && refused.getMessage().contains("2048"), refused.getMessage());
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

    @Test
    @InjectMojo(goal = "keygen")
    void everyParameterThatCanBeWrongIsNamedSayingWhatToDoAndNothingIsWritten(KeygenMojo mojo) throws Exception {
        prepared(mojo, Map.of()).keySize = 20000;
        assertEquals("<keySize>: Cannot generate a 20000-bit key: at most 16384 bits are supported (3072 is the default).",
                Refusals.refusal(mojo, temp.resolve("keys")));

        mojo.keySize = 2048;
        mojo.keyName = "../operator";
        assertEquals("<keyName>: '../operator' cannot name key files: a key's base name is letters, digits, '.', '_' and '-',"
                + " and does not start with '.'.", Refusals.refusal(mojo, temp.resolve("keys")));

        mojo.keyName = "operator";
        Path file = Files.writeString(temp.resolve("a file"), "x");
        mojo.keyDirectory = file.toFile();
        assertEquals("<keyDirectory>: Cannot create the directory " + file + " for the key files: " + file + ": already exists.",
                Refusals.refusal(mojo, temp.resolve("keys")));

        prepared(mojo, Map.of("SEATTLE_OPERATOR_KEY_PASSPHRASE", ""));
        assertEquals("<passphraseEnvironmentVariable>: SEATTLE_OPERATOR_KEY_PASSPHRASE is set but empty. The passphrase is"
                + " empty, which would not protect the key: give a passphrase, or none at all for an unencrypted key.", Refusals.refusal(mojo, temp.resolve("keys")));
    }
}
