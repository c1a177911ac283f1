package io.github.seattleinstaller.service.testing;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.base.BaseInstallerBuilder;
import io.github.seattleinstaller.builder.base.BaseInstallerRequest;
import io.github.seattleinstaller.builder.keys.KeyLoadingException;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.keys.OperatorKeyLoader;
import io.github.seattleinstaller.builder.layout.RuntimeJars;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Real base installers for the end-to-end tests, built with the builder core from the installer runtime on the
 * test's class path (a packaged jar when the tests run in {@code verify}), signed with the example's TEST-ONLY
 * operator key.
 */
public final class TestBases {
    public static final String BASE_NAME = "service-test-1.0";
    public static final Instant TIMESTAMP = Instant.parse("2026-11-01T00:00:00Z");

    private static Path shared;
    private static Path shared2048;

    private TestBases() {
    }

    /** The bases every end-to-end test of this run shares, built once into target/service-it/bases. */
    public static synchronized Path shared() throws IOException, InvalidInputException {
        if (shared == null) {
            Path directory = Path.of("target", "service-it", "bases").toAbsolutePath();
            deleteRecursively(directory);
            build(directory, BASE_NAME, TIMESTAMP);
            shared = directory;
        }
        return shared;
    }

    /**
     * Bases signed with the invoker tests' TEST-ONLY 2048-bit operator key ({@link #operatorKey2048File()}), built once
     * into target/service-it/bases-2048: for job tests, where one RSA signature per donor is the cost.
     */
    public static synchronized Path shared2048() throws IOException, InvalidInputException {
        if (shared2048 == null) {
            Path directory = Path.of("target", "service-it", "bases-2048").toAbsolutePath();
            deleteRecursively(directory);
            build(directory, BASE_NAME, TIMESTAMP, loadKey(operatorKey2048File()));
            shared2048 = directory;
        }
        return shared2048;
    }

    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The repository's root: where {@code mvnw} is. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("repository.root");
        Path at = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (at != null && !Files.exists(at.resolve("mvnw"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException("cannot find the repository root (mvnw) above " + Path.of("").toAbsolutePath());
        }
        return at;
    }

    /** examples/operator-build/keys: the TEST-ONLY operator key and donors' public keys. */
    public static Path exampleKeys() {
        return repositoryRoot().resolve("examples/operator-build/keys");
    }

    public static Path operatorKeyFile() {
        return exampleKeys().resolve("TEST-ONLY-operator.pem");
    }

    public static Path operatorPublicKeyPem() {
        return exampleKeys().resolve("operator.pub.pem");
    }

    public static OperatorKey operatorKey() {
        return loadKey(operatorKeyFile());
    }

    /** The invoker tests' TEST-ONLY 2048-bit operator key (the example's is 3072-bit). */
    public static Path operatorKey2048File() {
        return repositoryRoot().resolve("it/src/it/keys/TEST-ONLY-operator.pem");
    }

    public static OperatorKey loadKey(Path file) {
        try {
            return new OperatorKeyLoader(name -> null, OperatorKeyLoader.DEFAULT_KEY_VARIABLE,
                    OperatorKeyLoader.DEFAULT_PASSPHRASE_VARIABLE).load(file, null);
        } catch (KeyLoadingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds the three platforms' bases into {@code directory}; {@code baseName} and time vary their bytes. */
    public static Map<Platform, Path> build(Path directory, String baseName, Instant timestamp)
            throws IOException, InvalidInputException {
        return build(directory, baseName, timestamp, operatorKey());
    }

    /** As {@link #build(Path, String, Instant)}, signed with {@code key}. */
    public static Map<Platform, Path> build(Path directory, String baseName, Instant timestamp, OperatorKey key)
            throws IOException, InvalidInputException {
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        Path runtime = classPath.stream()
                .filter(path -> path.getFileName().toString().startsWith("seattle-installer-runtime")
                        && path.getFileName().toString().endsWith(".jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the installer runtime is not on the class path as a"
                        + " jar: run these tests with ./mvnw verify (failsafe, after package)"));
        List<Path> candidates = classPath.stream().filter(path -> path.toString().endsWith(".jar")).toList();
        BaseInstallerRequest request = BaseInstallerRequest.builder()
                .runtimeJar(runtime)
                .dependencyJars(RuntimeJars.selectDependencies(runtime, candidates))
                .operatorKey(key)
                .platforms(List.of(Platform.values()))
                .outputDirectory(directory)
                .baseFileName(baseName)
                .outputTimestamp(timestamp)
                .build();
        Map<Platform, Path> bases = new java.util.EnumMap<>(Platform.class);
        new BaseInstallerBuilder(ProgressLog.NONE).build(request).installers()
                .forEach((platform, files) -> bases.put(platform, files.archive()));
        return bases;
    }
}
