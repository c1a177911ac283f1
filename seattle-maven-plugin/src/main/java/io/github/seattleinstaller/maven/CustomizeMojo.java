package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.customize.BaseInstallerFinder;
import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.customize.CustomizedInstaller;
import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.customize.InstallerCustomizer;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
     * The donors: for each a {@code <name>} and either {@code <vessels>} (each with {@code <percent>},
     * {@code <owner>} and {@code <users>}; keys as Seattle text "e n", PEM, or a key file) or a
     * {@code <vesselInfoFile>}.
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
    void run() throws MojoExecutionException, MojoFailureException {
        Map<DonorName, VesselInfo> splits;
        try {
            splits = new DonorSplits(project.getBasedir().toPath()).read(donors);
        } catch (InvalidInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Optional<KeyFingerprint> expected = expectedFingerprint();
        List<CustomizeRequest.Base> bases = bases();
        OperatorKey key = loadOperatorKey();

        CustomizeRequest.Builder request = CustomizeRequest.builder()
                .outputDirectory(outputDirectory.toPath())
                .operatorKey(key);
        bases.forEach(base -> request.base(base.platform(), base.file()));
        splits.forEach(request::donor);
        expected.ifPresent(request::expectedBaseKey);
        OutputTimestamp.parse(outputTimestamp).ifPresent(request::outputTimestamp);

        List<CustomizedInstaller> written;
        try {
            written = new InstallerCustomizer(mavenLog()).customize(request.build());
        } catch (InvalidInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the donors' installers in <outputDirectory> "
                    + outputDirectory + ": " + e.getMessage(), e);
        }
        for (CustomizedInstaller installer : written) {
            getLog().info("  " + installer.classifier() + ": " + installer.files().archive());
            if (attach) {
                Attachments.attach(projectHelper, project, installer.files(), installer.platform(),
                        installer.classifier());
            }
        }
    }

    private Optional<KeyFingerprint> expectedFingerprint() throws MojoFailureException {
        if (expectedKeyFingerprint == null || expectedKeyFingerprint.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFingerprint.parse(expectedKeyFingerprint));
        } catch (IllegalArgumentException e) {
            throw parameterProblem("expectedKeyFingerprint", e.getMessage());
        }
    }

    /** The base installers from the one source configured: coordinates, a directory, or this build. */
    private List<CustomizeRequest.Base> bases() throws MojoExecutionException, MojoFailureException {
        if (baseInstallersArtifact != null && baseInstallersDirectory != null) {
            throw parameterProblem("baseInstallersArtifact", "give either <baseInstallersArtifact> or"
                    + " <baseInstallersDirectory>, not both");
        }
        List<Platform> wanted = platforms == null || platforms.isEmpty() ? null : Platforms.parse(platforms);
        if (baseInstallersArtifact != null) {
            return resolve(baseInstallersArtifact, wanted);
        }
        if (baseInstallersDirectory != null) {
            try {
                Path directory = baseInstallersDirectory.toPath();
                return BaseInstallerFinder.find(directory,
                        wanted != null ? wanted : BaseInstallerFinder.platformsIn(directory));
            } catch (InvalidInputException e) {
                throw parameterProblem("baseInstallersDirectory", e.getMessage());
            } catch (IOException e) {
                throw new MojoExecutionException("Cannot read <baseInstallersDirectory> " + baseInstallersDirectory
                        + ": " + e.getMessage(), e);
            }
        }
        return attachedBases(wanted);
    }

    /** The installers that base-installers attached to this project earlier in the build. */
    private List<CustomizeRequest.Base> attachedBases(List<Platform> wanted) throws MojoFailureException {
        List<CustomizeRequest.Base> bases = new ArrayList<>();
        for (Platform platform : wanted != null ? wanted : Arrays.asList(Platform.values())) {
            Optional<Artifact> attached = project.getAttachedArtifacts().stream()
                    .filter(artifact -> platform.classifier().equals(artifact.getClassifier())
                            && platform.format().extension().equals(artifact.getType()))
                    .findFirst();
            if (attached.isPresent()) {
                bases.add(new CustomizeRequest.Base(platform, attached.get().getFile().toPath()));
            } else if (wanted != null) {
                throw parameterProblem("platforms", "this build made no " + platform + " base installer");
            }
        }
        if (bases.isEmpty()) {
            throw parameterProblem("baseInstallersDirectory", "no base installers: run the base-installers goal"
                    + " earlier in this build, or set <baseInstallersDirectory> or <baseInstallersArtifact>");
        }
        return bases;
    }

    /** Resolves the released bases (and their signatures, when published) from the project's repositories. */
    private List<CustomizeRequest.Base> resolve(String coordinates, List<Platform> wanted)
            throws MojoFailureException {
        String[] parts = coordinates.strip().split(":");
        if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw parameterProblem("baseInstallersArtifact", "'" + coordinates + "' is not groupId:artifactId:version");
        }
        Map<Platform, String> failures = new LinkedHashMap<>();
        List<CustomizeRequest.Base> bases = new ArrayList<>();
        for (Platform platform : wanted != null ? wanted : Arrays.asList(Platform.values())) {
            String extension = platform.format().extension();
            try {
                File file = resolveFile(parts, platform.classifier(), extension);
                bases.add(new CustomizeRequest.Base(platform, file.toPath()));
            } catch (ArtifactResolutionException e) {
                failures.put(platform, e.getMessage());
                continue;
            }
            try {
                // The verifier checks a .sig found beside the archive; a base published without one still works.
                resolveFile(parts, platform.classifier(), extension + DetachedSignature.EXTENSION);
            } catch (ArtifactResolutionException noSignature) {
                getLog().debug("No published signature for the " + platform + " base: " + noSignature.getMessage());
            }
        }
        if (bases.isEmpty() || (wanted != null && !failures.isEmpty())) {
            throw parameterProblem("baseInstallersArtifact", "cannot resolve the base installers of " + coordinates
                    + ": " + failures);
        }
        failures.keySet().forEach(platform -> getLog().info("No " + platform + " base installer in " + coordinates));
        return bases;
    }

    private File resolveFile(String[] coordinates, String classifier, String extension)
            throws ArtifactResolutionException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(coordinates[0], coordinates[1], classifier, extension, coordinates[2]),
                remoteRepositories, null);
        return repositorySystem.resolveArtifact(repositorySession, request).getArtifact().getFile();
    }
}
