package io.github.seattleinstaller.runtime.state;

import io.github.seattleinstaller.runtime.donation.InstallPlan;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.log.CollectingProgressLog;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.state.VesselStateWriter.ExistingState;
import io.github.seattleinstaller.runtime.testing.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VesselStateWriterTest {
    private static final String STATE = "state";
    private static final String LOG_TEXT = "install log: measured 1 CPU\n";
    static final StateMarker MARKER = new StateMarker("1.0-test", new KeyFingerprint("ab".repeat(32)),
            "cd".repeat(32), "ef".repeat(32), "/home/donor/seattle", Instant.parse("2026-01-31T12:00:00Z"));

    /** A crash: not handled by the writer, unlike an I/O failure. */
    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String step) {
            super("crash before: " + step);
        }
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        return TreeSnapshot.of(root);
    }

    /** What the worked example's state directory must hold, byte for byte. */
    private static Map<String, String> expectedWorkedExampleState(boolean withLog) {
        Map<String, String> tree = new TreeMap<>();
        tree.put("resource.v1", VesselStateTextTest.expectedResourceV1());
        tree.put("resource.v2", VesselStateTextTest.expectedResourceV2());
        tree.put("vesseldict", VesselStateTextTest.expectedVesseldict());
        tree.put("v1", "<dir>");
        tree.put("v2", "<dir>");
        tree.put(StateMarker.FILE_NAME, new String(MARKER.toBytes(), StandardCharsets.UTF_8));
        if (withLog) {
            tree.put("install.log", LOG_TEXT);
        }
        return tree;
    }

    private static Path installLog(Path parent) throws IOException {
        return Files.writeString(parent.resolve("install.log"), LOG_TEXT);
    }

    private static void write(VesselStateWriter writer, Path parent, InstallPlan plan, ExistingState existing,
            List<Path> extras) throws IOException {
        writer.write(parent.resolve(STATE), plan, WorkedExample.RESTRICTIONS, MARKER, existing, extras);
    }

    private static List<String> stagingSiblings(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.map(child -> child.getFileName().toString())
                    .filter(name -> VesselStateWriter.isStagingName(name, STATE)).toList();
        }
    }

    /** The steps of one successful write, as the checkpoint sees them. */
    private static List<String> stepsOfAWrite(Path parent, ExistingState existing, boolean previousState)
            throws IOException {
        Path scratch = Files.createDirectory(parent.resolve("scratch"));
        if (previousState) {
            write(new VesselStateWriter(ProgressLog.NONE), scratch, WorkedExample.singleVesselPlan(),
                    ExistingState.REFUSE, List.of());
        }
        List<String> steps = new ArrayList<>();
        write(new VesselStateWriter(ProgressLog.NONE, steps::add), scratch, WorkedExample.plan(), existing,
                List.of(installLog(scratch)));
        return steps;
    }

    @Test
    void writesTheWorkedExampleByteForByte(@TempDir Path parent) throws IOException {
        CollectingProgressLog log = new CollectingProgressLog();
        Path logFile = installLog(parent);
        write(new VesselStateWriter(log), parent, WorkedExample.plan(), ExistingState.REFUSE, List.of(logFile));

        assertEquals(expectedWorkedExampleState(true), snapshot(parent.resolve(STATE)));
        assertFalse(Files.exists(logFile), "the log was moved in, not copied");
        assertEquals(List.of(STATE), snapshot(parent).keySet().stream().filter(path -> !path.contains("/")).toList());
        assertEquals(List.of("INFO Wrote the vessel state to " + parent.resolve(STATE).toAbsolutePath()
                + ": resource.v1, resource.v2, vesseldict, installed-by, v1/, v2/, install.log"), log.lines());
    }

    @Test
    void refusesAnExistingStateUnlessReplacing(@TempDir Path parent) throws IOException {
        write(new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.singleVesselPlan(), ExistingState.REFUSE,
                List.of());
        Map<String, String> before = snapshot(parent);
        FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class, () -> write(
                new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.plan(), ExistingState.REFUSE, List.of()));
        assertTrue(refused.getMessage().contains("re-install with replace"), refused.getMessage());
        assertEquals(before, snapshot(parent));
    }

    @Test
    void replacesAnExistingStateAsAWhole(@TempDir Path parent) throws IOException {
        write(new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.singleVesselPlan(), ExistingState.REFUSE,
                List.of());
        Files.writeString(parent.resolve(STATE).resolve("v1").resolve("program.repy"), "left by the old vessel");
        CollectingProgressLog log = new CollectingProgressLog();
        write(new VesselStateWriter(log), parent, WorkedExample.plan(), ExistingState.REPLACE,
                List.of(installLog(parent)));
        assertEquals(expectedWorkedExampleState(true), snapshot(parent.resolve(STATE)));
        assertEquals(List.of(), stagingSiblings(parent));
        assertTrue(log.lines().get(0).startsWith("INFO Replaced the vessel state in "), log.lines().toString());
    }

    @Test
    void aFailureAtAnyStepLeavesNothingAndTheNextRunSucceeds(@TempDir Path root) throws IOException {
        List<String> steps = stepsOfAWrite(root, ExistingState.REFUSE, false);
        assertEquals(List.of("write resource.v1", "write resource.v2", "write vesseldict", "write installed-by",
                "create v1/", "create v2/"), steps.subList(0, 6));
        assertEquals("move the new state in", steps.get(steps.size() - 1));
        for (int failing = 0; failing < steps.size(); failing++) {
            Path parent = Files.createDirectory(root.resolve("run" + failing));
            Path logFile = installLog(parent);
            int failAt = failing;
            int[] reached = {0};
            VesselStateWriter failingWriter = new VesselStateWriter(ProgressLog.NONE, step -> {
                if (reached[0]++ == failAt) {
                    throw new IOException("injected failure before: " + step);
                }
            });
            IOException failure = assertThrows(IOException.class,
                    () -> write(failingWriter, parent, WorkedExample.plan(), ExistingState.REFUSE, List.of(logFile)));
            assertEquals("injected failure before: " + steps.get(failing), failure.getMessage());
            assertEquals(Map.of("install.log", LOG_TEXT), snapshot(parent), "after a failure before " + steps.get(failing));

            write(new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.plan(), ExistingState.REFUSE,
                    List.of(logFile));
            assertEquals(expectedWorkedExampleState(true), snapshot(parent.resolve(STATE)));
            assertEquals(List.of(), stagingSiblings(parent));
        }
    }

    @Test
    void aFailedReplaceKeepsThePreviousStateIntact(@TempDir Path root) throws IOException {
        List<String> steps = stepsOfAWrite(root, ExistingState.REPLACE, true);
        assertTrue(steps.containsAll(List.of("move the previous state aside", "move the new state in",
                "delete the previous state")), steps.toString());
        for (int failing = 0; failing < steps.size(); failing++) {
            Path parent = Files.createDirectory(root.resolve("run" + failing));
            write(new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.singleVesselPlan(),
                    ExistingState.REFUSE, List.of());
            Path logFile = installLog(parent);
            Map<String, String> before = snapshot(parent);
            int failAt = failing;
            int[] reached = {0};
            CollectingProgressLog log = new CollectingProgressLog();
            VesselStateWriter failingWriter = new VesselStateWriter(log, step -> {
                if (reached[0]++ == failAt) {
                    throw new IOException("injected failure before: " + step);
                }
            });
            if (steps.get(failing).equals("delete the previous state")) {
                // The new state is in place: the install succeeded and the old state waits for the next run.
                write(failingWriter, parent, WorkedExample.plan(), ExistingState.REPLACE, List.of(logFile));
                assertEquals(expectedWorkedExampleState(true), snapshot(parent.resolve(STATE)));
                assertEquals(1, stagingSiblings(parent).size());
                assertTrue(log.warnings().get(0).startsWith("Could not delete the previous state"), log.lines().toString());
            } else {
                assertThrows(IOException.class, () -> write(failingWriter, parent, WorkedExample.plan(),
                        ExistingState.REPLACE, List.of(logFile)));
                assertEquals(before, snapshot(parent), "after a failure before " + steps.get(failing));
            }
            CollectingProgressLog nextLog = new CollectingProgressLog();
            write(new VesselStateWriter(nextLog), parent, WorkedExample.plan(), ExistingState.REPLACE, List.of());
            assertEquals(expectedWorkedExampleState(false), snapshot(parent.resolve(STATE)));
            assertEquals(List.of(), stagingSiblings(parent));
        }
    }

    @Test
    void aCrashAtAnyStepLeavesTheOldStateTheNewStateOrNoneButNeverAMix(@TempDir Path root) throws IOException {
        List<String> steps = stepsOfAWrite(root, ExistingState.REPLACE, true);
        Map<String, String> oldState = null;
        boolean sawNoState = false;
        for (int crashing = 0; crashing < steps.size(); crashing++) {
            Path parent = Files.createDirectory(root.resolve("run" + crashing));
            write(new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.singleVesselPlan(),
                    ExistingState.REFUSE, List.of());
            oldState = snapshot(parent.resolve(STATE));
            int crashAt = crashing;
            int[] reached = {0};
            VesselStateWriter crashingWriter = new VesselStateWriter(ProgressLog.NONE, step -> {
                if (reached[0]++ == crashAt) {
                    throw new SimulatedCrash(step);
                }
            });
            assertThrows(SimulatedCrash.class, () -> write(crashingWriter, parent, WorkedExample.plan(),
                    ExistingState.REPLACE, List.of(installLog(parent))));

            Path target = parent.resolve(STATE);
            if (Files.exists(target)) {
                Map<String, String> state = snapshot(target);
                assertTrue(state.equals(oldState) || state.equals(expectedWorkedExampleState(true)),
                        "a mix after a crash before " + steps.get(crashing) + ": " + state.keySet());
            } else {
                sawNoState = true;
                assertEquals("move the new state in", steps.get(crashing));
            }
            boolean leftSiblings = !stagingSiblings(parent).isEmpty();

            CollectingProgressLog log = new CollectingProgressLog();
            write(new VesselStateWriter(log), parent, WorkedExample.plan(), ExistingState.REPLACE, List.of());
            assertEquals(expectedWorkedExampleState(false), snapshot(target));
            assertEquals(List.of(), stagingSiblings(parent));
            assertEquals(leftSiblings, log.lines().stream().anyMatch(line -> line.startsWith("INFO Removed ")),
                    log.lines().toString());
        }
        assertTrue(sawNoState, "a crash between the two renames must have been simulated");
        assertFalse(oldState.isEmpty());
    }

    @Test
    void removesStagingSiblingsOfEarlierRunsAndNothingElse(@TempDir Path parent) throws IOException {
        Path partial = Files.createDirectories(parent.resolve(".state.partial-0123456789abcdef").resolve("v1"));
        Files.writeString(partial.resolve("leftover"), "x");
        Files.writeString(parent.resolve(".state.old-fedcba9876543210"), "an old state that was a file");
        List<String> unrelated = List.of(".state.partial-xyz", ".other.partial-0123456789abcdef",
                "state.old-0123456789abcdef", ".state.partial-0123456789ABCDEF", "state2");
        for (String name : unrelated) {
            Files.createDirectory(parent.resolve(name));
        }
        CollectingProgressLog log = new CollectingProgressLog();
        write(new VesselStateWriter(log), parent, WorkedExample.plan(), ExistingState.REFUSE, List.of());

        assertFalse(Files.exists(parent.resolve(".state.partial-0123456789abcdef")));
        assertFalse(Files.exists(parent.resolve(".state.old-fedcba9876543210")));
        for (String name : unrelated) {
            assertTrue(Files.isDirectory(parent.resolve(name)), name);
        }
        assertEquals(2, log.lines().stream().filter(line -> line.startsWith("INFO Removed ")
                && line.endsWith(", left by an earlier install that did not finish")).count(), log.lines().toString());
    }

    @Test
    void recognisesItsStagingNames() {
        assertTrue(VesselStateWriter.isStagingName(".state.partial-0123456789abcdef", "state"));
        assertTrue(VesselStateWriter.isStagingName(".state.old-0123456789abcdef", "state"));
        assertTrue(VesselStateWriter.isStagingName(".node.state.old-0000000000000000", "node.state"));
        assertFalse(VesselStateWriter.isStagingName(".nodexstate.old-0000000000000000", "node.state"));
        assertFalse(VesselStateWriter.isStagingName("state", "state"));
        assertFalse(VesselStateWriter.isStagingName(".state.partial-", "state"));
        assertFalse(VesselStateWriter.isStagingName(".state.partial-0123456789abcde", "state"));
        assertFalse(VesselStateWriter.isStagingName(".state.new-0123456789abcdef", "state"));
        assertFalse(VesselStateWriter.isStagingName(".other.partial-0123456789abcdef", "state"));
    }

    @Test
    void refusesExtrasThatWouldHideAStateFileOrDoNotExist(@TempDir Path parent) throws IOException {
        Path clash = Files.createDirectory(parent.resolve("elsewhere"));
        Path vesseldict = Files.writeString(clash.resolve("vesseldict"), "not the state's");
        IllegalArgumentException clashing = assertThrows(IllegalArgumentException.class, () -> write(
                new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.plan(), ExistingState.REFUSE,
                List.of(vesseldict)));
        assertTrue(clashing.getMessage().contains("the name vesseldict is already used"), clashing.getMessage());
        assertThrows(NoSuchFileException.class, () -> write(new VesselStateWriter(ProgressLog.NONE), parent,
                WorkedExample.plan(), ExistingState.REFUSE, List.of(parent.resolve("missing.log"))));
        assertEquals(Map.of("elsewhere", "<dir>", "elsewhere/vesseldict", "not the state's"), snapshot(parent));
    }

    @Test
    void refusesToReplaceSomethingThatIsNotAStateDirectory(@TempDir Path parent) throws IOException {
        Files.writeString(parent.resolve(STATE), "a file");
        NotNodeStateException refused = assertThrows(NotNodeStateException.class, () -> write(
                new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.plan(), ExistingState.REPLACE, List.of()));
        assertTrue(refused.getMessage().contains("is not a node state"), refused.getMessage());
        assertEquals(Map.of(STATE, "a file"), snapshot(parent));
    }

    /** Issue 7 finding 2: a folder of documents given as the state directory was wiped by a reinstall. */
    @Test
    void neverReplacesADirectoryWithoutTheMarkerNorFollowsALinkToOne(@TempDir Path parent) throws IOException {
        Path documents = Files.createDirectories(parent.resolve(STATE).resolve("thesis"));
        Files.writeString(documents.resolve("chapter1.txt"), "years of work");
        Files.writeString(parent.resolve(STATE).resolve("vesseldict"), "looks like a state, has no marker");
        Path elsewhere = Files.createDirectory(parent.resolve("real"));
        Files.write(elsewhere.resolve(StateMarker.FILE_NAME), MARKER.toBytes());
        Path link = Files.createSymbolicLink(parent.resolve("link"), elsewhere);
        Map<String, String> before = snapshot(parent);

        assertThrows(NotNodeStateException.class, () -> write(new VesselStateWriter(ProgressLog.NONE), parent,
                WorkedExample.plan(), ExistingState.REPLACE, List.of()));
        assertThrows(NotNodeStateException.class, () -> new VesselStateWriter(ProgressLog.NONE).write(link,
                WorkedExample.plan(), WorkedExample.RESTRICTIONS, MARKER, ExistingState.REPLACE, List.of()));
        assertEquals(before, snapshot(parent), "nothing deleted, nothing written");
    }

    @Test
    void theMarkerReadsBackAndAnythingElseIsNoMarker(@TempDir Path parent) throws IOException {
        write(new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.plan(), ExistingState.REFUSE, List.of());
        assertEquals(Optional.of(MARKER), StateMarker.read(parent.resolve(STATE)));
        String text = new String(MARKER.toBytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Seattle node state"), text);
        assertTrue(text.contains("\noperator-key sha256:" + "ab".repeat(32) + "\n"), text);

        assertEquals(Optional.empty(), StateMarker.parse(text.replace("format 1", "format 2")));
        assertEquals(Optional.empty(), StateMarker.parse(text.replace("installed 2026", "installed whenever 2026")));
        assertEquals(Optional.empty(), StateMarker.parse(text.lines().filter(line -> !line.startsWith("runtime"))
                .collect(Collectors.joining("\n"))));
        assertEquals(Optional.empty(), StateMarker.read(parent.resolve("absent")));
        Path directoryAsMarker = Files.createDirectories(parent.resolve("odd").resolve(StateMarker.FILE_NAME));
        assertEquals(Optional.empty(), StateMarker.read(directoryAsMarker.getParent()));
    }

    @Test
    void scratchDirectoriesAreStagingSiblingsAndStaleOnesAreRemoved(@TempDir Path parent) throws IOException {
        Path scratch = VesselStateWriter.createScratchDirectory(parent.resolve(STATE));
        assertEquals(parent.toAbsolutePath(), scratch.getParent());
        assertTrue(VesselStateWriter.isStagingName(scratch.getFileName().toString(), STATE), scratch.toString());
        Files.writeString(scratch.resolve("seattle-benchmark-1.tmp"), "left by a kill -9");
        assertTrue(VesselStateWriter.belongsToStateLocation(STATE, STATE));
        assertTrue(VesselStateWriter.belongsToStateLocation(".state.lock", STATE));
        assertTrue(VesselStateWriter.belongsToStateLocation(scratch.getFileName().toString(), STATE));
        assertFalse(VesselStateWriter.belongsToStateLocation(".state.lock2", STATE));
        assertFalse(VesselStateWriter.belongsToStateLocation("lib", STATE));

        write(new VesselStateWriter(ProgressLog.NONE), parent, WorkedExample.plan(), ExistingState.REFUSE, List.of());
        assertFalse(Files.exists(scratch), "a stale scratch directory is removed by the next write");
    }
}
