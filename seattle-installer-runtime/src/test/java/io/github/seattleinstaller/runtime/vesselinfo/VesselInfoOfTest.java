package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.input.InputProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.ALICE;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.BOB;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.assertNoJavaNames;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.lines;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.onlyProblemIn;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.owner;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.problemsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vessels built in code (as the Maven plugin does from a POM) obey the same rules as a file. */
class VesselInfoOfTest {
    private static final String POM = "<vessels> of donor alice";

    private static List<InputProblem> problemsOf(List<VesselSpec> vessels) {
        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class,
                () -> VesselInfo.of(POM, vessels));
        assertNoJavaNames(refused.getMessage());
        assertTrue(refused.getMessage().startsWith("Invalid vessels in " + POM + ":\n"), refused.getMessage());
        return refused.problems();
    }

    @Test
    void acceptsValidVesselsAsTheyAre() throws Exception {
        List<VesselSpec> vessels = List.of(new VesselSpec(70, ALICE, List.of(BOB)), new VesselSpec(30, BOB, List.of()));

        assertEquals(vessels, VesselInfo.of(POM, vessels).vessels());
    }

    @Test
    void namesTheVesselThatIsNotAWholeTenthWithTheFileRule() {
        List<InputProblem> problems = problemsOf(List.of(new VesselSpec(75, ALICE, List.of()),
                new VesselSpec(25, BOB, List.of())));

        InputProblem fromFile = problemsIn(lines("Percent 75", owner(ALICE), "Percent 25", owner(BOB))).get(0);
        assertEquals(List.of(new InputProblem(POM, 0, fromFile.rule(), "vessel 1 has 75"),
                new InputProblem(POM, 0, fromFile.rule(), "vessel 2 has 25")), problems);
        assertEquals("each percentage is one of 10, 20, ..., 100", fromFile.rule());
    }

    @Test
    void reportsAWrongSumWithTheFileRule() {
        List<InputProblem> problems = problemsOf(List.of(new VesselSpec(80, ALICE, List.of()),
                new VesselSpec(10, BOB, List.of())));

        InputProblem fromFile = onlyProblemIn(lines("Percent 80", owner(ALICE), "Percent 10", owner(BOB)));
        assertEquals(List.of(new InputProblem(POM, 0, fromFile.rule(), "found 90: 80 (vessel 1) + 10 (vessel 2)")),
                problems);
        assertEquals("<vessels> of donor alice: found 90: 80 (vessel 1) + 10 (vessel 2) "
                + "(rule: the percentages sum to exactly 100)", problems.get(0).describe());
    }

    @Test
    void reportsNegativeAndZeroPercentages() {
        List<InputProblem> problems = problemsOf(List.of(new VesselSpec(-10, ALICE, List.of()),
                new VesselSpec(0, BOB, List.of()), new VesselSpec(110, BOB, List.of())));

        // They sum to 100, so only the tenths rule is broken.
        assertEquals(List.of("vessel 1 has -10", "vessel 2 has 0", "vessel 3 has 110"),
                problems.stream().map(InputProblem::detail).toList());
    }

    @Test
    void needsAtLeastOneVessel() {
        InputProblem fromFile = onlyProblemIn("");

        assertEquals(List.of(new InputProblem(POM, 0, fromFile.rule(), "no vessels given")), problemsOf(List.of()));
        assertEquals("at least one vessel is described", fromFile.rule());
    }

    /** Issue 7 finding 9: one size limit, the installer's, for vessels built in code, text and files alike. */
    @Test
    void oneSizeLimitForCodeTextAndFiles(@TempDir Path dir) throws Exception {
        // A 1024-bit key line is some 320 bytes: 4000 users are over 1 MiB.
        List<VesselSpec> huge = List.of(new VesselSpec(100, ALICE, Collections.nCopies(4000, BOB)));
        List<InputProblem> problems = problemsOf(huge);
        assertEquals(1, problems.size());
        assertEquals("a vesselinfo is at most 1048576 bytes (1 MiB)", problems.get(0).rule());
        assertTrue(problems.get(0).detail().startsWith("found "), problems.get(0).detail());

        String text = lines("Percent 100", owner(ALICE)) + "User " + BOB.toText() + "\n";
        String atTheLimit = text + " ".repeat(VesselInfo.MAX_BYTES - text.length());
        assertEquals(VesselInfo.MAX_BYTES, atTheLimit.length());
        Path file = Files.writeString(dir.resolve("vesselinfo"), atTheLimit + " ");
        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class, () -> VesselInfo.read(file));
        assertEquals("found 1048577 bytes; ask your operator for the vesselinfo of your split",
                refused.problems().get(0).detail());
        assertThrows(InvalidVesselInfoException.class, () -> VesselInfo.parse(POM, atTheLimit + " "));
        // At the limit the size is fine: the trailing spaces are the only problem.
        InvalidVesselInfoException spaces = assertThrows(InvalidVesselInfoException.class,
                () -> VesselInfo.parse(POM, atTheLimit));
        assertTrue(spaces.problems().stream().noneMatch(problem -> problem.rule().contains("1 MiB")), spaces.getMessage());
    }
}
