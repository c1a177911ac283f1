package io.github.seattleinstaller.runtime.cli;

import io.github.seattleinstaller.runtime.benchmark.Benchmark;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.resources.VesselRestrictions;
import io.github.seattleinstaller.runtime.testing.Python;
import io.github.seattleinstaller.runtime.testing.WorkedExampleResources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the installer's main on a prepared installer directory and checks every file it writes, and that
 * every refusal leaves no state at all.
 */
class InstallerEndToEndTest extends InstallerFixture {
    private List<String> stateListing() throws IOException {
        return stateListing(installer.stateDirectory());
    }

    /** Nothing of a state: no state directory and no staging directory beside it. */
    private void assertNoStateWritten() throws IOException {
        assertFalse(Files.exists(installer.stateDirectory()), output());
        try (Stream<Path> siblings = Files.list(installer.directory)) {
            assertEquals(List.of(), siblings.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(".")).toList());
        }
    }

    @Test
    void installsTheWorkedExampleAndWritesEveryFile() throws Exception {
        assertEquals(0, run("--maxima", maxima.toString()), output());

        assertEquals(STATE_FILES, stateListing());
        Path state = installer.stateDirectory();
        String restrictions = VesselRestrictions.defaultText();

        assertEquals(WorkedExampleResources.v1() + restrictions, Files.readString(state.resolve("resource.v1")));

        String v2 = Files.readString(state.resolve("resource.v2"));
        assertTrue(v2.startsWith("resource cpu 0.0192\nresource memory 9800000\n"), v2);
        assertTrue(v2.contains("resource events 98\n"), v2);
        assertTrue(v2.contains("resource messport 63180\nresource connport 63180\n"), v2);
        assertTrue(v2.contains("resource connport 63199\n" + restrictions.lines().findFirst().orElseThrow()), v2);
        assertFalse(v2.contains("63179"), v2);

        // The vesseldict as Seattle's node manager reads it: a Python literal.
        String dict = Python.python3().run(String.join("\n",
                "import ast, json, sys",
                "d = ast.literal_eval(open(sys.argv[1]).read())",
                "print(json.dumps([[name, v['ownerkey']['e'], str(v['ownerkey']['n']),",
                "  [str(u['n']) for u in v['userkeys']], v['resourcefilename'], v['status'], v['advertise']]",
                "  for name, v in d.items()]))"), "", state.resolve("vesseldict").toString());
        assertEquals("[[\"v1\", 65537, \"" + TestInstaller.DONOR.n() + "\", [\"" + TestInstaller.RESEARCHER.n()
                + "\"], \"resource.v1\", \"Fresh\", true], [\"v2\", 65537, \"" + TestInstaller.RESERVED.n()
                + "\", [], \"resource.v2\", \"Fresh\", true]]", dict.strip());

        String log = Files.readString(state.resolve("install.log"));
        assertTrue(log.contains("signed file list verified"), log);
        assertTrue(log.contains("memory: 510000000 bytes of RAM (from file"), log);
        assertTrue(log.contains("v1 (80%): cpu 0.0768, memory 39200000"), log);
        assertTrue(log.contains("state written"), log);
        assertTrue(output().contains("Installed 2 vessels with 10.0% of this machine"), output());
        assertTrue(output().contains("v1 (80%): owner " + TestInstaller.DONOR.fingerprint() + ", 1 user, ports 63100-63179"),
                output());
        assertEquals(0, benchmarkRuns.get(), "a maxima file replaces the benchmark");
    }

    @Test
    void aLargerShareGivesLargerVessels() throws Exception {
        assertEquals(0, run("--maxima", maxima.toString(), "--percent", "20"), output());
        String v1 = Files.readString(installer.stateDirectory().resolve("resource.v1"));
        // 20% of 1 cpu, less 2 offcuts of .002, in tenths, 8 of them: 0.1568 after float rounding.
        assertTrue(v1.startsWith("resource cpu 0.1568\nresource memory 80000000\n"), v1);
    }

    @Test
    void benchmarksWhenNoMaximaFileIsGiven() throws Exception {
        assertEquals(0, run(), output());
        assertEquals(1, benchmarkRuns.get());
        assertTrue(output().contains("Measuring this machine"), output());
        assertTrue(Files.isRegularFile(installer.stateDirectory().resolve("vesseldict")));
    }

    @Test
    void aChangedFileIsRefusedNamingItAndNothingIsWritten() throws Exception {
        Files.writeString(installer.directory.resolve("resources.offcut"), "resource cpu .5\n");
        assertEquals(ExitCode.TAMPERED_INSTALLER.code(), run("--maxima", maxima.toString()));
        assertTrue(output().contains("resources.offcut: changed"), output());
        assertNoStateWritten();
    }

    @Test
    void anAddedFileIsRefusedBeforeAnyBenchmark() throws Exception {
        Files.writeString(installer.directory.resolve("lib/extra.jar"), "x");
        assertEquals(ExitCode.TAMPERED_INSTALLER.code(), run());
        assertTrue(output().contains("lib/extra.jar: added"), output());
        assertEquals(0, benchmarkRuns.get());
        assertNoStateWritten();
    }

    @Test
    void anUnexpectedOperatorKeyIsRefused() throws Exception {
        String other = "ab".repeat(32);
        assertEquals(ExitCode.TAMPERED_INSTALLER.code(), run("--expect-key", other, "--maxima", maxima.toString()));
        assertTrue(output().contains("not the expected sha256:" + other), output());
        assertNoStateWritten();

        String expected = KeyFingerprint.of(TestInstaller.OPERATOR.getPublic()).hex();
        assertEquals(0, run("--expect-key", expected.toUpperCase(), "--maxima", maxima.toString()), output());
        assertTrue(output().contains("(as expected)"), output());
    }

    @Test
    void badVesselinfoIsReportedBeforeAnyBenchmarkWithEveryProblem() throws Exception {
        SeattlePublicKey key = TestInstaller.DONOR;
        installer.writeVesselInfo("Percent 75\nOwner " + key.toText() + "\npercent 25\nOwner " + key.toText() + "\n");
        assertEquals(ExitCode.BAD_VESSELINFO.code(), run());
        assertTrue(output().contains("line 1: found 75"), output());
        assertTrue(output().contains("line 3:"), output());
        assertTrue(output().contains("case-sensitive"), output());
        assertEquals(0, benchmarkRuns.get());
        assertNoStateWritten();
    }

    @Test
    void aBaseInstallerWithoutVesselinfoSaysWhatToDo() throws Exception {
        Files.delete(installer.directory.resolve("vesselinfo"));
        assertEquals(ExitCode.BAD_VESSELINFO.code(), run("--maxima", maxima.toString()));
        assertTrue(output().contains("it is a base installer"), output());
        assertNoStateWritten();
    }

    @Test
    void tooSmallAShareIsInsufficientNamingTheResource() throws Exception {
        Files.writeString(maxima, "resource memory 15000000\n");
        assertEquals(ExitCode.INSUFFICIENT_RESOURCES.code(), run("--maxima", maxima.toString()));
        assertTrue(output().contains("Not enough memory to make 2 vessels"), output());
        assertTrue(output().contains("--percent"), output());
        assertNoStateWritten();
    }

    @Test
    void anExistingInstallIsRefusedUnlessReinstalling() throws Exception {
        assertEquals(0, run("--maxima", maxima.toString()), output());
        String first = Files.readString(installer.stateDirectory().resolve("resource.v1"));

        assertEquals(ExitCode.ALREADY_INSTALLED.code(), run("--maxima", maxima.toString(), "--percent", "20"));
        assertTrue(output().contains("--reinstall"), output());
        assertEquals(first, Files.readString(installer.stateDirectory().resolve("resource.v1")));

        assertEquals(0, run("--maxima", maxima.toString(), "--percent", "20", "--reinstall"), output());
        assertTrue(Files.readString(installer.stateDirectory().resolve("resource.v1")).startsWith("resource cpu 0.1568"));
        assertEquals(STATE_FILES, stateListing());
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing() throws Exception {
        assertEquals(0, run("--maxima", maxima.toString(), "--dry-run"), output());
        assertTrue(output().contains("Dry run: nothing was written"), output());
        assertTrue(output().contains("cpu 0.0768, memory 39200000"), output());
        assertNoStateWritten();
    }

    @Test
    void aStateThatCannotBeWrittenIsAnIoFailureAndTheLogIsKept() throws Exception {
        Path blocker = Files.writeString(root.resolve("not-a-directory"), "x");
        assertEquals(ExitCode.IO_FAILURE.code(),
                run("--maxima", maxima.toString(), "--install-dir", blocker.resolve("state").toString()));
        String out = output();
        assertTrue(out.contains("cannot write the state in " + blocker.resolve("state")), out);
        Path log = Path.of(out.substring(out.indexOf("The install log is ") + "The install log is ".length()).strip());
        assertTrue(Files.readString(log).contains("install failed (exit code 6)"), log.toString());
        Files.delete(log);
        Files.delete(log.getParent());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCode.USAGE.code(), run("--percent", "0"));
        assertTrue(output().contains("--percent must be a number greater than 0 and at most 100"), output());
        assertEquals(ExitCode.USAGE.code(), run("--percent", "101"));
        assertEquals(ExitCode.USAGE.code(), run("--bogus"));
        assertTrue(output().contains("unknown option '--bogus'"), output());
        assertEquals(ExitCode.USAGE.code(), run("--maxima"));
        assertEquals(ExitCode.USAGE.code(), run("--expect-key", "abc"));
    }

    @Test
    void aMissingOrMalformedMaximaFileIsAUsageError() throws Exception {
        assertEquals(ExitCode.USAGE.code(), run("--maxima", root.resolve("absent").toString()));
        assertTrue(output().contains("cannot read the maxima file"), output());
        Files.writeString(maxima, "resource memory lots\n");
        assertEquals(ExitCode.USAGE.code(), run("--maxima", maxima.toString()));
        assertTrue(output().contains("line 1"), output());
        assertNoStateWritten();
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        assertEquals(0, run("--help"));
        for (String expected : List.of("--percent", "--install-dir", "--maxima", "--dry-run", "--reinstall",
                "--expect-key", "  4  the installer's files do not match its signed file list")) {
            assertTrue(output().contains(expected), expected);
        }
    }

    /** The figure the closing note reports: a whole install with the real benchmark on this machine. */
    @Test
    void aFullInstallWithRealBenchmarking() throws Exception {
        long start = System.nanoTime();
        int exit = InstallerMain.run(new String[] {"--installer-dir", installer.directory.toString()},
                new PrintStream(console, true, StandardCharsets.UTF_8), Benchmark.standard());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, exit, output());
        assertEquals(STATE_FILES, stateListing());
        System.out.println("Full install with real benchmarking: " + millis + " ms");
    }
}
