package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.customize.BaseInstallerFinder;
import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.builder.output.SignedArchive;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where {@code seattle:customize} takes its base installers from, each with the {@code .sig} published
 * beside it (which verification then checks): the installers {@code base-installers} made in this
 * project earlier in the build (the default, whatever it attached), the directory {@code <baseInstallersDirectory>}, or a
 * release's coordinates {@code <baseInstallersArtifact>}, resolved from the project's repositories. Each
 * base carries the label of where it came from, so that the core's problems with it name the parameter.
 */
final class BaseInstallerSource {
    static final String DIRECTORY = "baseInstallersDirectory";
    static final String ARTIFACT = "baseInstallersArtifact";
    static final String BUILT_LABEL = "this build's base installer";
    private static final String BUILT_CONTEXT_KEY = BaseInstallerSource.class.getName() + ".built";

    private final MavenProject project;
    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final Log log;

    BaseInstallerSource(MavenProject project, RepositorySystem repositorySystem, RepositorySystemSession session,
            List<RemoteRepository> repositories, Log log) {
        this.project = project;
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
        this.log = log;
    }

    /**
     * The bases from the one source configured.
     *
     * @param directory   {@code <baseInstallersDirectory>}, or null
     * @param coordinates {@code <baseInstallersArtifact>}, or null
     * @param platforms   {@code <platforms>}; when not set, every platform the source has
     */
    List<CustomizeRequest.Base> bases(File directory, String coordinates, List<String> platforms)
            throws MojoFailureException, InvalidInputException, IOException {
        if (coordinates != null && directory != null) {
            throw AbstractSeattleMojo.parameterProblem(ARTIFACT, "give either <baseInstallersArtifact> or"
                    + " <baseInstallersDirectory>, not both");
        }
        Optional<List<Platform>> wanted = platforms == null || platforms.isEmpty() ? Optional.empty()
                : Optional.of(Platforms.parse(platforms));
        if (coordinates != null) {
            return released(coordinates, wanted);
        }
        if (directory != null) {
            return BaseInstallerFinder.find(directory.toPath(), AbstractSeattleMojo.label(DIRECTORY),
                    wanted.isPresent() ? wanted.get() : BaseInstallerFinder.platformsIn(directory.toPath()));
        }
        return builtHere(wanted);
    }

    /**
     * Records the bases base-installers made in this project, whether or not it attached them ({@code <attach>}),
     * for a later customize of the same build.
     */
    static void remember(MavenProject project, Map<Platform, SignedArchive> built) {
        Map<Platform, Path> bases = new EnumMap<>(Platform.class);
        bases.putAll(built(project));
        built.forEach((platform, files) -> bases.put(platform, files.archive()));
        project.setContextValue(BUILT_CONTEXT_KEY, Collections.unmodifiableMap(bases));
    }

    @SuppressWarnings("unchecked") // Only remember() sets the value.
    private static Map<Platform, Path> built(MavenProject project) {
        Object value = project.getContextValue(BUILT_CONTEXT_KEY);
        return value == null ? Map.of() : (Map<Platform, Path>) value;
    }

    /** The installers that base-installers made in this project earlier in the build. */
    private List<CustomizeRequest.Base> builtHere(Optional<List<Platform>> wanted) throws MojoFailureException {
        List<CustomizeRequest.Base> bases = new ArrayList<>();
        Map<Platform, Path> built = built(project);
        for (Platform platform : wanted.orElse(Arrays.asList(Platform.values()))) {
            if (built.containsKey(platform)) {
                bases.add(new CustomizeRequest.Base(platform, built.get(platform), BUILT_LABEL));
            } else if (wanted.isPresent()) {
                throw AbstractSeattleMojo.parameterProblem("platforms", "this build made no " + platform
                        + " base installer");
            }
        }
        if (bases.isEmpty()) {
            throw AbstractSeattleMojo.parameterProblem(DIRECTORY, "no base installers: run the base-installers goal"
                    + " earlier in this build, or set <baseInstallersDirectory> or <baseInstallersArtifact>");
        }
        return bases;
    }

    /** The released bases (and their signatures, when published), resolved from the project's repositories. */
    private List<CustomizeRequest.Base> released(String coordinates, Optional<List<Platform>> wanted)
            throws MojoFailureException {
        String[] parts = coordinates.strip().split(":");
        if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw AbstractSeattleMojo.parameterProblem(ARTIFACT, "'" + coordinates + "' is not"
                    + " groupId:artifactId:version (for example org.example:operator-installers:1.0.0)");
        }
        String label = AbstractSeattleMojo.label(ARTIFACT) + " " + coordinates.strip();
        Map<Platform, String> failures = new LinkedHashMap<>();
        List<CustomizeRequest.Base> bases = new ArrayList<>();
        for (Platform platform : wanted.orElse(Arrays.asList(Platform.values()))) {
            String extension = platform.format().extension();
            DefaultArtifact artifact = new DefaultArtifact(parts[0], parts[1], platform.classifier(), extension, parts[2]);
            try {
                bases.add(new CustomizeRequest.Base(platform, resolve(artifact).toPath(), label));
            } catch (ArtifactResolutionException e) {
                failures.put(platform, artifact + " " + whyNot(e));
                continue;
            }
            try {
                // The verifier checks a .sig found beside the archive; a base published without one still works.
                resolve(new DefaultArtifact(parts[0], parts[1], platform.classifier(),
                        extension + DetachedSignature.EXTENSION, parts[2]));
            } catch (ArtifactResolutionException noSignature) {
                log.debug("No published signature for the " + platform + " base: " + noSignature.getMessage());
            }
        }
        if (bases.isEmpty() || (wanted.isPresent() && !failures.isEmpty())) {
            throw AbstractSeattleMojo.parameterProblem(ARTIFACT, "cannot resolve the base installers of "
                    + coordinates.strip() + ":\n  " + failures.entrySet().stream()
                            .map(failure -> failure.getKey() + ": " + failure.getValue())
                            .collect(Collectors.joining("\n  "))
                    + "\nCheck the coordinates, and that this release was deployed with its installers attached"
                    + " (seattle:base-installers attaches them with classifier linux, macos or windows)"
                    + (wanted.isPresent() ? "; <platforms> asks for " + wanted.get() : "") + ".");
        }
        failures.keySet().forEach(platform -> log.info("No " + platform + " base installer in " + coordinates));
        return bases;
    }

    private File resolve(DefaultArtifact artifact) throws ArtifactResolutionException {
        return repositorySystem.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                .getArtifact().getFile();
    }

    /** Why an artifact did not resolve, without the resolver's stack of exception messages. */
    private String whyNot(ArtifactResolutionException failure) {
        ArtifactResult result = failure.getResult();
        List<Exception> causes = result == null ? List.of() : result.getExceptions();
        Optional<Exception> other = causes.stream().filter(cause -> !(cause instanceof ArtifactNotFoundException))
                .findFirst();
        if (other.isPresent()) {
            return "could not be downloaded: " + other.get().getMessage();
        }
        String searched = repositories.stream().map(repository -> repository.getId() + " (" + repository.getUrl() + ")")
                .collect(Collectors.joining(", "));
        return "is in neither the local repository " + session.getLocalRepository().getBasedir()
                + (searched.isEmpty() ? " (no remote repository is configured)" : " nor " + searched);
    }
}
