package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.Pem;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.seattleinstaller.builder.donors.DonorFixtures.assertProblem;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.key;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.lines;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.names;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.onlyProblem;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.pem;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DonorTableTest {
    private static final SeattlePublicKey ALICE = key(11);
    private static final SeattlePublicKey BOB = key(12);
    private static final SeattlePublicKey CAROL = key(13);
    private static final SeattlePublicKey ACCEPT = key(14);
    private static final SeattlePublicKey OPERATOR = key(15);
    private static final SeattlePublicKey LAB = key(16);
    private static final SeattlePublicKey HOME = key(17);

    private static final String HEADER = "name,donor,acceptdonations";

    @TempDir
    Path project;

    private DonorTable reader;
    private Path table;

    @BeforeEach
    void keyFiles() throws Exception {
        Files.createDirectories(project.resolve("keys"));
        Files.writeString(project.resolve("keys/alice.publickey"), ALICE.toText());
        Files.writeString(project.resolve("keys/acceptdonations.publickey"), ACCEPT.toText() + "\n");
        Files.writeString(project.resolve("keys/lab.pub.pem"), pem(LAB));
        reader = DonorTable.of(VesselTemplate.CLEARINGHOUSE_DEFAULT, Map.of(VesselTemplate.OPERATOR, OPERATOR),
                DonorTable.KeyFiles.RELATIVE_TO_TABLE);
        table = project.resolve("donors.csv");
    }

    private CheckedDonors check(String content) throws Exception {
        Files.writeString(table, content);
        return reader.check(table);
    }

    private InvalidInputException refused(String content) throws Exception {
        Files.writeString(table, content);
        return assertThrows(InvalidInputException.class, () -> reader.check(table));
    }

    private static List<DonorSplit> donors(CheckedDonors checked) {
        try (Stream<DonorSplit> stream = checked.stream()) {
            return stream.toList();
        }
    }

    private static List<VesselSpec> clearinghouse(SeattlePublicKey donor, SeattlePublicKey... extraUsers) {
        List<SeattlePublicKey> users = Stream.concat(Stream.of(ACCEPT), Stream.of(extraUsers)).toList();
        return List.of(new VesselSpec(80, donor, users), new VesselSpec(20, OPERATOR, List.of()));
    }

    @Test
    void readsKeysAsFilesSeattleTextAndQuotedPem() throws Exception {
        CheckedDonors checked = check(lines(HEADER,
                "alice,keys/alice.publickey,keys/acceptdonations.publickey",
                "bob," + BOB.toText() + ",keys/acceptdonations.publickey",
                "carol,\"" + pem(CAROL) + "\"," + ACCEPT.toText()));

        assertEquals(table.toString(), checked.source());
        assertEquals(3, checked.size());
        assertEquals(names("alice", "bob", "carol"), checked.names());
        List<DonorSplit> donors = donors(checked);
        assertEquals(names("alice", "bob", "carol"), donors.stream().map(DonorSplit::name).toList());
        assertEquals(clearinghouse(ALICE), donors.get(0).vesselInfo().vessels());
        assertEquals(clearinghouse(BOB), donors.get(1).vesselInfo().vessels());
        assertEquals(clearinghouse(CAROL), donors.get(2).vesselInfo().vessels());
        assertEquals(List.of(table + " line 2", table + " line 3", table + " line 4"),
                donors.stream().map(DonorSplit::origin).toList());
    }

    @Test
    void columnsComeInAnyOrderAndOverlaysAddUsersPerVessel() throws Exception {
        CheckedDonors checked = check(lines("users_v2,acceptdonations,name,users_v1,donor",
                "," + ACCEPT.toText() + ",alice,keys/lab.pub.pem; " + HOME.toText() + " ;,keys/alice.publickey",
                "keys/lab.pub.pem," + ACCEPT.toText() + ",bob,," + BOB.toText()));

        List<DonorSplit> donors = donors(checked);
        assertEquals(clearinghouse(ALICE, LAB, HOME), donors.get(0).vesselInfo().vessels());
        assertEquals(List.of(new VesselSpec(80, BOB, List.of(ACCEPT)), new VesselSpec(20, OPERATOR, List.of(LAB))),
                donors.get(1).vesselInfo().vessels());
    }

    @Test
    void toleratesWhatSpreadsheetsAndEditorsWrite() throws Exception {
        Files.createDirectories(project.resolve("odd, dir"));
        Files.writeString(project.resolve("odd, dir/bob.publickey"), BOB.toText());
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "\r\n" + HEADER + " \r\n"
                + " alice ,\t\"keys/alice.publickey\" , keys/acceptdonations.publickey\r\n"
                + ",,\r\n"
                + "\r\n"
                + "bob,\"odd, dir/bob.publickey\",\"\"\"\"" // a quote inside, doubled: not a key, refused below
                + "\r\n";
        Files.write(table, concat(bom, text.getBytes(StandardCharsets.UTF_8)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.check(table));
        // Only the cell that is really wrong: a lone '"' is neither key text nor a file.
        assertProblem(onlyProblem(e), table.toString(), 6, PublicKeyReader.RULE,
                "row 6, column 'acceptdonations': '\"' is neither key text nor the name of an existing file");

        Files.write(table, concat(bom, text.replace("\"\"\"\"", "keys/acceptdonations.publickey")
                .getBytes(StandardCharsets.UTF_8)));
        List<DonorSplit> donors = donors(reader.check(table));
        assertEquals(names("alice", "bob"), donors.stream().map(DonorSplit::name).toList());
        assertEquals(clearinghouse(BOB), donors.get(1).vesselInfo().vessels());
        assertEquals(table + " line 6", donors.get(1).origin());
    }

    @Test
    void spacesInsideQuotesAroundANameOrAColumnNameAreNotPartOfIt() throws Exception {
        CheckedDonors checked = check(lines("\" name \",donor,acceptdonations", "\" alice\t\",keys/alice.publickey,"
                + ACCEPT.toText(), "\" \",\"\",\"  \""));
        assertEquals(names("alice"), checked.names());
    }

    @Test
    void keysTheBuildGivesAreNotColumns() throws Exception {
        reader = DonorTable.of(VesselTemplate.CLEARINGHOUSE_DEFAULT,
                Map.of(VesselTemplate.OPERATOR, OPERATOR, "acceptdonations", ACCEPT), DonorTable.KeyFiles.RELATIVE_TO_TABLE);
        assertEquals(List.of("name", "donor"), reader.requiredColumns());
        assertEquals(List.of("users_v1", "users_v2"), reader.overlayColumns());

        assertEquals(clearinghouse(ALICE), donors(check(lines("name,donor", "alice,keys/alice.publickey"))).get(0)
                .vesselInfo().vessels());

        InputProblem problem = onlyProblem(refused(lines("name,donor,acceptdonations", "alice,keys/alice.publickey,x")));
        assertProblem(problem, table.toString(), 1, DonorTable.HEADER_RULE,
                "row 1 (the header), cell 3: 'acceptdonations' is not a column here: the build gives the key for {acceptdonations}");
    }

    @Test
    void theBuildGivesOnlyKeysOfTheTemplateAndTheOperatorKeyWhenItIsUsed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DonorTable.of(
                VesselTemplate.CLEARINGHOUSE_DEFAULT, Map.of("acceptdonation", ACCEPT), DonorTable.KeyFiles.REFUSED));
        String source = "keys given for the clearinghouse default template";
        assertEquals(2, e.problems().size(), e::getMessage);
        assertProblem(e.problems().get(0), source, 0, DonorTable.BOUND_KEYS_RULE,
                "a key for {acceptdonation}, which the template does not have");
        assertProblem(e.problems().get(1), source, 0, DonorTable.BOUND_KEYS_RULE, "no operator key for {operator}");
    }

    @Test
    void aTableGivenAsBytesTakesKeysOnlyAsText() throws Exception {
        String content = lines(HEADER, "alice," + ALICE.toText() + ",\"" + pem(ACCEPT) + "\"",
                "bob,keys/alice.publickey," + ACCEPT.toText());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reader.check("upload donors.csv", content.getBytes(StandardCharsets.UTF_8)));
        int bob = 3 + (int) pem(ACCEPT).chars().filter(c -> c == '\n').count();
        assertProblem(onlyProblem(e), "upload donors.csv", bob, PublicKeyReader.TEXT_RULE,
                "row 3, column 'donor': 'keys/alice.publickey' is neither Seattle key text nor PEM");

        CheckedDonors checked = reader.check("upload", lines(HEADER, "alice," + ALICE.toText() + ",\"" + pem(ACCEPT) + "\"")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(clearinghouse(ALICE), donors(checked).get(0).vesselInfo().vessels());
    }

    @Test
    void keyFilesCanBeRefusedForTableFilesToo() throws Exception {
        reader = DonorTable.of(VesselTemplate.CLEARINGHOUSE_DEFAULT, Map.of(VesselTemplate.OPERATOR, OPERATOR),
                DonorTable.KeyFiles.REFUSED);
        InputProblem problem = onlyProblem(refused(lines(HEADER, "alice,keys/alice.publickey," + ACCEPT.toText())));
        assertProblem(problem, table.toString(), 2, PublicKeyReader.TEXT_RULE, "is neither Seattle key text nor PEM");
    }

    @Test
    void everyHeaderProblemAtOnce() throws Exception {
        InvalidInputException e = refused(lines("Name,donor,donor,,operator,users_v3,users_v01,email,Users_V1", "x"));
        String source = table.toString();
        List<String> details = e.problems().stream().map(InputProblem::detail).toList();
        assertEquals(List.of(
                "row 1 (the header), cell 1: 'Name' is not a column; column names are in lowercase: write 'name'",
                "row 1 (the header), cell 3: 'donor' names cell 2 already",
                "row 1 (the header), cell 4: a column without a name",
                "row 1 (the header), cell 5: 'operator' is not a column: the build fills {operator} with the operator's public key",
                "row 1 (the header), cell 6: 'users_v3' is not a column: the template has 2 vessels, whose extra users are"
                        + " columns users_v1 to users_v2",
                "row 1 (the header), cell 7: 'users_v01' is not a column: the template has 2 vessels, whose extra users"
                        + " are columns users_v1 to users_v2",
                "row 1 (the header), cell 8: 'email' is not a column; the columns are 'name', 'donor', 'acceptdonations'"
                        + " and, optionally, users_v1 to users_v2",
                "row 1 (the header), cell 9: 'Users_V1' is not a column; column names are in lowercase: write 'users_v1'",
                "row 1 (the header): there is no column 'name' for the donors' names",
                "row 1 (the header): there is no column 'acceptdonations' for the template's {acceptdonations}",
                // The rows are still read: this one has too few cells.
                "row 2: 1 cell, the header has 9"), details);
        e.problems().subList(0, 10).forEach(problem -> assertProblem(problem, source, 1, DonorTable.HEADER_RULE, ""));
        assertProblem(e.problems().get(10), source, 2, DonorTable.CELL_COUNT_RULE, "");
    }

    @Test
    void aHeaderSeparatedBySemicolonsIsNamedAsSuch() throws Exception {
        InvalidInputException e = refused(lines("name;donor;acceptdonations", "alice;x;y"));
        assertEquals("row 1 (the header), cell 1: 'name;donor;acceptdon...' is a single cell: cells are separated by commas",
                e.problems().get(0).detail());
    }

    @Test
    void everyProblemOfEveryRowAtOnceInRowOrder() throws Exception {
        String privateKey = Pem.encode("PRIVATE KEY", TestKeys.other().getPrivate().getEncoded());
        InvalidInputException e = refused(lines(HEADER + ",users_v1",
                "alice,keys/alice.publickey,keys/acceptdonations.publickey,",
                "-bob," + BOB.toText() + "," + ACCEPT.toText() + ",",
                "," + BOB.toText() + "," + ACCEPT.toText() + ",",
                "Alice," + CAROL.toText() + "," + ACCEPT.toText() + ",",
                "carol,keys/carol.publickey," + ACCEPT.toText() + ",keys/lab.pub.pem;65537;" + ACCEPT.toText(),
                "dave," + CAROL.toText() + "," + ACCEPT.toText(),
                "erin,\"" + privateKey + "\",,",
                "frank," + CAROL.toText() + "," + ACCEPT.toText() + "," + ACCEPT.toText(),
                "gina," + CAROL.toText() + "," + ACCEPT.toText() + ",,"));
        String source = table.toString();
        List<InputProblem> problems = e.problems();
        assertTrue(e.getMessage().startsWith("Invalid donor table " + source + ":\n"), e.getMessage());
        assertProblem(problems.get(0), source, 3, DonorName.RULE, "row 3, column 'name': found '-bob'");
        assertProblem(problems.get(1), source, 4, DonorName.RULE, "row 4, column 'name': no name given");
        assertProblem(problems.get(2), source, 5, DonorName.UNIQUE_RULE,
                "row 5, column 'name': 'Alice' repeats 'alice' of row 2");
        assertProblem(problems.get(3), source, 6, PublicKeyReader.RULE, "row 6, column 'donor': 'keys/carol.publickey' is"
                + " neither key text nor the name of an existing file (there is no file " + project.resolve("keys/carol.publickey"));
        assertProblem(problems.get(4), source, 6, PublicKeyReader.RULE,
                "row 6, column 'users_v1': extra user 2: the key text given: expected 2 numbers, found 1 field");
        assertProblem(problems.get(5), source, 7, DonorTable.CELL_COUNT_RULE, "row 7: 3 cells, the header has 4");
        assertProblem(problems.get(6), source, 8, PublicKeyReader.RULE,
                "row 8, column 'donor': the PEM text given: it holds a private key, which must stay with its owner");
        assertProblem(problems.get(7), source, 8 + privateKey.split("\n").length, PublicKeyReader.RULE,
                "row 8, column 'acceptdonations': nothing was given");
        int frank = 9 + privateKey.split("\n").length;
        assertProblem(problems.get(8), source, frank, VesselTemplate.DISTINCT_USERS_RULE,
                "row 9: vessel 1 would list the user " + ACCEPT + " twice: as {acceptdonations} and as extra user 1");
        assertProblem(problems.get(9), source, frank + 1, DonorTable.CELL_COUNT_RULE, "row 10: 5 cells, the header has 4");
        assertEquals(10, problems.size(), e::getMessage);
        for (InputProblem problem : problems) {
            assertFalse(problem.describe().contains(ACCEPT.n().toString().substring(0, 20)), problem::describe);
        }
    }

    @Test
    void quotingProblemsSpoilOnlyTheirCell() throws Exception {
        InvalidInputException e = refused(lines(HEADER,
                "al\"ice," + ALICE.toText() + "," + ACCEPT.toText(),
                "bob,\"" + BOB.toText() + "\"x," + ACCEPT.toText(),
                "carol," + CAROL.toText() + ",\"" + ACCEPT.toText() + "\"",
                "\"dave,x,y"));
        String source = table.toString();
        assertEquals(3, e.problems().size(), e::getMessage);
        assertProblem(e.problems().get(0), source, 2, DonorTable.QUOTE_RULE,
                "row 2, column 'name': a double quote at character 3 of line 2 inside a plain cell");
        int after = 6 + BOB.toText().length() + 1;
        assertProblem(e.problems().get(1), source, 3, DonorTable.QUOTE_RULE,
                "row 3, column 'donor': found 'x' at character " + after + " of line 3, after the quote that closes the cell");
        assertProblem(e.problems().get(2), source, 5, DonorTable.QUOTE_RULE, "row 5, column 'name': the double quote at"
                + " character 1 of line 5 is never closed, so the rest of the file would be one cell");
    }

    @Test
    void charactersThatHaveNoPlaceInATable() throws Exception {
        byte[] latin1 = "b\u00f6b".getBytes(StandardCharsets.ISO_8859_1);
        byte[] text = concat(lines(HEADER, "al\u0000ice,x,y", "\uFEFFcarol,x,y", "dave,x,y\rerin").getBytes(StandardCharsets.UTF_8),
                latin1, ",x,y\n".getBytes(StandardCharsets.UTF_8));
        Files.write(table, text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.check(table));
        String source = table.toString();
        assertProblem(problemAt(e.problems(), 2, DonorTable.CHARACTER_RULE), source, 2, DonorTable.CHARACTER_RULE,
                "row 2, column 'name': found U+0000 NULL at character 3 of line 2");
        assertProblem(problemAt(e.problems(), 3, DonorTable.CHARACTER_RULE), source, 3, DonorTable.CHARACTER_RULE,
                "row 3, column 'name': found U+FEFF ZERO WIDTH NO-BREAK SPACE at character 1 of line 3");
        assertProblem(problemAt(e.problems(), 4, DonorTable.CHARACTER_RULE), source, 4, DonorTable.CHARACTER_RULE,
                "row 4, column 'acceptdonations': line 4 ends with a carriage return (CR) alone");
        // The lone CR ended row 4: "erin" starts row 5 on line 5, with one cell, then "böb" is row 6.
        assertProblem(problemAt(e.problems(), 5, DonorTable.CELL_COUNT_RULE), source, 5, DonorTable.CELL_COUNT_RULE,
                "row 5: 1 cell, the header has 3");
        assertProblem(problemAt(e.problems(), 6, DonorTable.CHARACTER_RULE), source, 6, DonorTable.CHARACTER_RULE,
                "row 6, column 'name': found U+FFFD (what bytes that are not UTF-8 text are read as) at character 2 of line 6");
    }

    @Test
    void aRowTooLongStopsTheReading() throws Exception {
        InvalidInputException e = refused(HEADER + "\nalice,\"" + "1".repeat(CsvRecords.MAX_ROW_CHARACTERS) + "\",x\nbob,y,z\n");
        InputProblem problem = onlyProblem(e);
        assertProblem(problem, table.toString(), 2, DonorTable.ROW_LENGTH_RULE, "row 2, column 'donor': row 2 is longer"
                + " (is the double quote at character 7 of line 2 missing its closing quote?), so the rest of the file is not read");
    }

    @Test
    void emptyTables() throws Exception {
        assertProblem(onlyProblem(refused("")), table.toString(), 0, DonorTable.ROWS_RULE,
                "the table is empty: it needs a header row");
        assertProblem(onlyProblem(refused("\n,,\n \n")), table.toString(), 0, DonorTable.ROWS_RULE,
                "the table is empty: it needs a header row");
        assertProblem(onlyProblem(refused(HEADER + "\n\n")), table.toString(), 0, DonorTable.ROWS_RULE,
                "the table has a header but no donor rows");
    }

    @Test
    void aTableThatIsNotAFile() {
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> reader.check(project.resolve("no.csv")));
        assertProblem(onlyProblem(missing), project.resolve("no.csv").toString(), 0, DonorTable.TABLE_RULE, "it does not exist");
        InvalidInputException directory = assertThrows(InvalidInputException.class, () -> reader.check(project));
        assertProblem(onlyProblem(directory), project.toString(), 0, DonorTable.TABLE_RULE, "it is not a regular file");
    }

    @Test
    void aPassCanBeRepeatedAndGivesTheSameDonors() throws Exception {
        CheckedDonors checked = check(lines(HEADER, "alice,keys/alice.publickey," + ACCEPT.toText(),
                "bob," + BOB.toText() + "," + ACCEPT.toText()));
        assertEquals(donors(checked), donors(checked));
    }

    @Test
    void aPassRefusesATableChangedSinceTheCheck() throws Exception {
        String good = lines(HEADER, "alice,keys/alice.publickey," + ACCEPT.toText(), "bob," + BOB.toText() + "," + ACCEPT.toText());
        CheckedDonors checked = check(good);

        Files.writeString(project.resolve("keys/alice.publickey"), CAROL.toText());
        assertChanged(checked, 0, "the vessels of donor alice (" + table + " line 2) differ from those checked");
        Files.writeString(project.resolve("keys/alice.publickey"), ALICE.toText());

        Files.writeString(table, good.replace("bob,", "bert,"));
        assertChanged(checked, 1, "donor 2 is now 'bert', not 'bob'");
        Files.writeString(table, good + "carol," + CAROL.toText() + "," + ACCEPT.toText() + "\n");
        assertChanged(checked, 2, "it now has more than the 2 donors checked");
        Files.writeString(table, lines(HEADER, "alice,keys/alice.publickey," + ACCEPT.toText()));
        assertChanged(checked, 1, "it now ends after 1 of the 2 donors checked");
        Files.writeString(table, good.replace("bob,", "-bob,"));
        assertChanged(checked, 1, "row 3, column 'name': found '-bob'");
        Files.writeString(table, "");
        assertChanged(checked, 0, "the table is empty");

        Files.writeString(table, good);
        assertEquals(2, donors(checked).size());
    }

    private void assertChanged(CheckedDonors checked, int goodDonors, String detail) {
        try (Stream<DonorSplit> stream = checked.stream()) {
            Iterator<DonorSplit> donors = stream.iterator();
            for (int donor = 0; donor < goodDonors; donor++) {
                donors.next();
            }
            UncheckedIOException e = assertThrows(UncheckedIOException.class, donors::hasNext);
            assertTrue(e.getCause().getMessage().startsWith(table + " changed after it was checked: "), e.getCause()::getMessage);
            assertTrue(e.getCause().getMessage().contains(detail), e.getCause()::getMessage);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
