package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.seattleinstaller.builder.donors.DonorFixtures.assertProblem;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.key;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.lines;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.onlyProblem;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VesselTemplateTest {
    private static final String SOURCE = "test.vesseltemplate";
    private static final String TENTHS_RULE = "each percentage is one of 10, 20, ..., 100";
    private static final String SUM_RULE = "the percentages sum to exactly 100";
    private static final String LABEL_RULE = "each line starts with one of the case-sensitive labels Percent, Owner, User";
    private static final String ONE_OWNER_RULE = "each vessel has exactly one Owner";
    private static final String EMPTY_LINE_RULE = "no line is empty, though the file may end with a newline";
    private static final String CHARACTER_RULE = "lines end with LF or CR LF and hold only printable ASCII, spaces and tabs";
    private static final String KEY_RULE = "a public key is two decimal integers 'e n' with 1 < e < n";

    private static final SeattlePublicKey DONOR = key(1);
    private static final SeattlePublicKey ACCEPT = key(2);
    private static final SeattlePublicKey OPERATOR = key(3);
    private static final SeattlePublicKey LAB = key(4);

    @TempDir
    Path temp;

    private static InvalidVesselInfoException refused(String text) {
        return assertThrows(InvalidVesselInfoException.class, () -> VesselTemplate.parse(SOURCE, text));
    }

    @Test
    void theClearinghouseDefaultIsTheShippedResource() throws Exception {
        VesselTemplate template = VesselTemplate.CLEARINGHOUSE_DEFAULT;
        String resource;
        try (InputStream in = VesselTemplate.class.getResourceAsStream(VesselTemplate.CLEARINGHOUSE_DEFAULT_RESOURCE)) {
            resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(resource, template.text());
        assertEquals(lines("Percent 80", "Owner {donor}", "User {acceptdonations}", "Percent 20", "Owner {operator}"),
                template.text());
        assertEquals(List.of("donor", "acceptdonations", VesselTemplate.OPERATOR), template.placeholders());
        assertEquals(List.of(80, 20), template.percentages());
        assertEquals(2, template.vesselCount());
    }

    @Test
    void fillingTheDefaultGivesTheClearinghouseSplit() throws Exception {
        VesselInfo filled = VesselTemplate.CLEARINGHOUSE_DEFAULT.fill("donor alice",
                Map.of("donor", DONOR, "acceptdonations", ACCEPT, VesselTemplate.OPERATOR, OPERATOR));

        assertEquals(List.of(new VesselSpec(80, DONOR, List.of(ACCEPT)), new VesselSpec(20, OPERATOR, List.of())),
                filled.vessels());
        assertEquals(lines("Percent 80", "Owner " + DONOR.toText(), "User " + ACCEPT.toText(), "Percent 20",
                "Owner " + OPERATOR.toText()), filled.toText());
    }

    @Test
    void literalKeysStandBesidePlaceholdersAndAPlaceholderMayRepeat() throws Exception {
        VesselTemplate template = VesselTemplate.parse(SOURCE, "Percent 50\r\n  Owner\t{donor}  \r\nUser "
                + LAB.toText() + "\r\nPercent 50\r\nOwner " + OPERATOR.toText() + "\r\nUser {donor}");

        assertEquals(List.of("donor"), template.placeholders());
        VesselInfo filled = template.fill("donor bob", Map.of("donor", DONOR));
        assertEquals(List.of(new VesselSpec(50, DONOR, List.of(LAB)), new VesselSpec(50, OPERATOR, List.of(DONOR))),
                filled.vessels());
    }

    @Test
    void aTemplateWithoutPlaceholdersIsAVesselinfoForEveryDonor() throws Exception {
        VesselTemplate template = VesselTemplate.parse(SOURCE, lines("Percent 100", "Owner " + OPERATOR.toText()));

        assertEquals(List.of(), template.placeholders());
        assertEquals(List.of(new VesselSpec(100, OPERATOR, List.of())), template.fill("any", Map.of()).vessels());
    }

    @Test
    void readsAFile() throws Exception {
        Path file = temp.resolve("lab.vesseltemplate");
        Files.writeString(file, lines("Percent 100", "Owner {lab_owner2}"));

        VesselTemplate template = VesselTemplate.read(file);
        assertEquals(file.toString(), template.source());
        assertEquals(List.of("lab_owner2"), template.placeholders());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Owner {Donor}|'{Donor}' does not have a placeholder name",
            "Owner {}|'{}' does not have a placeholder name",
            "Owner {1donor}|'{1donor}' does not have a placeholder name",
            "Owner {donor-key}|'{donor-key}' does not have a placeholder name",
            "Owner {a2345678901234567890123456789012345678901}|does not have a placeholder name",
            "Owner {name}|'{name}' is reserved: 'name' is the donor table's column of donor names",
            "Owner {users_v1}|'{users_v1}' is reserved: the donor table's columns users_v1, users_v2, ...",
            "Owner {donor} {lab}|'{donor} {lab}' after Owner is neither a key nor one placeholder",
            "Owner {donor|'{donor' after Owner is neither a key nor one placeholder",
            "Owner 65537 {n}|'65537 {n}' after Owner is neither a key nor one placeholder",
            "Owner {do{nor}}|after Owner is neither a key nor one placeholder",
    })
    void placeholderNames(String ownerLine, String detail) {
        InputProblem problem = onlyProblem(refused(lines("Percent 100", ownerLine)));
        assertProblem(problem, SOURCE, 2, VesselTemplate.PLACEHOLDER_RULE, detail);
    }

    @Test
    void aFortyCharacterNameIsAccepted() throws Exception {
        String name = "a".repeat(40);
        assertEquals(List.of(name), VesselTemplate.parse(SOURCE, lines("Percent 100", "Owner {" + name + "}")).placeholders());
    }

    @Test
    void percentagesAreFixedByTheTemplate() {
        InvalidVesselInfoException e = refused(lines("Percent {share}", "Owner {donor}", "Percent 20", "Owner {operator}"));

        // The runtime's "not a whole number" for the same line, and the sum it cannot know, are not repeated.
        assertProblem(onlyProblem(e), SOURCE, 1, VesselTemplate.FIXED_PERCENT_RULE, "found '{share}' after Percent");
    }

    @Test
    void theRuntimesRulesApplyToTheTemplateUpFront() {
        InvalidVesselInfoException e = refused(lines("Percent 75", "Owner {donor}", "owner {lab}", "", "Percent 20",
                "User {acceptdonations}", "Owner 65537", "Percent 10", "Owner {donor}", "Owner {operator}"));

        assertEquals(SOURCE, e.source());
        List<InputProblem> problems = e.problems();
        assertProblem(problemAt(problems, 1, TENTHS_RULE), SOURCE, 1, TENTHS_RULE, "found 75");
        assertProblem(problemAt(problems, 3, LABEL_RULE), SOURCE, 3, LABEL_RULE, "write 'Owner'");
        assertProblem(problemAt(problems, 4, EMPTY_LINE_RULE), SOURCE, 4, EMPTY_LINE_RULE, "the line is empty");
        assertProblem(problemAt(problems, 7, KEY_RULE), SOURCE, 7, KEY_RULE, "Owner key");
        assertProblem(problemAt(problems, 10, ONE_OWNER_RULE), SOURCE, 10, ONE_OWNER_RULE, "second Owner");
        assertProblem(problemAt(problems, 0, SUM_RULE), SOURCE, 0, SUM_RULE, "found 105");
        // Line 3's Owner is a second owner only because of the case-corrected label: the runtime says so too.
        assertEquals(List.of(1, 3, 3, 4, 7, 10, 0), problems.stream().map(InputProblem::line).toList(), problems::toString);
    }

    @Test
    void aPlaceholderProblemDoesNotHideTheOthers() {
        InvalidVesselInfoException e = refused(lines("Percent 30", "Owner {Donor}", "Percent 60", "Owner {lab}"));

        assertEquals(List.of(2, 0), e.problems().stream().map(InputProblem::line).toList(), e::getMessage);
        assertEquals(VesselTemplate.PLACEHOLDER_RULE, e.problems().get(0).rule());
        assertProblem(e.problems().get(1), SOURCE, 0, SUM_RULE, "found 90");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirLine() throws Exception {
        Path file = temp.resolve("latin1.vesseltemplate");
        Files.write(file, "Percent 100\nOwner {d\u00f6nor}\nUser {lab}\u00a0\n".getBytes(StandardCharsets.ISO_8859_1));

        InvalidVesselInfoException e = assertThrows(InvalidVesselInfoException.class, () -> VesselTemplate.read(file));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertProblem(e.problems().get(0), file.toString(), 2, CHARACTER_RULE, "U+FFFD REPLACEMENT CHARACTER (what bytes that are not UTF-8 text are read as) at column 9");
        assertProblem(e.problems().get(1), file.toString(), 3, CHARACTER_RULE, "not UTF-8");
    }

    @Test
    void aStrayCharacterOutsideAPlaceholderIsTheRuntimesToReport() {
        InvalidVesselInfoException e = refused("Percent 100\n\u00a0Owner {donor}\n");
        assertProblem(problemAt(e.problems(), 2, CHARACTER_RULE), SOURCE, 2, CHARACTER_RULE, "U+00A0 NO-BREAK SPACE at column 1");
    }

    @Test
    void aVesselListsAUserOnce() {
        InputProblem problem = onlyProblem(refused(lines("Percent 100", "Owner {donor}", "User {lab}", "User {lab}")));
        assertProblem(problem, SOURCE, 4, VesselTemplate.DISTINCT_USERS_RULE, "vessel 1 already has {lab} as a user, on line 3");

        InputProblem literal = onlyProblem(refused(lines("Percent 100", "Owner {donor}", "User " + LAB.toText(),
                "User  " + LAB.toText())));
        assertProblem(literal, SOURCE, 4, VesselTemplate.DISTINCT_USERS_RULE,
                "vessel 1 already has the key " + LAB + " as a user, on line 3");
    }

    @Test
    void fillingNeedsAKeyForEveryPlaceholderAndOnlyThose() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VesselTemplate.CLEARINGHOUSE_DEFAULT
                .fill("donor alice", Map.of("donor", DONOR, "acceptdonation", ACCEPT)));

        List<InputProblem> problems = e.problems();
        assertEquals(3, problems.size(), e::getMessage);
        assertProblem(problems.get(0), "donor alice", 0, VesselTemplate.KEYS_RULE, "no key for {acceptdonations}");
        assertProblem(problems.get(1), "donor alice", 0, VesselTemplate.KEYS_RULE,
                "no key for {operator}: the build fills it with the operator's public key");
        assertProblem(problems.get(2), "donor alice", 0, VesselTemplate.KEYS_RULE,
                "a key for {acceptdonation}, which the template does not have; its placeholders are {donor},"
                        + " {acceptdonations}, {operator}");
    }

    @Test
    void theOperatorKeyMayBeGivenToATemplateThatDoesNotUseIt() throws Exception {
        VesselTemplate template = VesselTemplate.parse(SOURCE, lines("Percent 100", "Owner {donor}"));
        assertEquals(List.of(new VesselSpec(100, DONOR, List.of())),
                template.fill("x", Map.of("donor", DONOR, VesselTemplate.OPERATOR, OPERATOR)).vessels());
    }

    @Test
    void extraUsersAreAddedAfterTheTemplatesUsers() throws Exception {
        VesselInfo filled = VesselTemplate.CLEARINGHOUSE_DEFAULT.fill("donor alice",
                Map.of("donor", DONOR, "acceptdonations", ACCEPT, VesselTemplate.OPERATOR, OPERATOR),
                Map.of(1, List.of(LAB, key(5)), 2, List.of(DONOR)));

        assertEquals(List.of(new VesselSpec(80, DONOR, List.of(ACCEPT, LAB, key(5))),
                new VesselSpec(20, OPERATOR, List.of(DONOR))), filled.vessels());
    }

    @Test
    void extraUsersGoToVesselsTheTemplateHasAndAreNotRepeated() {
        Map<String, SeattlePublicKey> keys = Map.of("donor", DONOR, "acceptdonations", ACCEPT, "operator", OPERATOR);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VesselTemplate.CLEARINGHOUSE_DEFAULT
                .fill("donor alice", keys, Map.of(3, List.of(LAB), 0, List.of(LAB))));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertProblem(e.problems().get(0), "donor alice", 0, VesselTemplate.EXTRA_USERS_RULE,
                "extra users for vessel 0, but the template has 2 vessels");
        assertProblem(e.problems().get(1), "donor alice", 0, VesselTemplate.EXTRA_USERS_RULE, "vessel 3");

        InvalidInputException repeated = assertThrows(InvalidInputException.class, () -> VesselTemplate
                .CLEARINGHOUSE_DEFAULT.fill("donor alice", keys, Map.of(1, List.of(LAB, ACCEPT, LAB))));
        assertEquals(2, repeated.problems().size(), repeated::getMessage);
        assertProblem(repeated.problems().get(0), "donor alice", 0, VesselTemplate.DISTINCT_USERS_RULE,
                "vessel 1 would list the user " + ACCEPT + " twice: as {acceptdonations} and as extra user 2");
        assertProblem(repeated.problems().get(1), "donor alice", 0, VesselTemplate.DISTINCT_USERS_RULE,
                "as extra user 1 and as extra user 3");
    }

    @Test
    void twoPlaceholdersGivenTheSameKeyAsUsersOfOneVesselAreRefused() throws Exception {
        VesselTemplate template = VesselTemplate.parse(SOURCE, lines("Percent 100", "Owner {donor}", "User {a}", "User {b}"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> template.fill("x", Map.of("donor", DONOR, "a", LAB, "b", LAB)));
        assertProblem(onlyProblem(e), "x", 0, VesselTemplate.DISTINCT_USERS_RULE, "as {a} and as {b}");
    }

    @Test
    void theOwnerMayAlsoBeAUser() throws Exception {
        VesselInfo filled = VesselTemplate.parse(SOURCE, lines("Percent 100", "Owner {donor}", "User {donor}"))
                .fill("x", Map.of("donor", DONOR));
        assertEquals(List.of(new VesselSpec(100, DONOR, List.of(DONOR))), filled.vessels());
    }
}
