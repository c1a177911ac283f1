package io.github.seattleinstaller.runtime.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the installer's in-process tests share: a {@link TestInstaller} in a temporary directory, a maxima
 * file of Seattle's defaults beside it, and runs of the installer's main with a benchmark that counts its
 * runs and records where it measured, the console collected.
 */
abstract class InstallerFixture {
    /** What a state holds: the worked example's files, the install log and the marker saying who wrote it. */
    static final List<String> STATE_FILES = List.of("install.log", "installed-by", "resource.v1", "resource.v2", "v1/",
            "v2/", "vesseldict");

    @TempDir
    Path root;

    TestInstaller installer;
    Path maxima;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final AtomicInteger benchmarkRuns = new AtomicInteger();
    final List<Path> measuredIn = new ArrayList<>();

    @BeforeEach
    void prepareInstaller() throws Exception {
        installer = TestInstaller.create(root);
        maxima = TestInstaller.defaultMaxima(root);
    }

    int run(String... args) {
        return installer.run(console, TestInstaller.defaultsBenchmark(benchmarkRuns, measuredIn), args);
    }

    String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Every file and directory of a state, relative, directories ending with '/', sorted. */
    static List<String> stateListing(Path state) throws IOException {
        try (Stream<Path> files = Files.walk(state)) {
            return files.filter(path -> !path.equals(state))
                    .map(path -> state.relativize(path) + (Files.isDirectory(path) ? "/" : ""))
                    .sorted().toList();
        }
    }
}
