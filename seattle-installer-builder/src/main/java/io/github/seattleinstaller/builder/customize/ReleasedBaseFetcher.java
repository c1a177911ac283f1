package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fetches released base installers by their Maven coordinates {@code groupId:artifactId:version} from a
 * repository in the standard layout, without Maven: for each platform
 * {@code <repository>/<group path>/<artifactId>/<version>/<artifactId>-<version>-<platform>.<extension>} and
 * its {@code .sig}, as {@code seattle:base-installers} attaches and {@code mvn deploy} publishes them. The
 * repository is a {@code file:}, {@code http:} or {@code https:} URI. A platform the release lacks is left
 * out; a release with none is an error.
 *
 * <p>Files go into a cache directory (released artifacts never change, so a cached file is used again), each
 * written to a temporary file and moved into place, so that a failed or interrupted fetch leaves nothing that
 * looks complete. The files are not trusted for being fetched: callers verify them as any base (file list,
 * signature, the {@code .sig} beside it, optionally the key's fingerprint).
 */
public final class ReleasedBaseFetcher {
    public static final String COORDINATES_RULE = "released base installers are named groupId:artifactId:version,"
            + " a released version (not a SNAPSHOT)";
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final URI repository;
    private final Path cache;
    private final ProgressLog log;
    private final HttpClient http;

    /**
     * @param repository the repository's root, for example {@code https://repo.maven.apache.org/maven2/}
     * @param cache      where fetched files are kept, created if missing
     */
    public ReleasedBaseFetcher(URI repository, Path cache, ProgressLog log) {
        String scheme = Objects.requireNonNullElse(repository.getScheme(), "");
        if (!List.of("file", "http", "https").contains(scheme)) {
            throw new IllegalArgumentException("a repository is a file:, http: or https: URI, not " + repository);
        }
        String root = repository.toString();
        this.repository = URI.create(root.endsWith("/") ? root : root + "/");
        this.cache = cache;
        this.log = log;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /**
     * The base installers of the release, one per platform it has, in the cache.
     *
     * @throws InvalidInputException if the coordinates are malformed or the release has no base installer
     * @throws IOException           if the repository cannot be read (other than a file it does not have)
     */
    public List<CustomizeRequest.Base> fetch(String coordinates) throws IOException, InvalidInputException {
        String[] parts = coordinates.strip().split(":", -1);
        boolean wellFormed = parts.length == 3 && java.util.Arrays.stream(parts).allMatch(part -> PART.matcher(part).matches())
                && !parts[2].endsWith("-SNAPSHOT");
        if (!wellFormed) {
            throw new InvalidInputException("Cannot fetch the base installers", List.of(
                    InputProblem.whole(coordinates, COORDINATES_RULE, "'" + coordinates + "'")));
        }
        String groupPath = parts[0].replace('.', '/');
        String artifact = parts[1];
        String version = parts[2];
        Path directory = cache.resolve(groupPath).resolve(artifact).resolve(version);
        Files.createDirectories(directory);
        List<CustomizeRequest.Base> bases = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            String fileName = platform.fileName(artifact + "-" + version);
            String relative = groupPath + "/" + artifact + "/" + version + "/" + fileName;
            tried.add(repository.resolve(relative).toString());
            Path target = directory.resolve(fileName);
            Path signature = directory.resolve(fileName + DetachedSignature.EXTENSION);
            if (!Files.isRegularFile(target) || !Files.isRegularFile(signature)) {
                if (fetchInto(relative + DetachedSignature.EXTENSION, signature).isEmpty()) {
                    continue;
                }
                if (fetchInto(relative, target).isEmpty()) {
                    Files.deleteIfExists(signature);
                    throw new IOException(repository.resolve(relative) + " is missing although its "
                            + DetachedSignature.EXTENSION + " is there");
                }
                log.info("Fetched " + repository.resolve(relative) + " into " + target);
            }
            bases.add(new CustomizeRequest.Base(platform, target));
        }
        if (bases.isEmpty()) {
            throw new InvalidInputException("Cannot fetch the base installers", List.of(InputProblem.whole(coordinates,
                    "a release has at least one base installer with its " + DetachedSignature.EXTENSION,
                    "none found at " + String.join(", ", tried))));
        }
        return bases;
    }

    /** Copies one file of the repository to {@code target}, or returns empty if the repository lacks it. */
    private Optional<Path> fetchInto(String relative, Path target) throws IOException {
        URI source = repository.resolve(relative);
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            if (source.getScheme().equals("file")) {
                try (InputStream in = Files.newInputStream(Path.of(source))) {
                    Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException absent) {
                    return Optional.empty();
                }
            } else {
                HttpResponse<Path> response;
                try {
                    response = http.send(HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofFile(temporary));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while fetching " + source);
                }
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IOException(source + " answered HTTP " + response.statusCode());
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
