package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;

import java.nio.file.Path;

/**
 * What is known of one verified base installer of a {@link BaseSet}.
 *
 * @param platform          the platform it is for
 * @param file              where it was read from
 * @param size              its length in bytes
 * @param sha256Hex         the SHA-256 of its bytes, as verified
 * @param baseName          its file name without {@code -<platform>.<extension>}
 * @param topLevelDirectory the single directory every entry lies in
 */
public record BaseInfo(Platform platform, Path file, long size, String sha256Hex, String baseName,
        String topLevelDirectory) {

    /** The file name of a donor's copy: {@code <base name>-<donor>-<platform>.<extension>}. */
    public String outputFileName(DonorName donor) {
        return platform.fileName(baseName + "-" + donor.value());
    }
}
