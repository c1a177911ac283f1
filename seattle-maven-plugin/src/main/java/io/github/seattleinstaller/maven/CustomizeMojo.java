package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.customize.CustomizedInstaller;
import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.customize.InstallerCustomizer;
import io.github.seattleinstaller.builder.keys.KeyLoadingException;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes per-donor installers: a copy of each base installer carrying the donor's {@code vesselinfo}, built
 * from {@code <donors>}, without recompressing the payload. The bases come from this build's
 * {@code base-installers}, from {@code <baseInstallersDirectory>}, or from released Maven coordinates
 * ({@code <baseInstallersArtifact>}); each is verified (file list, signature, key) before use. Everything is
 * validated before anything is written. Outputs: {@code <base name>-<donor>-<platform>.<extension>} with
 * {@code .sha256} and {@code .sig}, attached with classifier {@code <donor>-<platform>}.
 */
@Mojo(name = "customize", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class CustomizeMojo extends AbstractSigningMojo {

    /**
     * The donors: for each a {@code <name>} and either {@code <vessels>} (each with {@code <percent>}, its
     * part of the share the donor donates, {@code <owner>} and {@code <users>}; keys as Seattle text "e n",
     * PEM, or a key file) or a {@code <vesselInfoFile>}.
     */
    @Parameter
    List<Donor> donors;

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

    /** The build's repository session, to resolve released base installers. */
    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    /** The project's repositories, where released base installers are looked for. */
    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    List<RemoteRepository> remoteRepositories;

    @Component
    RepositorySystem repositorySystem;

    @Override
    String goal() {
        return "customize";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException, InvalidInputException, KeyLoadingException,
            IOException {
        Map<DonorName, VesselInfo> splits = new DonorSplits(project.getBasedir().toPath()).read(donors);
        Optional<KeyFingerprint> expected = ExpectedKeyFingerprint.parse(expectedKeyFingerprint);
        List<CustomizeRequest.Base> bases = new BaseInstallerSource(project, repositorySystem, repositorySession,
                remoteRepositories, getLog()).bases(baseInstallersDirectory, baseInstallersArtifact, platforms);
        CustomizeRequest.Builder request = CustomizeRequest.builder()
                .operatorKey(loadOperatorKey())
                .output(outputPlan())
                .bases(bases);
        splits.forEach(request::donor);
        expected.ifPresent(request::expectedBaseKey);
        for (CustomizedInstaller installer : new InstallerCustomizer(mavenLog()).customize(request.build())) {
            publish(installer.files(), installer.platform(), installer.classifier());
        }
    }
}
