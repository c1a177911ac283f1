package io.github.seattleinstaller.builder;

import io.github.seattleinstaller.builder.archive.ArchiveFormat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A platform an installer is made for. Its name is also the Maven classifier of the installer and the
 * last part of its file name: {@code <base name>-<platform>.<extension>}.
 */
public enum Platform {
    LINUX("linux", ArchiveFormat.TAR_GZ),
    MACOS("macos", ArchiveFormat.TAR_GZ),
    WINDOWS("windows", ArchiveFormat.ZIP);

    private final String classifier;
    private final ArchiveFormat format;

    Platform(String classifier, ArchiveFormat format) {
        this.classifier = classifier;
        this.format = format;
    }

    /** The lowercase name, used as Maven classifier and in file names. */
    public String classifier() {
        return classifier;
    }

    public ArchiveFormat format() {
        return format;
    }

    /** The end of an installer's file name for this platform: {@code -<platform>.<extension>}. */
    public String fileNameSuffix() {
        return "-" + classifier + "." + format.extension();
    }

    /** {@code <baseName>-<platform>.<extension>}. */
    public String fileName(String baseName) {
        return baseName + fileNameSuffix();
    }

    /**
     * The platform of this name, in any case.
     *
     * @throws IllegalArgumentException naming the valid platforms
     */
    public static Platform parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(platform -> platform.classifier.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown platform '" + name + "': the platforms are " + validNames()));
    }

    /** "linux, macos, windows". */
    public static String validNames() {
        return Arrays.stream(values()).map(Platform::classifier).collect(Collectors.joining(", "));
    }

    /** The platform an installer file name ends with ({@code ...-linux.tar.gz}), if any. */
    public static Optional<Platform> ofFileName(String fileName) {
        return Arrays.stream(values()).filter(platform -> fileName.endsWith(platform.fileNameSuffix())).findFirst();
    }

    /** The file name without {@code -<platform>.<extension>}, if it ends so. */
    public Optional<String> baseNameOf(String fileName) {
        if (!fileName.endsWith(fileNameSuffix()) || fileName.length() == fileNameSuffix().length()) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(0, fileName.length() - fileNameSuffix().length()));
    }

    @Override
    public String toString() {
        return classifier;
    }
}
