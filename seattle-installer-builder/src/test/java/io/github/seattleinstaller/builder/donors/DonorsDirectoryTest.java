package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.github.seattleinstaller.builder.donors.DonorFixtures.assertProblem;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.key;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.lines;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.names;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DonorsDirectoryTest {
    private static final String TENTHS_RULE = "each percentage is one of 10, 20, ..., 100";
    private static final String SUM_RULE = "the percentages sum to exactly 100";

    @TempDir
    Path donors;

    private static String vesselinfo(SeattlePublicKey owner) {
        return lines("Percent 80", "Owner " + owner.toText(), "User " + key(99).toText(), "Percent 20",
                "Owner " + key(98).toText());
    }

    private Path donor(String fileName, String content) throws Exception {
        Path file = donors.resolve(fileName);
        Files.writeString(file, content);
        return file;
    }

    private static List<DonorSplit> read(CheckedDonors checked) {
        try (Stream<DonorSplit> stream = checked.stream()) {
            return stream.toList();
        }
    }

    @Test
    void readsOneDonorPerFileInNameOrderIgnoringCase() throws Exception {
        donor("carol-2.vesselinfo", vesselinfo(key(3)));
        donor("Bob.vesselinfo", vesselinfo(key(2)));
        Path alice = donor("alice.vesselinfo", vesselinfo(key(1)));
        donor(".gitkeep", "");
        donor(".alice.vesselinfo.swp", "not a vesselinfo");
        Files.createDirectories(donors.resolve(".git"));

        CheckedDonors checked = DonorsDirectory.check(donors);
        assertEquals(donors.toString(), checked.source());
        assertEquals(names("alice", "Bob", "carol-2"), checked.names());
        List<DonorSplit> read = read(checked);
        assertEquals(names("alice", "Bob", "carol-2"), read.stream().map(DonorSplit::name).toList());
        assertEquals(VesselInfo.parse("x", vesselinfo(key(1))), read.get(0).vesselInfo());
        assertEquals(VesselInfo.parse("x", vesselinfo(key(3))), read.get(2).vesselInfo());
        assertEquals(alice.toString(), read.get(0).origin());
    }

    @Test
    void aDonorNameIsAPrefixOfAnother() throws Exception {
        donor("alice-b.vesselinfo", vesselinfo(key(2)));
        donor("alice.vesselinfo", vesselinfo(key(1)));
        assertEquals(names("alice", "alice-b"), DonorsDirectory.check(donors).names());
    }

    @Test
    void everyProblemOfEveryFileAtOnceInDonorOrder() throws Exception {
        donor("alice.vesselinfo", vesselinfo(key(1)));
        donor("ALICE.vesselinfo", vesselinfo(key(2)));
        donor("-x.vesselinfo", vesselinfo(key(3)));
        donor("dave.VesselInfo", vesselinfo(key(4)));
        Path eve = donor("eve.vesselinfo", lines("Percent 75", "Owner " + key(5).toText(), "Percent 20",
                "Owner " + key(6).toText()));
        donor("notes.txt", "who is who");
        donor("frank.vesselinfo~", vesselinfo(key(7)));
        Files.createDirectories(donors.resolve("old"));
        Files.createSymbolicLink(donors.resolve("zoe.vesselinfo"), donors.resolve("gone.vesselinfo"));
        Path big = donor("yann.vesselinfo", "Percent 100\n" + "x".repeat((int) DonorsDirectory.MAX_FILE_BYTES));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DonorsDirectory.check(donors));
        List<InputProblem> problems = e.problems();
        assertTrue(e.getMessage().startsWith("Invalid donors in " + donors + ":\n"), e.getMessage());
        // Sorted ignoring case, then with case: ALICE comes before alice, which repeats it.
        List<InputProblem> expected = List.of(
                problem("-x.vesselinfo", DonorName.RULE, "the file name gives the donor name '-x'"),
                problem("alice.vesselinfo", DonorName.UNIQUE_RULE, "'alice' repeats 'ALICE' of ALICE.vesselinfo"),
                problem("dave.VesselInfo", DonorsDirectory.ENTRY_RULE, "the extension is written in lowercase: dave.vesselinfo"),
                new InputProblem(eve.toString(), 1, TENTHS_RULE, "found 75"),
                new InputProblem(eve.toString(), 0, SUM_RULE, "found 95"),
                problem("frank.vesselinfo~", DonorsDirectory.ENTRY_RULE, "not a <donor>.vesselinfo file"),
                problem("notes.txt", DonorsDirectory.ENTRY_RULE, "not a <donor>.vesselinfo file"),
                problem("old", DonorsDirectory.ENTRY_RULE, "a subdirectory: donors are not read from subdirectories"),
                problem(big.getFileName().toString(), DonorsDirectory.FILE_RULE, "it is " + Files.size(big) + " bytes long"),
                problem("zoe.vesselinfo", DonorsDirectory.ENTRY_RULE, "a link to nothing"));
        assertEquals(expected.size(), problems.size(), e::getMessage);
        for (int index = 0; index < expected.size(); index++) {
            InputProblem want = expected.get(index);
            assertProblem(problems.get(index), want.source(), want.line(), want.rule(), want.detail());
        }
    }

    private InputProblem problem(String fileName, String rule, String detail) {
        return InputProblem.whole(donors.resolve(fileName).toString(), rule, detail);
    }

    @Test
    void aDirectoryWithoutDonors() throws Exception {
        donor(".gitkeep", "");
        assertRefusedAsADirectory(donors, "it holds no <donor>.vesselinfo file");
        assertRefusedAsADirectory(donors.resolve("missing"), "it does not exist");
        assertRefusedAsADirectory(donor("alice.vesselinfo", vesselinfo(key(1))), "it is not a directory");
    }

    private static void assertRefusedAsADirectory(Path directory, String detail) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DonorsDirectory.check(directory));
        assertProblem(onlyProblem(e), directory.toString(), 0, DonorsDirectory.DIRECTORY_RULE, detail);
    }

    @Test
    void aPassRefusesFilesChangedSinceTheCheck() throws Exception {
        donor("alice.vesselinfo", vesselinfo(key(1)));
        Path bob = donor("bob.vesselinfo", vesselinfo(key(2)));
        CheckedDonors checked = DonorsDirectory.check(donors);

        donor("bob.vesselinfo", vesselinfo(key(3)));
        assertChanged(checked, "the vessels of donor bob (" + bob + ") differ from those checked");
        donor("bob.vesselinfo", "Percent 100\n");
        assertChanged(checked, bob + " line 1: the vessel starting on this line has no Owner");
        Files.delete(bob);
        UncheckedIOException gone = assertThrows(UncheckedIOException.class, () -> read(checked));
        assertTrue(gone.getCause().getMessage().contains(bob.toString()), gone::getMessage);

        donor("bob.vesselinfo", vesselinfo(key(2)));
        assertEquals(2, read(checked).size());
    }

    private void assertChanged(CheckedDonors checked, String detail) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> read(checked));
        assertTrue(e.getCause().getMessage().startsWith(donors + " changed after it was checked: "), e.getCause()::getMessage);
        assertTrue(e.getCause().getMessage().contains(detail), e.getCause()::getMessage);
    }
}
