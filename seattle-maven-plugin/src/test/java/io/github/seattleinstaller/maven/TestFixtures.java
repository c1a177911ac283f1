package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.base.BaseInstallerBuilder;
import io.github.seattleinstaller.builder.base.BaseInstallerRequest;
import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.keys.OperatorKeyLoader;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.builder.keys.OperatorKeyGenerator;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Inputs the mojos need, made in temporary directories: an operator key pair, and a small runtime jar whose
 * manifest names one dependency, presented as the plugin's own artifacts alongside one the installer
 * must not ship.
 */
final class TestFixtures {
    private TestFixtures() {
    }

    static GeneratedKeyFiles operatorKey(Path directory) {
        try {
            return new OperatorKeyGenerator().generate(directory, "operator", 2048, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The runtime, its dependency, and an unrelated plugin dependency, as Maven artifacts with files. */
    static List<Artifact> pluginArtifacts(Path directory) {
        try {
            Files.createDirectories(directory);
            Path dependency = jar(directory.resolve("oshi-core-6.12.0.jar"), new Manifest());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.github.seattleinstaller.runtime.cli.InstallerMain");
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "oshi-core-6.12.0.jar");
            Path runtime = jar(directory.resolve("seattle-installer-runtime-0.1.0.jar"), manifest);
            Path unrelated = jar(directory.resolve("bcprov-jdk18on-1.86.jar"), new Manifest());
            return List.of(
                    artifact("org.bouncycastle", "bcprov-jdk18on", "1.86", unrelated),
                    artifact(BaseInstallersMojo.RUNTIME_GROUP_ID, BaseInstallersMojo.RUNTIME_ARTIFACT_ID, "0.1.0", runtime),
                    artifact("com.github.oshi", "oshi-core", "6.12.0", dependency));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Base installers for every platform, built by the core from the test runtime, signed with the key in
     * {@code key}'s files; returns their directory.
     */
    static Path baseInstallers(Path directory, GeneratedKeyFiles key) {
        try {
            OperatorKey operator = new OperatorKeyLoader(name -> null, "UNUSED_KEY", "UNUSED_PASSPHRASE")
                    .load(key.privateKeyPem(), null);
            List<Artifact> artifacts = pluginArtifacts(directory.resolve("plugin"));
            Path runtime = artifacts.get(1).getFile().toPath();
            Path output = directory.resolve("bases");
            new BaseInstallerBuilder(ProgressLog.NONE).build(BaseInstallerRequest.builder()
                    .runtimeJar(runtime)
                    .dependencyJars(List.of(artifacts.get(2).getFile().toPath()))
                    .operatorKey(operator)
                    .outputDirectory(output)
                    .baseFileName("operator-1.0")
                    .outputTimestamp(Instant.parse("2026-11-01T00:00:00Z"))
                    .build());
            return output;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A customize goal set to customize {@code bases} with {@code operator}'s key into {@code temp/out}, with no
     * environment and the manifest {@code operator-1.0-installers}, logging into {@code log}; no donors yet.
     */
    static CustomizeMojo customizing(CustomizeMojo mojo, Path temp, GeneratedKeyFiles operator, Path bases,
            CapturingLog log) {
        mojo.baseInstallersDirectory = bases.toFile();
        mojo.outputDirectory = temp.resolve("out").toFile();
        mojo.operatorKeyFile = operator.privateKeyPem().toFile();
        mojo.environment = Map.<String, String>of()::get;
        mojo.manifestName = "operator-1.0-installers";
        mojo.setLog(log);
        return mojo;
    }

    /** The artifact of the project under build, to which installers are attached. */
    static Artifact projectArtifact() {
        return new DefaultArtifact("org.example", "operator", "1.0", "compile", "pom", null,
                new DefaultArtifactHandler("pom"));
    }

    private static Artifact artifact(String groupId, String artifactId, String version, Path file) {
        DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, version, "compile", "jar", null,
                new DefaultArtifactHandler("jar"));
        artifact.setFile(file.toFile());
        return artifact;
    }

    private static Path jar(Path file, Manifest manifest) throws IOException {
        manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }
}
