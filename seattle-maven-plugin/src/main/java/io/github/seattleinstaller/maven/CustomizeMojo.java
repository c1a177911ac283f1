package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.output.OutputPlan;
import io.github.seattleinstaller.builder.customize.CustomizeSummary;
import io.github.seattleinstaller.builder.customize.InstallerCustomizer;
import io.github.seattleinstaller.builder.keys.KeyLoadingException;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes per-donor installers: a copy of each base installer carrying the donor's {@code vesselinfo}, without
 * recompressing the payload. The donors come from exactly one of {@code <donors>} (in the POM),
 * {@code <donorsDirectory>} (a {@code <donor>.vesselinfo} file per donor) or {@code <donorTable>} (a CSV row
 * per donor applied to a {@code <vesselTemplate>}). The bases come from this build's
 * {@code base-installers}, from {@code <baseInstallersDirectory>}, or from released Maven coordinates
 * ({@code <baseInstallersArtifact>}); each is verified (file list, signature, key) before use. Everything is
 * checked before anything is written. Outputs: {@code <base name>-<donor>-<platform>.<extension>} with
 * {@code .sha256} and {@code .sig}, and a manifest of them all ({@code <manifestName>.json} and {@code .csv});
 * what is attached follows {@code <attach>}. A progress line is logged at least every 2 seconds and at every
 * tenth of the donors, then a summary; each file written is logged at debug level ({@code -X}).
 *
 * <p>From the command line, {@code mvn seattle:customize} runs with the command line's configuration only;
 * {@code mvn seattle:customize@<execution id>} runs an execution of the POM with its configuration.
 */
