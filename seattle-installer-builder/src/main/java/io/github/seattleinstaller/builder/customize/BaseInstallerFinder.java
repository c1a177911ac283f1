package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.InputLabel;
import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.builder.archive.TarGzInstallers;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Finds the base installers in a directory, one per platform, by their file names
 * ({@code <name>-<platform>.<extension>}). Customized installers often sit in the same directory (they are
 * named alike), so files that already carry a vesselinfo are passed over: cheaply, without decompressing,
 * since a base tar.gz ends with the constant end-of-archive member and a zip lists its entries at its end.
 */
public final class BaseInstallerFinder {
    private BaseInstallerFinder() {
    }

    /** What problems call the directory when its caller gives no label. */
    public static final String DEFAULT_LABEL = "base installers directory";

    /** As {@link #find(Path, String, Collection)}, with the {@link #DEFAULT_LABEL}. */
    public static List<CustomizeRequest.Base> find(Path directory, Collection<Platform> platforms)
            throws IOException, InvalidInputException {
        return find(directory, DEFAULT_LABEL, platforms);
    }

    /**
     * The base installer of each wanted platform found in the directory.
     *
     * @param label what the caller calls the directory ({@link InputLabel}); the bases found carry it
     * @throws InvalidInputException if a platform has no base installer there, or more than one
     */
    public static List<CustomizeRequest.Base> find(Path directory, String label, Collection<Platform> platforms)
            throws IOException, InvalidInputException {
        String source = InputLabel.of(label, directory);
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("No base installers", List.of(InputProblem.whole(source,
                    "the base installers' directory exists", "no such directory")));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        List<CustomizeRequest.Base> bases = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (Platform platform : platforms) {
            List<Path> candidates = new ArrayList<>();
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (platform.baseNameOf(name).isPresent() && !carriesVesselInfo(file, platform)) {
                    candidates.add(file);
                }
            }
            if (candidates.size() == 1) {
                bases.add(new CustomizeRequest.Base(platform, candidates.get(0), label));
            } else {
                problems.add(InputProblem.whole(source,
                        "exactly one base installer per platform (a file named <name>" + platform.fileNameSuffix()
                                + " without vesselinfo)",
                        candidates.isEmpty() ? "none for " + platform
                                : candidates.size() + " for " + platform + ": " + candidates.stream()
                                        .map(path -> path.getFileName().toString()).toList()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Cannot choose the base installers", problems);
        }
        return bases;
    }

    /** The platforms for which the directory holds a file named like an installer of that platform. */
    public static List<Platform> platformsIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            List<String> names = listing.map(path -> path.getFileName().toString()).toList();
            return Arrays.stream(Platform.values())
                    .filter(platform -> names.stream().anyMatch(name -> platform.baseNameOf(name).isPresent()))
                    .toList();
        }
    }

    private static boolean carriesVesselInfo(Path file, Platform platform) throws IOException {
        if (platform.format() == ArchiveFormat.ZIP) {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                return zip.stream().anyMatch(entry ->
                        entry.getName().endsWith("/" + SignedFileList.VESSELINFO_FILE_NAME));
            } catch (ZipException notAZip) {
                return false;
            }
        }
        try (FileChannel channel = FileChannel.open(file)) {
            // Too short to be any installer: left to verification, which says what is wrong with it.
            boolean tooShort = channel.size() <= TarGzInstallers.endOfArchiveMember().length;
            return !tooShort && !TarGzInstallers.endsWithEndOfArchiveMember(channel);
        }
    }
}
