package io.github.seattleinstaller.builder.testing;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.base.BaseInstallerBuilder;
import io.github.seattleinstaller.builder.base.BaseInstallerRequest;
import io.github.seattleinstaller.builder.base.BaseInstallerResult;
import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Base installers built from the fake runtime, for tests. */
public final class TestInstallers {
    public static final String BASE_FILE_NAME = "seattle-installer-0.1.0";
    public static final Instant TIMESTAMP = Instant.parse("2026-11-01T00:00:00Z");

    private TestInstallers() {
    }

    /** A request for all platforms from a fake runtime made under {@code work/runtime}, into {@code output}. */
    public static BaseInstallerRequest.Builder request(Path work, Path output) throws IOException {
        FakeRuntime runtime = FakeRuntime.create(work.resolve("runtime"));
        return BaseInstallerRequest.builder()
                .runtimeJar(runtime.runtimeJar())
                .dependencyJars(List.of(runtime.dependencyJar()))
                .operatorKey(TestKeys.operatorKey())
                .outputDirectory(output)
                .baseFileName(BASE_FILE_NAME)
                .outputTimestamp(TIMESTAMP);
    }

    /** A builder holding the request's values, to make a changed copy. */
    public static BaseInstallerRequest.Builder copyOf(BaseInstallerRequest request) {
        return BaseInstallerRequest.builder().runtimeJar(request.runtimeJar()).dependencyJars(request.dependencyJars())
                .offcutFile(request.offcutFile().orElse(null)).restrictionsFile(request.restrictionsFile().orElse(null))
                .operatorKey(request.operatorKey()).operator(request.operator()).platforms(request.platforms())
                .outputDirectory(request.outputDirectory()).baseFileName(request.baseFileName())
                .topLevelDirectory(request.topLevelDirectory()).outputTimestamp(request.outputTimestamp().orElse(null))
                .extraPayload(request.extraPayload());
    }

    /** Builds every platform's base into {@code output}. */
    public static Map<Platform, Path> buildBases(Path work, Path output) throws IOException, InvalidInputException {
        BaseInstallerResult result = new BaseInstallerBuilder(ProgressLog.NONE).build(request(work, output).build());
        Map<Platform, Path> archives = new EnumMap<>(Platform.class);
        result.installers().forEach((platform, files) -> archives.put(platform, files.archive()));
        return archives;
    }

    /** A customization of {@code bases} for the test operator into {@code output}, dated {@link #TIMESTAMP}. */
    public static CustomizeRequest.Builder customizeRequest(Map<Platform, Path> bases, Path output) {
        CustomizeRequest.Builder request = CustomizeRequest.builder().outputDirectory(output)
                .operatorKey(TestKeys.operatorKey()).outputTimestamp(TIMESTAMP);
        bases.forEach(request::base);
        return request;
    }

    /** Writes the operator's public key as PEM, for openssl. */
    public static Path publicKeyPem(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, PublicKeyPem.encode((RSAPublicKey) TestKeys.operator().getPublic()),
                StandardCharsets.US_ASCII);
    }
}
