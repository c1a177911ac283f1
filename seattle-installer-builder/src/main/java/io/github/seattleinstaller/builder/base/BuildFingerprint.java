package io.github.seattleinstaller.builder.base;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.layout.InstallerContent;
import io.github.seattleinstaller.builder.layout.InstallerEntry;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A digest of everything base installers are made from: the format of this builder, the names and
 * options, the operator key, the time stamped on entries (or that the build time is used), every entry's
 * name, mode and content digest (generated files included, so that a change of launcher or README text
 * counts), and the last-modified time of every input file, so that touching an input rebuilds as well.
 */
final class BuildFingerprint {
    /** Raised whenever the archives written from the same inputs would change. */
    static final int FORMAT_VERSION = 1;

    private BuildFingerprint() {
    }

    /** The fingerprint file's text: a comment line and the hex digest. */
    static String of(BaseInstallerRequest request, InstallerContent content, KeyFingerprint operatorKey,
            List<Path> inputFiles) throws IOException {
        StringBuilder description = new StringBuilder();
        description.append("format ").append(FORMAT_VERSION).append('\n');
        description.append("base-file-name ").append(request.baseFileName()).append('\n');
        description.append("top-level-directory ").append(request.topLevelDirectory()).append('\n');
        description.append("platforms ").append(request.platforms().stream().map(Platform::classifier)
                .collect(Collectors.joining(","))).append('\n');
        description.append("timestamp ").append(request.outputTimestamp().map(Object::toString).orElse("build-time"))
                .append('\n');
        description.append("operator-key ").append(operatorKey).append('\n');
        for (InstallerEntry entry : content.entries()) {
            description.append("entry ").append(entry.name()).append(' ').append(Integer.toOctalString(entry.mode()));
            entry.content().ifPresent(file -> description.append(' ').append(file.digest().sha256())
                    .append(' ').append(file.size()));
            description.append('\n');
        }
        for (Path input : inputFiles) {
            description.append("input ").append(input.toAbsolutePath()).append(' ')
                    .append(Files.getLastModifiedTime(input).toMillis()).append('\n');
        }
        String digest = FileDigest.of(description.toString().getBytes(StandardCharsets.UTF_8)).sha256();
        return "# The inputs of the base installers beside this file; they are rebuilt when it changes\n"
                + digest + "\n";
    }
}
