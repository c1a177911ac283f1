package io.github.seattleinstaller.builder.base;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.layout.InstallerFile;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A digest of everything base installers are made from, computed from cheap facts before anything is
 * assembled: the format of this builder, the names and options, the operator key's fingerprint, the time
 * stamped on entries (or that the build time is used), the bytes of every file the builder generates
 * (small, in memory: a change of launcher or README text counts), and the path, size and last-modified time
 * of every input file (jars, overrides, extra payload), so that touching an input rebuilds as well.
 *
 * <p>Input files are not hashed: a jar replaced by one of the same size and the same modification time
 * would go unnoticed, as it would by make or Maven's own incremental build. Every build still hashes what
 * it archives, and verifies the archive it wrote, so an input that changes while it is archived is caught.
 */
final class BuildFingerprint {
    /** Raised whenever the archives written from the same inputs would change. */
    static final int FORMAT_VERSION = 3;

    private BuildFingerprint() {
    }

    /**
     * The lowercase hex digest.
     *
     * @param generated  the files the assembler generates for each platform, by path in the installer (the
     *                   README, which names the operator, among them)
     * @param inputFiles every input file by path in the installer (jars as {@code lib/<name>}) or, for an
     *                   override shipped under a fixed name, by what it overrides
     */
    static String of(BaseInstallerRequest request, KeyFingerprint operatorKey,
            Map<Platform, Map<String, InstallerFile>> generated, Map<String, Path> inputFiles) throws IOException {
        StringBuilder description = new StringBuilder();
        description.append("format ").append(FORMAT_VERSION).append('\n');
        description.append("base-file-name ").append(request.baseFileName()).append('\n');
        description.append("top-level-directory ").append(request.topLevelDirectory()).append('\n');
        description.append("platforms ").append(request.platforms().stream().map(Platform::classifier)
                .collect(Collectors.joining(","))).append('\n');
        description.append("timestamp ").append(request.outputTimestamp().map(Object::toString).orElse("build-time"))
                .append('\n');
        description.append("operator-key ").append(operatorKey).append('\n');
        generated.forEach((platform, files) -> files.forEach((path, file) -> description.append("generated ")
                .append(platform.classifier()).append(' ').append(path).append(' ')
                .append(Integer.toOctalString(file.mode())).append(' ').append(file.content().digest().sha256())
                .append('\n')));
        for (Map.Entry<String, Path> input : inputFiles.entrySet()) {
            BasicFileAttributes attributes = Files.readAttributes(input.getValue(), BasicFileAttributes.class);
            description.append("input ").append(input.getKey()).append(' ').append(input.getValue().toAbsolutePath())
                    .append(' ').append(attributes.size()).append(' ').append(attributes.lastModifiedTime().toInstant())
                    .append('\n');
        }
        return FileDigest.of(description.toString().getBytes(StandardCharsets.UTF_8)).sha256();
    }
}