@Mojo(name = "customize", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class CustomizeMojo extends AbstractSigningMojo {

    /**
     * The donors, in the POM: for each a {@code <name>} (1 to 64 letters, digits and {@code _ . -}, starting
     * with a letter or digit; unique ignoring case) and either {@code <vessels>} or a
     * {@code <vesselInfoFile>}. Each {@code <vessel>} has a {@code <percent>}, an {@code <owner>} and any
     * {@code <users>}; keys are Seattle text "e n", PEM, or the path of a key file. A vessel's percent is its
     * part of the share the donor donates (the donor chooses the share: {@code install.sh --percent}, default
     * 10): each is 10, 20, ..., 100, and a donor's vessels sum to exactly 100. A vesselinfo file, the format
     * the installer reads, holds the same: per vessel a line {@code Percent 80}, one {@code Owner e n} line
     * and any {@code User e n} lines (labels case-sensitive, keys as two decimal integers, no empty lines,
     * at most 1 MiB). Give exactly one of {@code <donors>}, {@code <donorsDirectory>}, {@code <donorTable>}.
     */
    @Parameter
    List<Donor> donors;

    /**
     * A directory holding one vesselinfo file per donor, {@code <donor>.vesselinfo} (the donor's name is the
     * file's name; the format is that of {@code <donors>}' vesselinfo files). Names starting with '.' are
     * ignored; any other entry (a subdirectory, {@code notes.txt}, {@code alice.vesselinfo~}) is refused, so
     * that a misnamed donor file is never left out. Donors are taken in name order, ignoring case.
     */
    @Parameter(property = "seattle.donorsDirectory")
    File donorsDirectory;

    /**
     * A donor table: CSV (RFC 4180, UTF-8, comma-separated), a header row naming the columns, then a row per
     * donor. Columns, in any order: {@code name}; one per placeholder of {@code <vesselTemplate>} that
     * {@code <templateKeys>} does not give ({@code donor} for {@code {donor}}), holding a key (Seattle text
     * "e n", a quoted PEM block, or a key file's path relative to the table); optionally {@code users_v1},
     * {@code users_v2}, ...: extra users of vessel 1, 2, ... for that donor, keys separated by ';'. Every
     * problem of every row is reported with its line, row, column and rule, and nothing is written.
     */
    @Parameter(property = "seattle.donorTable")
    File donorTable;

    /**
     * The vessel template the rows of {@code <donorTable>} fill in: a vesselinfo whose keys may be
     * placeholders {@code {name}} (1 to 40 lowercase letters, digits and _, starting with a letter), each
     * alone in place of the key of an {@code Owner} or {@code User} line. Percentages are fixed by the
     * template (10, 20, ..., 100, summing to 100). {@code {operator}} is always the operator's public key.
     * Default: the clearinghouse's template, {@code Percent 80 / Owner {donor} / User {acceptdonations} /
     * Percent 20 / Owner {operator}}.
     */
    @Parameter(property = "seattle.vesselTemplate")
    File vesselTemplate;

    /**
     * Keys of the template's placeholders that are the same for every donor, by placeholder name, instead of
     * a column of {@code <donorTable>}: {@code <templateKeys><acceptdonations>keys/acceptdonations.publickey
     * </acceptdonations></templateKeys>}. A key is Seattle text, PEM, or a key file relative to the project.
     * {@code {operator}} is filled automatically.
     */
    @Parameter
    Map<String, String> templateKeys;

    /**
     * The manifest's file name without extension: {@code <manifestName>.json} and {@code <manifestName>.csv}
     * are written beside the installers, one record per installer (donor, platform, file, size, SHA-256,
     * signature file, the vesselinfo's SHA-256, the operator key's fingerprint).
     */
    @Parameter(property = "seattle.manifestName", defaultValue = "${project.build.finalName}-installers")
    String manifestName;

    /** The classifier the manifest is attached with (types {@code json} and {@code csv}). */
    @Parameter(property = "seattle.manifestClassifier", defaultValue = "installers")
    String manifestClassifier;

    /** Customize the base installers found in this directory instead of this build's. */
    @Parameter(property = "seattle.baseInstallersDirectory")
    File baseInstallersDirectory;

    /**
     * Customize released base installers: {@code groupId:artifactId:version} of a project that attached
     * them (classifier = platform), resolved from the project's repositories.
     */
    @Parameter(property = "seattle.baseInstallersArtifact")
    String baseInstallersArtifact;

    /** The platforms to customize; by default every platform the bases' source has. */
    @Parameter(property = "seattle.platforms")
    List<String> platforms;

    /**
     * The SHA-256 fingerprint of the operator key the bases must be signed with (64 hex digits); by default
     * the key this goal signs with, which must be the bases' key anyway.
     */
    @Parameter(property = "seattle.expectedKeyFingerprint")
    String expectedKeyFingerprint;

    /** Skips this goal only; {@code seattle.skip} skips every goal. */
    @Parameter(property = "seattle.customize.skip", defaultValue = "false")
    boolean skipCustomize;

    /** The build's repository session, to resolve released base installers. */
    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    /** The project's repositories, where released base installers are looked for. */
    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    List<RemoteRepository> remoteRepositories;

    /** This run of the goal: from the command line or an execution of the POM. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    @Component
    RepositorySystem repositorySystem;

    @Override
    String goal() {
        return "customize";
    }

    @Override
    boolean skipsThisGoal() {
        return skipCustomize;
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException, InvalidInputException, KeyLoadingException,
            IOException {
        AttachPolicy policy = attachPolicy();
        requirePlainName("manifestClassifier", manifestClassifier);
        Path basedir = project.getBasedir().toPath();
        DonorSources.Chosen chosen = new DonorSources(basedir, CommandLineHint.of(mojoExecution, project, goal()))
                .choose(donors, donorsDirectory, donorTable, vesselTemplate, templateKeys);
        Optional<KeyFingerprint> expected = ExpectedKeyFingerprint.parse(expectedKeyFingerprint);
        List<CustomizeRequest.Base> bases = new BaseInstallerSource(project, repositorySystem, repositorySession,
                remoteRepositories, getLog()).bases(baseInstallersDirectory, baseInstallersArtifact, platforms);
        OperatorKey key = loadOperatorKey();
        CustomizeRequest.Builder request = CustomizeRequest.builder()
                .operatorKey(key)
                .output(outputPlan())
                .bases(bases)
                .manifestName(manifestName, label("manifestName"));
        chosen.addTo(request, key);
        expected.ifPresent(request::expectedBaseKey);
        CustomizeSummary summary = new InstallerCustomizer(mavenLog()).customize(request.build(), installer ->
                publish(installer.files(), installer.platform(), installer.classifier(), policy.attachesDonorInstallers()));
        if (policy.attachesManifest()) {
            summary.manifests().forEach(manifest -> Attachments.attachManifest(projectHelper, project, manifest,
                    manifestClassifier));
        }
        getLog().info("Attached (<attach> " + policy + "): " + attachedDescription(policy, summary));
    }

    private static void requirePlainName(String parameter, String value) throws MojoFailureException {
        if (!OutputPlan.isPlainName(value)) {
            throw parameterProblem(parameter, "'" + (value == null ? "" : value) + "' is not a plain name: "
                    + OutputPlan.PLAIN_NAME_RULE);
        }
    }

    private String attachedDescription(AttachPolicy policy, CustomizeSummary summary) {
        if (policy.attachesDonorInstallers()) {
            return summary.installers() + (summary.installers() == 1 ? " installer with its .sig file"
                    : " installers with their .sig files") + ", and the manifest";
        }
        return policy.attachesManifest() ? "the manifest only; the installers stay in " + outputDirectory : "nothing";
    }
}
