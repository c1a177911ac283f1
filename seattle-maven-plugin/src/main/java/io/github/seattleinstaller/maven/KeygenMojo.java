package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.builder.keys.KeyGenerationException;
import io.github.seattleinstaller.builder.keys.OperatorKeyGenerator;
import io.github.seattleinstaller.builder.keys.OperatorKeyLoader;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/**
 * Generates an RSA key pair for an operator (or a donor): {@code <name>.pem} (private, PKCS#8, owner-only,
 * encrypted when the passphrase environment variable is set), {@code <name>.pub.pem}, the Seattle form
 * {@code <name>.publickey} and, only with {@code -Dseattle.writeSeattlePrivateKey}, the Seattle form of the
 * private key {@code <name>.privatekey} (owner-only, and never encrypted). A key directory without a
 * {@code .gitignore} gets one that ignores the private key files. Never overwrites a file.
 * Runs without a project: {@code mvn io.github.seattleinstaller:seattle-maven-plugin:keygen}.
 */
@Mojo(name = "keygen", requiresProject = false, threadSafe = true)
public class KeygenMojo extends AbstractSeattleMojo {

    /**
     * The directory to write the key files into; created if missing. Default: {@code keys} in the project's
     * directory, or in the working directory when run without a project.
     */
    @Parameter(property = "seattle.keyDirectory")
    File keyDirectory;

    /**
     * Also write {@code <name>.privatekey}, Seattle's text form of the private key ({@code "d p q"}), for
     * Seattle's own tools. That form cannot be encrypted: it is the private key in clear, even when
     * {@code <name>.pem} is encrypted.
     */
    @Parameter(property = "seattle.writeSeattlePrivateKey", defaultValue = "false")
    boolean writeSeattlePrivateKey;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

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

    /** Skips this goal only; {@code seattle.skip} skips every goal. */
    @Parameter(property = "seattle.keygen.skip", defaultValue = "false")
    boolean skipKeygen;

    @Override
    String goal() {
        return "keygen";
    }

    @Override
    boolean skipsThisGoal() {
        return skipKeygen;
    }

    @Override
    void run() throws MojoFailureException {
        String passphraseText = environment.apply(passphraseEnvironmentVariable);
        char[] passphrase = passphraseText == null ? null : passphraseText.toCharArray();
        Path directory = keyDirectory != null ? keyDirectory.toPath()
                : defaultDirectory(session, project -> project.getBasedir().toPath().resolve("keys"), "keys");
        GeneratedKeyFiles files;
        try {
            files = new OperatorKeyGenerator().generate(directory, keyName, keySize, passphrase,
                    writeSeattlePrivateKey);
        } catch (KeyGenerationException e) {
            throw switch (e.input()) {
                case KEY_SIZE -> parameterProblem("keySize", e.getMessage());
                case KEY_NAME -> parameterProblem("keyName", e.getMessage());
                case PASSPHRASE -> parameterProblem("passphraseEnvironmentVariable",
                        passphraseEnvironmentVariable + " is set but empty. " + e.getMessage());
                case KEY_DIRECTORY -> parameterProblem("keyDirectory", e.getMessage());
                case JAVA_RUNTIME -> new MojoFailureException(e.getMessage(), e);
            };
        }
        getLog().info("Generated an RSA-" + files.bits() + " key pair, fingerprint " + files.fingerprint());
        getLog().info("  private: " + relative(files.privateKeyPem()) + (files.encrypted() ? " (encrypted)" : "")
                + " (readable by you only; never commit it)");
        getLog().info("  public:  " + relative(files.publicKeyPem()) + ", " + relative(files.seattlePublicKey()));
        files.gitignore().ifPresent(gitignore -> getLog().info("  " + relative(gitignore)
                + " keeps the private key files out of git"));
        if (!files.encrypted()) {
            getLog().warn(relative(files.privateKeyPem()) + " is not encrypted: anyone who can read it can sign"
                    + " installers as you. Set the environment variable " + passphraseEnvironmentVariable
                    + " before running keygen to encrypt it");
        }
        files.seattlePrivateKey().ifPresent(seattle -> getLog().warn(relative(seattle) + " is the same private key"
                + " in Seattle's text form, which cannot be encrypted: it is the key in clear" + (files.encrypted()
                ? ", beside the encrypted " + relative(files.privateKeyPem()) : "") + " (written because"
                + " seattle.writeSeattlePrivateKey is set). Keep it only where Seattle's tools need it"));
        files.notes().forEach(getLog()::warn);
    }

    private Path relative(Path file) {
        Path base = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    }
}
