package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.builder.keys.KeyGenerationException;
import io.github.seattleinstaller.builder.keys.OperatorKeyGenerator;
import io.github.seattleinstaller.builder.keys.OperatorKeyLoader;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/**
 * Generates an RSA key pair for an operator (or a donor): {@code <name>.pem} (private, PKCS#8, owner-only,
 * encrypted when the passphrase environment variable is set), {@code <name>.pub.pem}, and the Seattle
 * forms {@code <name>.privatekey} (owner-only) and {@code <name>.publickey}. Never overwrites a file.
 * Runs without a project: {@code mvn io.github.seattleinstaller:seattle-maven-plugin:keygen}.
 */
@Mojo(name = "keygen", requiresProject = false, threadSafe = true)
public class KeygenMojo extends AbstractSeattleMojo {

    /** The directory to write the key files into; created if missing. */
    @Parameter(property = "seattle.keyDirectory", defaultValue = "${project.basedir}/keys")
    File keyDirectory;

    /** The base name of the key files. */
    @Parameter(property = "seattle.keyName", defaultValue = "operator")
    String keyName;

    /** The key size in bits: at least 2048; 3072 is good until about 2030. */
    @Parameter(property = "seattle.keySize", defaultValue = "" + OperatorKeyGenerator.DEFAULT_BITS)
    int keySize;

    /**
     * The environment variable holding a passphrase to encrypt {@code <name>.pem} with; when it is unset,
     * the key is written unencrypted (with a warning).
     */
    @Parameter(property = "seattle.passphraseEnvironmentVariable",
            defaultValue = OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE)
    String passphraseEnvironmentVariable;

    @Override
    String goal() {
        return "keygen";
    }

    @Override
    void run() throws MojoFailureException {
        String passphraseText = environment.apply(passphraseEnvironmentVariable);
        char[] passphrase = passphraseText == null ? null : passphraseText.toCharArray();
        GeneratedKeyFiles files;
        try {
            files = new OperatorKeyGenerator().generate(keyDirectory.toPath(), keyName, keySize, passphrase);
        } catch (KeyGenerationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        getLog().info("Generated an RSA-" + files.bits() + " key pair, fingerprint " + files.fingerprint());
        getLog().info("  private: " + relative(files.privateKeyPem()) + (files.encrypted() ? " (encrypted)" : "")
                + ", " + relative(files.seattlePrivateKey()) + " (readable by you only; never commit them)");
        getLog().info("  public:  " + relative(files.publicKeyPem()) + ", " + relative(files.seattlePublicKey()));
        if (!files.encrypted()) {
            getLog().warn(relative(files.privateKeyPem()) + " is not encrypted: set the environment variable "
                    + passphraseEnvironmentVariable + " before running keygen to encrypt it");
        }
        files.notes().forEach(getLog()::warn);
    }

    private Path relative(Path file) {
        Path base = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    }
}
