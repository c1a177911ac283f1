package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Prints the SHA-256 fingerprint of a public key file, or of the operator key an installer carries: the
 * value to publish for donors and to pin with {@code <expectedKeyFingerprint>} or
 * {@code install.sh --expect-key}. It is the SHA-256 of the key's DER SubjectPublicKeyInfo, the same as
 * {@code openssl pkey -pubin -in operator.pub.pem -outform DER | sha256sum}. Runs without a project:
 * {@code mvn io.github.seattleinstaller:seattle-maven-plugin:fingerprint -Dseattle.file=keys/operator.pub.pem}.
 */
@Mojo(name = "fingerprint", requiresProject = false, threadSafe = true)
public class FingerprintMojo extends AbstractSeattleMojo {
    static final String PARAMETER = "file";

    /**
     * A public key file (Seattle {@code .publickey} text "e n", or PEM such as {@code operator.pub.pem}) or an
     * installer ({@code .tar.gz}, {@code .zip}), whose operator key is read from it.
     */
    @Parameter(property = "seattle.file")
    File file;

    /** Skips this goal only; {@code seattle.skip} skips every goal. */
    @Parameter(property = "seattle.fingerprint.skip", defaultValue = "false")
    boolean skipFingerprint;

    @Override
    String goal() {
        return "fingerprint";
    }

    @Override
    boolean skipsThisGoal() {
        return skipFingerprint;
    }

    @Override
    void run() throws MojoFailureException, InvalidInputException, IOException {
        if (file == null) {
            throw parameterProblem(PARAMETER, "name the public key file or installer: -Dseattle.file=keys/operator.pub.pem");
        }
        Path path = file.toPath();
        if (!Files.isRegularFile(path)) {
            throw parameterProblem(PARAMETER, path + (Files.exists(path) ? " is not a regular file" : ": no such file"));
        }
        String name = path.getFileName().toString();
        if (ArchiveFormat.ofFileName(name).isPresent()) {
            InstallerReport report = new InstallerVerifier().examine(path, Optional.empty());
            KeyFingerprint key = report.operatorKey().orElseThrow(() -> parameterProblem(PARAMETER, path
                    + " carries no readable operator key:\n  " + String.join("\n  ", report.problems())));
            getLog().info("Fingerprint of the operator key in " + path + ": " + key);
            if (!report.problems().isEmpty()) {
                getLog().warn(path + " has " + count(report.problems().size(), "problem")
                        + " besides: seattle:verify lists them");
            }
            return;
        }
        SeattlePublicKey key = PublicKeyReader.readFile(path, label(PARAMETER));
        getLog().info("Fingerprint of " + path + " (RSA-" + key.bitLength() + " public key): " + key.fingerprint());
    }
}
