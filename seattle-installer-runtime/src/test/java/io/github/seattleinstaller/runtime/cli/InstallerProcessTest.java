package io.github.seattleinstaller.runtime.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real installer as separate processes ({@code java -cp} with this module's classpath): killed at
 * random points of its benchmark, raced against a second one on the same folder, and starved of disk.
 */
class InstallerProcessTest {
    private static final long SEED = Long.getLong("seattle.test.seed", System.nanoTime());

    @TempDir
    Path root;

    @TempDir
    Path temporary;

    private ProcessBuilder installer(TestInstaller target, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"),
                InstallerMain.class.getName(), "--installer-dir", target.directory.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static String outputOf(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the installer did not end: " + output);
        return output;
    }

    /** The benchmark's scratch files and directories anywhere in the installer. */
    private static List<String> scratchLeftIn(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.map(path -> directory.relativize(path).toString())
                    .filter(name -> name.contains("scratch") || name.contains("seattle-benchmark")).toList();
        }
    }

    /**
     * Issue 7 finding 4: a kill during the disk benchmark left an 8 MiB scratch file among the installer's
     * files, and every later run said the installer was altered. Kills land at random points of the
     * benchmark window (timed from the moment its scratch directory appears) and of the whole run.
     */
    @Test
    void killedAtRandomPointsItLeavesNoScratchAmongItsFilesAndTheNextRunSucceeds() throws Exception {
        Random random = new Random(SEED);
        for (int round = 0; round < 6; round++) {
            TestInstaller target = TestInstaller.create(Files.createDirectory(root.resolve("round" + round)));
            Path maxima = TestInstaller.defaultMaxima(target.directory.getParent());
            boolean forcibly = round % 2 == 1;
            boolean fromBenchmarkStart = round < 4;
            long delay = random.nextInt(fromBenchmarkStart ? 1500 : 2500);
            String what = "round " + round + " (seed " + SEED + "): " + (forcibly ? "SIGKILL" : "SIGTERM") + " "
                    + delay + " ms after " + (fromBenchmarkStart ? "the benchmark started" : "the start");

            Process process = installer(target).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (fromBenchmarkStart) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (scratchLeftIn(target.directory).isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertTrue(process.isAlive(), "the benchmark must have started: " + what);
            }
            Thread.sleep(delay);
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), what);
            if (!forcibly) {
                assertEquals(List.of(), scratchLeftIn(target.directory), "the shutdown hook removed it: " + what);
            }
            if (Files.exists(target.stateDirectory())) {
                assertEquals(InstallerFixture.STATE_FILES, InstallerFixture.stateListing(target.stateDirectory()), what);
            }

            Process next = installer(target, "--maxima", maxima.toString(), "--reinstall").start();
            String output = outputOf(next);
            assertEquals(0, next.exitValue(), what + "\n" + output);
            assertEquals(List.of(), scratchLeftIn(target.directory), what);
            assertEquals(InstallerFixture.STATE_FILES, InstallerFixture.stateListing(target.stateDirectory()), what);
        }
    }

    /**
     * Issue 7 finding 5: two installers started together on one folder; one could print "Installed" over
     * an incomplete state, and its cleanup deleted the other's live staging. Now exactly one installs and
     * the other says that an install is in progress (or, if it came second, that a node is installed).
     */
    @Test
    void twoInstallersOnOneFolderInstallOnceAndTheOtherSaysWhy() throws Exception {
        for (int round = 0; round < 4; round++) {
            TestInstaller target = TestInstaller.create(Files.createDirectory(root.resolve("race" + round)));
            Path maxima = TestInstaller.defaultMaxima(target.directory.getParent());
            // The last round benchmarks for real, so the first holds the lock for over a second.
            String[] args = round < 3 ? new String[] {"--maxima", maxima.toString()} : new String[0];
            Process first = installer(target, args).start();
            Process second = installer(target, args).start();
            String firstOutput = outputOf(first);
            String secondOutput = outputOf(second);
            List<Integer> codes = new ArrayList<>(List.of(first.exitValue(), second.exitValue()));
            codes.sort(null);
            String both = "round " + round + ": " + codes + "\n" + firstOutput + "\n---\n" + secondOutput;
            assertEquals(0, codes.get(0), both);
            assertTrue(codes.get(1) == ExitCode.INSTALL_IN_PROGRESS.code()
                    || codes.get(1) == ExitCode.ALREADY_INSTALLED.code(), both);
            String refused = first.exitValue() == 0 ? secondOutput : firstOutput;
            assertFalse(refused.contains("Installed"), both);
            assertTrue(refused.contains("is in progress") || refused.contains("already installed"), both);
            assertEquals(InstallerFixture.STATE_FILES, InstallerFixture.stateListing(target.stateDirectory()), both);
            try (Stream<Path> siblings = Files.list(target.directory)) {
                assertEquals(List.of(".seattle_repy.lock"), siblings.map(path -> path.getFileName().toString())
                        .filter(name -> name.startsWith(".")).toList(), both);
            }
        }
    }

    /**
     * Issue 7 finding 10: a full temporary directory let a stack trace out with exit 1. A file-size limit
     * of zero makes every write fail as a full disk does.
     */
    @Test
    void writesThatFailAreOneLineAndExit6WithoutAStackTrace() throws Exception {
        TestInstaller target = TestInstaller.create(root);
        Path maxima = TestInstaller.defaultMaxima(root);
        ProcessBuilder builder = installer(target, "--maxima", maxima.toString());
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -f 0; exec \"$@\"", "sh"));
        command.addAll(builder.command());
        Process process = builder.command(command).start();
        String output = outputOf(process);
        assertEquals(ExitCode.IO_FAILURE.code(), process.exitValue(), output);
        assertEquals(1, output.lines().filter(line -> line.startsWith("error: ")).count(), output);
        assertTrue(output.contains("error: cannot write the install log"), output);
        assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), output);
        assertFalse(Files.exists(target.stateDirectory()));
    }
}
