package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.ALICE;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.BOB;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.CAROL;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.SOURCE;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.assertProblem;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.lines;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.onlyProblemIn;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.owner;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.problemsIn;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VesselInfoParseTest {
    private static final String LABEL_RULE = "each line starts with one of the case-sensitive labels Percent, Owner, User";
    private static final String EMPTY_LINE_RULE = "no line is empty";
    private static final String CHARACTER_RULE = "lines end with LF or CR LF and hold only printable ASCII";
    private static final String NUMBER_RULE = "Percent is followed by one whole number in decimal digits";
    private static final String TENTHS_RULE = "each percentage is one of 10, 20, ..., 100";
    private static final String SUM_RULE = "the percentages sum to exactly 100";
    private static final String IN_VESSEL_RULE = "Owner and User lines follow the Percent line that starts their vessel";
    private static final String ONE_OWNER_RULE = "each vessel has exactly one Owner";
    private static final String AT_LEAST_ONE_RULE = "at least one vessel is described";
    private static final String KEY_RULE = "a public key is two decimal integers 'e n' with 1 < e < n";

    @Test
    void readsTheReferenceExample() throws Exception {
        VesselInfo info = VesselInfo.parse(SOURCE,
                lines("Percent 80", owner(ALICE), user(BOB), "Percent 20", owner(CAROL)));

        assertEquals(List.of(new VesselSpec(80, ALICE, List.of(BOB)), new VesselSpec(20, CAROL, List.of())),
                info.vessels());
    }

    @Test
    void readsAVesselWithSeveralUsersAndUsersBeforeTheOwner() throws Exception {
        VesselInfo info = VesselInfo.parse(SOURCE, lines("Percent 100", user(BOB), owner(ALICE), user(CAROL)));

        assertEquals(List.of(new VesselSpec(100, ALICE, List.of(BOB, CAROL))), info.vessels());
    }

    @Test
    void theFinalNewlineIsOptional() throws Exception {
        String withNewline = lines("Percent 100", owner(ALICE));

        assertEquals(VesselInfo.parse(SOURCE, withNewline),
                VesselInfo.parse(SOURCE, withNewline.substring(0, withNewline.length() - 1)));
    }

    @Test
    void acceptsWindowsLineEndings() throws Exception {
        String lf = lines("Percent 80", owner(ALICE), user(BOB), "Percent 20", owner(CAROL));

        VesselInfo fromCrLf = VesselInfo.parse(SOURCE, lf.replace("\n", "\r\n"));

        assertEquals(VesselInfo.parse(SOURCE, lf), fromCrLf);
        assertEquals(lf, fromCrLf.toText());
    }

    @Test
    void toleratesSpacesAndTabsAroundAndBetweenFields() throws Exception {
        String spaced = lines(" \tPercent\t \t100  ", "\tOwner  " + ALICE.e() + " \t " + ALICE.n() + "\t");

        assertEquals(VesselInfo.parse(SOURCE, lines("Percent 100", owner(ALICE))), VesselInfo.parse(SOURCE, spaced));
    }

    @Test
    void readsLeadingZerosAsDecimal() throws Exception {
        VesselInfo info = VesselInfo.parse(SOURCE, lines("Percent 0100", owner(ALICE)));

        assertEquals(100, info.vessels().get(0).percent());
        assertEquals(lines("Percent 100", owner(ALICE)), info.toText());
    }

    @Test
    void readsAFileByItsPathAndNamesThePathInMessages(@TempDir Path directory) throws Exception {
        Path file = directory.resolve(SignedFileList.VESSELINFO_FILE_NAME);
        Files.writeString(file, lines("Percent 100", owner(ALICE)), StandardCharsets.US_ASCII);
        assertEquals(List.of(new VesselSpec(100, ALICE, List.of())), VesselInfo.read(file).vessels());

        Files.writeString(file, lines("Percent 90", owner(ALICE)), StandardCharsets.US_ASCII);
        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class, () -> VesselInfo.read(file));
        assertEquals(file.toString(), refused.problems().get(0).source());
        assertTrue(refused.getMessage().contains(file + ": found 90"), refused.getMessage());
    }

    @Test
    void reportsBytesThatAreNotUtf8AsAProblemOfTheText(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("vesselinfo");
        String ownerLine = owner(ALICE);
        Files.write(file, lines("Percent 100", ownerLine + "\u00e9").getBytes(StandardCharsets.ISO_8859_1));

        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class, () -> VesselInfo.read(file));

        assertEquals(1, refused.problems().size(), refused::getMessage);
        InputProblem problem = refused.problems().get(0);
        assertEquals(2, problem.line());
        assertTrue(problem.detail().contains("U+FFFD") && problem.detail().contains("not UTF-8")
                && problem.detail().endsWith("at column " + (ownerLine.length() + 1)), problem::describe);
    }

    @Test
    void isAnInvalidInputForCallersThatHandleAllInputAlike() {
        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class,
                () -> VesselInfo.parse(SOURCE, ""));

        assertInstanceOf(InvalidInputException.class, refused);
        assertTrue(refused.getMessage().startsWith("Invalid vessels in " + SOURCE + ":\n"), refused.getMessage());
    }

    // --- one test per rule -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"percent", "PERCENT", "pErCeNt"})
    void labelsAreCaseSensitiveAndTheMeantLabelIsSuggested(String label) {
        InputProblem problem = onlyProblemIn(lines(label + " 100", owner(ALICE)));

        assertProblem(problem, 1, LABEL_RULE, "'" + label + "' is not a label; labels are case-sensitive: write 'Percent'");
    }

    @Test
    void aWrongCaseOwnerIsReadAsTheOwnerSoTheVesselIsNotAlsoReportedOwnerless() {
        InputProblem problem = onlyProblemIn(lines("Percent 100", "OWNER " + ALICE.toText()));

        assertProblem(problem, 2, LABEL_RULE, "write 'Owner'");
    }

    @Test
    void anUnknownLabelIsReportedNotIgnored() {
        InputProblem problem = onlyProblemIn(lines("Percent 100", owner(ALICE), "Group " + BOB.toText()));

        assertProblem(problem, 3, LABEL_RULE, "'Group' is not a label");
        assertFalse(problem.detail().contains("write"), problem::describe);
    }

    @Test
    void aLineWithoutLabelIsReported() {
        assertProblem(onlyProblemIn(lines("Percent 100", owner(ALICE), BOB.toText())), 3, LABEL_RULE,
                "is not a label");
    }

    @Test
    void anEmptyLineIsReported() {
        InputProblem problem = onlyProblemIn(lines("Percent 100", "", owner(ALICE)));

        assertProblem(problem, 2, EMPTY_LINE_RULE, "the line is empty");
    }

    @Test
    void aLineOfOnlySpacesAndTabsIsEmpty() {
        InputProblem problem = onlyProblemIn(lines("Percent 100", owner(ALICE), " \t "));

        assertProblem(problem, 3, EMPTY_LINE_RULE, "the line holds only spaces or tabs");
    }

    @Test
    void twoNewlinesAtTheEndMakeAnEmptyLastLine() {
        assertProblem(onlyProblemIn(lines("Percent 100", owner(ALICE)) + "\n"), 3, EMPTY_LINE_RULE, "empty");
        assertProblem(onlyProblemIn(lines("Percent 100", owner(ALICE)) + "\r\n"), 3, EMPTY_LINE_RULE, "empty");
    }

    @Test
    void aKeyTextEndingWithANewlineLeavesAnEmptyLineThatIsReported() {
        String keyFileText = ALICE.toText() + "\n";
        String concatenated = "Percent 80\nOwner " + keyFileText + "\nPercent 20\n" + owner(BOB) + "\n";

        assertProblem(onlyProblemIn(concatenated), 3, EMPTY_LINE_RULE, "the line is empty");
    }

    @Test
    void aLoneCarriageReturnIsReportedWithItsColumn() {
        InputProblem problem = onlyProblemIn("Percent 100\r\r\n" + owner(ALICE) + "\r\n");

        assertProblem(problem, 1, CHARACTER_RULE, "found U+000D CARRIAGE RETURN (CR) at column 12");
    }

    @Test
    void aCarriageReturnEndingTheFileWithoutLineFeedIsStray() {
        assertProblem(onlyProblemIn("Percent 100\n" + owner(ALICE) + "\r"), 2, CHARACTER_RULE, "U+000D");
    }

    @Test
    void classicMacLineEndingsAreNotLineEndings() {
        List<InputProblem> problems = problemsIn("Percent 100\r" + owner(ALICE) + "\r");

        assertProblem(problems.get(0), 1, CHARACTER_RULE, "U+000D CARRIAGE RETURN (CR) at column 12");
    }

    @Test
    void aByteOrderMarkIsReported() {
        List<InputProblem> problems = problemsIn("\uFEFF" + lines("Percent 100", owner(ALICE)));

        assertProblem(problems.get(0), 1, CHARACTER_RULE, "found U+FEFF ZERO WIDTH NO-BREAK SPACE at column 1");
    }

    @Test
    void aStrayCharacterInAKeyIsOneProblemWhenItsLabelIsIntact() {
        String key = ALICE.e() + "\u00a0" + ALICE.n();

        assertProblem(onlyProblemIn(lines("Percent 100", "Owner " + key)), 2, CHARACTER_RULE,
                "found U+00A0 NO-BREAK SPACE at column 12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"80.0", "8e1", "-10", "+10", "ten", "0x50"})
    void aPercentageIsDecimalDigitsOnly(String value) {
        InputProblem problem = onlyProblemIn(lines("Percent " + value, owner(ALICE)));

        assertProblem(problem, 1, NUMBER_RULE, "'" + value + "' is not a whole number in decimal digits");
    }

    @Test
    void digitsOutsideAsciiAreStrayCharacters() {
        InputProblem problem = onlyProblemIn(lines("Percent \uff11\uff10\uff10", owner(ALICE)));

        assertProblem(problem, 1, CHARACTER_RULE, "found U+FF11 FULLWIDTH DIGIT ONE at column 9");
    }

    @Test
    void aPercentLineWithoutNumberIsReported() {
        assertProblem(onlyProblemIn(lines("Percent", owner(ALICE))), 1, NUMBER_RULE, "found no number after Percent");
        assertProblem(onlyProblemIn(lines("Percent  \t", owner(ALICE))), 1, NUMBER_RULE, "no number");
    }

    @Test
    void aPercentLineWithTwoNumbersIsReported() {
        assertProblem(onlyProblemIn(lines("Percent 80 20", owner(ALICE))), 1, NUMBER_RULE, "found 2 values: '80 20'");
    }

    @Test
    void percentagesAreWholeTenthsEvenWhenTheySumTo100() {
        List<InputProblem> problems = problemsIn(lines("Percent 75", owner(ALICE), "Percent 25", owner(BOB)));

        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems.get(0), 1, TENTHS_RULE, "found 75");
        assertProblem(problems.get(1), 3, TENTHS_RULE, "found 25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "110", "1000"})
    void aPercentageOutsideTenToHundredIsNotATenth(String value) {
        List<InputProblem> problems = problemsIn(lines("Percent " + value, owner(ALICE)));

        assertProblem(problems.get(0), 1, TENTHS_RULE, "found " + value);
        assertProblem(problems.get(1), 0, SUM_RULE, "found " + value);
    }

    @Test
    void percentagesSumToExactly100() {
        InputProblem problem = onlyProblemIn(lines("Percent 80", owner(ALICE), "Percent 10", owner(BOB)));

        assertProblem(problem, 0, SUM_RULE, "found 90: 80 (line 1) + 10 (line 3)");
        assertTrue(problem.describe().startsWith(SOURCE + ": "), problem::describe);
    }

    @Test
    void percentagesOver100AreReported() {
        assertProblem(onlyProblemIn(lines("Percent 100", owner(ALICE), "Percent 10", owner(BOB))), 0, SUM_RULE,
                "found 110");
    }

    @Test
    void anUnreadablePercentageLeavesTheSumUnjudged() {
        InputProblem problem = onlyProblemIn(lines("Percent 8O", owner(ALICE), "Percent 20", owner(BOB)));

        assertProblem(problem, 1, NUMBER_RULE, "'8O'");
    }

    @Test
    void notTenthsAndAWrongSumAreBothReported() {
        List<InputProblem> problems = problemsIn(lines("Percent 75", owner(ALICE), "Percent 5", owner(BOB)));

        assertEquals(3, problems.size(), problems::toString);
        assertProblem(problems.get(2), 0, SUM_RULE, "found 80: 75 (line 1) + 5 (line 3)");
    }

    @Test
    void anOwnerBeforeAnyPercentIsOutsideAVessel() {
        InputProblem problem = onlyProblemIn(lines(owner(BOB), "Percent 100", owner(ALICE)));

        assertProblem(problem, 1, IN_VESSEL_RULE, "Owner line before the first Percent line");
    }

    @Test
    void aUserBeforeAnyPercentIsOutsideAVessel() {
        InputProblem problem = onlyProblemIn(lines(user(BOB), "Percent 100", owner(ALICE)));

        assertProblem(problem, 1, IN_VESSEL_RULE, "User line before the first Percent line");
    }

    @Test
    void aSecondOwnerIsReportedWithTheLineOfTheFirst() {
        InputProblem problem = onlyProblemIn(lines("Percent 50", owner(ALICE), "Percent 50", owner(BOB),
                user(ALICE), owner(CAROL)));

        assertProblem(problem, 6, ONE_OWNER_RULE, "second Owner of the vessel starting on line 3; "
                + "its first Owner is on line 4");
    }

    @Test
    void aVesselWithoutOwnerIsReportedOnItsPercentLine() {
        InputProblem problem = onlyProblemIn(lines("Percent 80", owner(ALICE), "Percent 20", user(BOB)));

        assertProblem(problem, 3, ONE_OWNER_RULE, "the vessel starting on this line has no Owner");
    }

    @Test
    void aShortKeyIsReportedNotACrash() {
        assertProblem(onlyProblemIn(lines("Percent 100", "Owner 65537")), 2, KEY_RULE,
                "Owner key: expected 2 numbers, found 1 field");
    }

    @Test
    void aMissingKeyIsReportedNotACrash() {
        assertProblem(onlyProblemIn(lines("Percent 100", owner(ALICE), "User")), 3, KEY_RULE,
                "User key: expected 2 numbers, found nothing");
    }

    @Test
    void aKeyWithThreeNumbersIsReported() {
        assertProblem(onlyProblemIn(lines("Percent 100", owner(ALICE) + " 7")), 2, KEY_RULE,
                "Owner key: expected 2 numbers, found 3 fields");
    }

    @Test
    void aKeyWhoseExponentIsNotBelowTheModulusIsReported() {
        assertProblem(onlyProblemIn(lines("Percent 100", "Owner 65537 3233")), 2, KEY_RULE,
                "e must be greater than 1 and less than n");
    }

    @Test
    void anEmptyFileDescribesNoVessel() {
        assertProblem(onlyProblemIn(""), 0, AT_LEAST_ONE_RULE, "the file is empty");
    }

    @Test
    void aFileWithoutPercentLinesDescribesNoVessel() {
        List<InputProblem> problems = problemsIn(lines(owner(ALICE)));

        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems.get(0), 1, IN_VESSEL_RULE, "Owner line before the first Percent line");
        assertProblem(problems.get(1), 0, AT_LEAST_ONE_RULE, "found no Percent line");
    }

    // --- all at once, and never a crash ------------------------------------------------------------------

    @Test
    void reportsEveryProblemAtOnceInLineOrder() {
        String text = lines(
                "percent 75",               // 1: label case, read as Percent 75: not a tenth
                owner(ALICE),               // 2
                owner(BOB),                 // 3: second Owner
                "",                         // 4: empty
                "Percent 35",               // 5: vessel without Owner; not a tenth
                "User 65537",               // 6: short key
                "Colour blue");             // 7: unknown label

        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class,
                () -> VesselInfo.parse(SOURCE, text));

        List<InputProblem> problems = refused.problems();
        assertEquals(List.of(1, 1, 3, 4, 5, 5, 6, 7, 0), problems.stream().map(InputProblem::line).toList(),
                problems::toString);
        assertProblem(problems.get(8), 0, SUM_RULE, "found 110: 75 (line 1) + 35 (line 5)");
        assertEquals(List.of(LABEL_RULE, TENTHS_RULE, ONE_OWNER_RULE, EMPTY_LINE_RULE,
                        ONE_OWNER_RULE, TENTHS_RULE, KEY_RULE, LABEL_RULE, SUM_RULE),
                problems.stream().map(InputProblem::rule).map(VesselInfoParseTest::ruleStart).toList());
        for (InputProblem problem : problems) {
            assertTrue(refused.getMessage().contains("  " + problem.describe()), problem::describe);
        }
    }

    /** The rules as the constants above spell them, some of which are the rule's beginning. */
    private static String ruleStart(String rule) {
        return List.of(EMPTY_LINE_RULE, CHARACTER_RULE).stream().filter(rule::startsWith).findFirst().orElse(rule);
    }

    @Test
    void abbreviatesLongNumbersInMessages() {
        String longDigits = "9".repeat(1234);
        String text = lines("Percent " + longDigits, "Owner 65537 " + longDigits + "x",
                "Percent " + longDigits + ".5", longDigits + " " + longDigits);

        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class,
                () -> VesselInfo.parse(SOURCE, text));

        assertFalse(refused.getMessage().contains("9".repeat(30)), refused.getMessage());
        assertTrue(refused.getMessage().length() < 1500, refused.getMessage());
        assertEquals(List.of(1, 2, 3, 3, 4), refused.problems().stream().map(InputProblem::line).toList(),
                refused.problems()::toString);
    }

    @Test
    void readsKeysWithA4096BitModulus() throws Exception {
        SeattlePublicKey big = new SeattlePublicKey(ALICE.e(), ALICE.n().pow(4));

        VesselInfo info = VesselInfo.parse(SOURCE, lines("Percent 100", owner(big)));

        assertTrue(big.n().toString().length() > 1200);
        assertEquals(big, info.vessels().get(0).owner());
    }

    /**
     * Mutations of a valid file (characters deleted, doubled, replaced by ones the format gives meaning to)
     * are either read or refused with problems: nothing else escapes the parser.
     */
    @Test
    void neverThrowsAnythingButInvalidVesselInfo() {
        String valid = lines("Percent 80", owner(ALICE), user(BOB), "Percent 20", owner(CAROL));
        String alphabet = " \t\n\r0123456789PercentOwnUs.-+e\u00a0";
        Random random = new Random(20240611L);
        for (int round = 0; round < 2000; round++) {
            StringBuilder mutated = new StringBuilder(valid);
            for (int edit = 1 + random.nextInt(4); edit > 0; edit--) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, mutated.charAt(at));
                    default -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = mutated.toString();
            try {
                VesselInfo.parse(SOURCE, text);
            } catch (InvalidVesselInfoException refused) {
                VesselInfoFixtures.assertNoJavaNames(refused.getMessage());
                assertFalse(refused.problems().isEmpty());
            } catch (RuntimeException escaped) {
                throw new AssertionError("parser failed on: " + text.replace("\n", "\\n").replace("\r", "\\r"), escaped);
            }
        }
    }
}
