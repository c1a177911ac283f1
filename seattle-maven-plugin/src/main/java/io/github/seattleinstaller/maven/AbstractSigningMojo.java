package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.keys.KeyLoadingException;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.keys.OperatorKeyLoader;
import io.github.seattleinstaller.builder.output.OutputPlan;
import io.github.seattleinstaller.builder.output.SignedArchive;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import java.io.File;

/**
 * Goals that write installers signed with the operator's key, and attach them to the project. The key is
 * loaded as maven-gpg-plugin does it: from a file or an environment variable, its passphrase only from the
 * environment, and the log shows the key's fingerprint, never the key.
 */
abstract class AbstractSigningMojo extends AbstractSeattleMojo {

    /**
     * The operator's private key: PEM (PKCS#1, PKCS#8 or encrypted PKCS#8) or a Seattle
     * {@code .privatekey} file. When not set, the key is read from the environment variable named by
     * {@code operatorKeyEnvironmentVariable}. Setting both is an error.
     */
    @Parameter(property = "seattle.operatorKeyFile")
    File operatorKeyFile;

    /**
     * Optional public key file (Seattle {@code .publickey} or PEM) the private key must match: the
     * original make_base_installers took both halves. Without it the public key is derived.
     */
    @Parameter(property = "seattle.operatorPublicKeyFile")
    File operatorPublicKeyFile;

    /** The environment variable that holds the operator key's PEM text, used when no key file is set. */
    @Parameter(property = "seattle.operatorKeyEnvironmentVariable",
            defaultValue = OperatorKeyLoader.DEFAULT_KEY_VARIABLE)
    String operatorKeyEnvironmentVariable;

    /** The environment variable that holds the passphrase of an encrypted operator key. */
    @Parameter(property = "seattle.passphraseEnvironmentVariable",
            defaultValue = OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE)
    String passphraseEnvironmentVariable;

    /**
     * Refused. A passphrase in the POM or on the command line ends up in version control, shell history
     * and build logs; give it in the environment variable named by {@code passphraseEnvironmentVariable}.
     */
    @Parameter(property = "seattle.passphrase")
    String passphrase;

    /** Where the installers, their {@code .sha256} and {@code .sig} files are written. */
    @Parameter(property = "seattle.outputDirectory", defaultValue = "${project.build.directory}/seattle")
    File outputDirectory;

    /**
     * Fixed time for the archive entries written (ISO-8601 or seconds since 1970): with it, two builds give
     * byte-identical installers.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /**
     * What to attach to the project, so that {@code mvn install} and {@code mvn deploy} publish it (what is
     * not attached is still written to {@code outputDirectory}):
     * <ul>
     *   <li>{@code all}: base-installers attaches each base installer and its {@code .sig} (classifier
     *       {@code <platform>}); customize attaches each donor's installer and its {@code .sig} (classifier
     *       {@code <donor>-<platform>}) and the manifest ({@code json} and {@code csv}, classifier
     *       {@code manifestClassifier});</li>
     *   <li>{@code bases}: base-installers attaches the bases and their {@code .sig}; customize attaches only
     *       the manifest. For many donors: the bases are published for later customizations
     *       ({@code baseInstallersArtifact}), the donors' installers stay in {@code outputDirectory};</li>
     *   <li>{@code manifest}: base-installers attaches nothing; customize attaches only the manifest;</li>
     *   <li>{@code none}: nothing is attached.</li>
     * </ul>
     * customize finds this build's bases whatever base-installers attached.
     */
    @Parameter(property = "seattle.attach", defaultValue = "all")
    String attach;

    /** The project the installers are attached to; its base directory anchors relative paths. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Component
    MavenProjectHelper projectHelper;

    /** Loads the operator key and logs its fingerprint. */
    OperatorKey loadOperatorKey() throws MojoFailureException, KeyLoadingException {
        if (passphrase != null) {
            throw parameterProblem("passphrase", "a passphrase in the POM or on the command line is refused: it"
                    + " would end up in version control, shell history or build logs. Remove <passphrase> (or"
                    + " -Dseattle.passphrase) and set the environment variable " + passphraseEnvironmentVariable
                    + " instead (see <passphraseEnvironmentVariable>).");
        }
        requireVariableName("operatorKeyEnvironmentVariable", operatorKeyEnvironmentVariable,
                OperatorKeyLoader.DEFAULT_KEY_VARIABLE);
        requireVariableName("passphraseEnvironmentVariable", passphraseEnvironmentVariable,
                OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE);
        OperatorKey key = new OperatorKeyLoader(environment, operatorKeyEnvironmentVariable, passphraseEnvironmentVariable)
                .load(operatorKeyFile == null ? null : operatorKeyFile.toPath(),
                        operatorPublicKeyFile == null ? null : operatorPublicKeyFile.toPath());
        getLog().info("Operator key: " + key);
        return key;
    }

    /** The output directory and timestamp, labelled for the core's problems with them. */
    OutputPlan outputPlan() throws MojoFailureException {
        return new OutputPlan(outputDirectory.toPath(), label("outputDirectory"), OutputTimestamp.parse(outputTimestamp),
                label("outputTimestamp"));
    }

    /** The {@code attach} parameter. */
    AttachPolicy attachPolicy() throws MojoFailureException {
        return AttachPolicy.parse(attach);
    }

    /**
     * Logs an installer written, at debug level (the core's summary is at info), and attaches it and its
     * signature when asked to.
     */
    void publish(SignedArchive installer, Platform platform, String classifier, boolean attachIt) {
        getLog().debug("  " + classifier + ": " + installer.archive() + (attachIt ? ", attached" : ""));
        if (attachIt) {
            Attachments.attach(projectHelper, project, installer, platform, classifier);
        }
    }

    private static void requireVariableName(String parameter, String value, String defaultName)
            throws MojoFailureException {
        if (value == null || value.isBlank()) {
            throw parameterProblem(parameter, "is empty: name an environment variable (the default is "
                    + defaultName + "), or remove the parameter");
        }
    }
}
