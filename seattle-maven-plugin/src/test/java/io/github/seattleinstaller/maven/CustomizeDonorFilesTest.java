package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.github.seattleinstaller.maven.Refusals.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.lenient;

/** Issue 8 item 1: customize's donors from a directory of vesselinfo files, or a table applied to a template. */
@MojoTest
class CustomizeDonorFilesTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    private final CapturingLog log = new CapturingLog();
    private GeneratedKeyFiles operator;
    private String donorKey;
    private String labKey;
    private Path bases;

    @BeforeEach
    void buildBases() throws Exception {
        operator = TestFixtures.operatorKey(temp.resolve("operator"));
        donorKey = Files.readString(TestFixtures.operatorKey(temp.resolve("donor")).seattlePublicKey());
        labKey = Files.readString(TestFixtures.operatorKey(temp.resolve("lab")).seattlePublicKey());
        bases = TestFixtures.baseInstallers(temp, operator);
        lenient().when(project.getArtifact()).thenReturn(TestFixtures.projectArtifact());
        lenient().when(project.getBasedir()).thenReturn(temp.toFile());
    }

    /** The mojo with the test's bases (linux only), key and output directory, and no donors yet. */
    private CustomizeMojo prepared(CustomizeMojo mojo) {
        TestFixtures.customizing(mojo, temp, operator, bases, log).platforms = List.of("linux");
        return mojo;
    }

    private String refusal(CustomizeMojo mojo) {
        return Refusals.refusal(mojo, temp.resolve("out"));
    }

    private String vesselinfo(String donor) throws Exception {
        return new String(new InstallerVerifier().verify(temp.resolve("out/operator-1.0-" + donor + "-linux.tar.gz"),
                Optional.empty()).vesselinfo().orElseThrow(), StandardCharsets.UTF_8);
    }

    private Path directory(String... donors) throws Exception {
        Path directory = Files.createDirectories(temp.resolve("donors"));
        for (String donor : donors) {
            Files.writeString(directory.resolve(donor + ".vesselinfo"), "Percent 100\nOwner " + donorKey + "\n");
        }
        return directory;
    }

    @Test
    @InjectMojo(goal = "customize")
    void aDirectoryOfTwentyDonorsIsCustomizedWithProgressLinesASummaryAndNoPathsAtInfo(CustomizeMojo mojo)
            throws Exception {
        String[] donors = Stream.iterate(1, n -> n + 1).limit(20).map(n -> String.format("donor%02d", n))
                .toArray(String[]::new);
        prepared(mojo).donorsDirectory = directory(donors).toFile();
        Files.writeString(temp.resolve("donors/.gitkeep"), "");
        mojo.execute();

        assertEquals("Percent 100\nOwner " + donorKey + "\n", vesselinfo("donor07"));
        List<String> info = log.text().lines().filter(line -> line.startsWith("INFO ")).toList();
        assertTrue(info.stream().anyMatch(line -> line.startsWith("INFO Customized 2/20 donors (2 installers, ")),
                log.text());
        assertTrue(info.stream().anyMatch(line -> line.startsWith("INFO Customized 18/20 donors")), log.text());
        assertTrue(info.stream().anyMatch(line -> line.startsWith("INFO Customized 20 donors: 20 installers, ")
                && line.contains("signed with operator key " + operator.fingerprint())
                && line.contains("manifest operator-1.0-installers.json and operator-1.0-installers.csv")), log.text());
        assertTrue(info.stream().noneMatch(line -> line.contains("donor07-linux.tar.gz")), "paths only at debug:\n"
                + log.text());
        assertTrue(log.text().contains("DEBUG   donor07-linux: " + temp.resolve("out/operator-1.0-donor07-linux.tar.gz")
                + ", attached"), log.text());
        List<String> csv = Files.readAllLines(temp.resolve("out/operator-1.0-installers.csv"));
        assertEquals(21, csv.size(), "a header and a row per installer");
        assertTrue(csv.get(1).startsWith("donor01,linux,operator-1.0-donor01-linux.tar.gz,"), csv.get(1));
    }

    @Test
    @InjectMojo(goal = "customize")
    void everyProblemOfADonorsDirectoryNamesTheParameterTheFileAndTheRule(CustomizeMojo mojo) throws Exception {
        Path directory = directory("alice");
        Files.writeString(directory.resolve("bob.vesselinfo"), "Percent 75\nOwner " + donorKey + "\n");
        Files.writeString(directory.resolve("notes.txt"), "");
        prepared(mojo).donorsDirectory = directory.toFile();
        String message = refusal(mojo);
        assertHas(message, "Invalid <donorsDirectory> " + directory + " (one <donor>.vesselinfo file per donor):",
                "  <donorsDirectory> " + directory.resolve("bob.vesselinfo") + " line 1: found 75 (rule: each"
                        + " percentage is one of 10, 20, ..., 100)",
                "  <donorsDirectory> " + directory.resolve("notes.txt") + ": not a <donor>.vesselinfo file (rule: a"
                        + " donors directory holds only <donor>.vesselinfo files");

        mojo.donorsDirectory = temp.resolve("nowhere").toFile();
        assertHas(refusal(mojo), "<donorsDirectory> " + temp.resolve("nowhere") + ": it does not exist (rule: the"
                + " donors directory exists and holds at least one <donor>.vesselinfo file)");
    }

    @Test
    @InjectMojo(goal = "customize")
    void aTableFillsTheTemplateWithEachRowsKeysTheTemplateKeysTheOperatorKeyAndTheOverlay(CustomizeMojo mojo)
            throws Exception {
        Files.writeString(temp.resolve("lab.vesseltemplate"),
                "Percent 60\nOwner {donor}\nUser {lab}\nPercent 40\nOwner {operator}\n");
        Files.createDirectories(temp.resolve("table/keys"));
        Files.writeString(temp.resolve("table/keys/alice.publickey"), donorKey);
        Files.writeString(temp.resolve("lab.publickey"), labKey);
        Path table = Files.writeString(temp.resolve("table/donors.csv"), "name,donor,users_v2\r\n"
                + "alice,keys/alice.publickey," + labKey + "\r\n"
                + "bob," + donorKey + ",\r\n");
        prepared(mojo).donorTable = table.toFile();
        mojo.vesselTemplate = temp.resolve("lab.vesseltemplate").toFile();
        mojo.templateKeys = Map.of("lab", "lab.publickey");
        mojo.execute();

        String operatorKey = Files.readString(operator.seattlePublicKey());
        assertEquals("Percent 60\nOwner " + donorKey + "\nUser " + labKey + "\nPercent 40\nOwner " + operatorKey
                + "\nUser " + labKey + "\n", vesselinfo("alice"));
        assertEquals("Percent 60\nOwner " + donorKey + "\nUser " + labKey + "\nPercent 40\nOwner " + operatorKey
                + "\n", vesselinfo("bob"));
    }

    @Test
    @InjectMojo(goal = "customize")
    void theDefaultTemplateIsTheClearinghousesWithAcceptdonationsFromTheTemplateKeys(CustomizeMojo mojo)
            throws Exception {
        Files.writeString(temp.resolve("accept.publickey"), labKey);
        Path table = Files.writeString(temp.resolve("donors.csv"), "name,donor\ncarol," + donorKey + "\n");
        prepared(mojo).donorTable = table.toFile();
        mojo.templateKeys = Map.of("acceptdonations", temp.resolve("accept.publickey").toString());
        mojo.execute();
        assertEquals("Percent 80\nOwner " + donorKey + "\nUser " + labKey + "\nPercent 20\nOwner "
                + Files.readString(operator.seattlePublicKey()) + "\n", vesselinfo("carol"));
    }

    @Test
    @InjectMojo(goal = "customize")
    void badRowsAreEachReportedWithTheTableRowColumnAndRuleAndNothingIsWritten(CustomizeMojo mojo) throws Exception {
        Path table = Files.writeString(temp.resolve("donors.csv"), "name,donor,acceptdonations\n"
                + "alice," + donorKey + "," + labKey + "\n"
                + "-bob," + donorKey + "," + labKey + "\n"
                + "Alice," + donorKey + "," + labKey + "\n"
                + "carol,keys/carol.publickey," + labKey + "\n"
                + "dave,1 2\n");
        prepared(mojo).donorTable = table.toFile();
        String message = refusal(mojo);
        assertHas(message, "Invalid <donorTable> " + table + " (its columns: name, donor, acceptdonations; optionally"
                        + " users_v1 to users_v2, extra users of each vessel; a key that is the same for every donor"
                        + " goes in <templateKeys> instead of a column; nothing was written):",
                "  <donorTable> " + table + " line 3: row 3, column 'name': found '-bob' (rule: a donor name is",
                "  <donorTable> " + table + " line 4: row 4, column 'name': 'Alice' repeats 'alice' of row 2 (rule:"
                        + " donor names are unique, ignoring case)",
                "  <donorTable> " + table + " line 5: row 5, column 'donor': 'keys/carol.publickey' is neither key"
                        + " text nor the name of an existing file (there is no file "
                        + temp.resolve("keys/carol.publickey") + ")",
                "  <donorTable> " + table + " line 6: row 6: 2 cells, the header has 3 (rule: every row has as many"
                        + " cells as the header)");
        assertFalse(Files.exists(temp.resolve("out")));
    }

    @Test
    @InjectMojo(goal = "customize")
    void problemsOfTheTemplateAndTheTemplateKeysAreNamedAllAtOnce(CustomizeMojo mojo) throws Exception {
        Path template = Files.writeString(temp.resolve("bad.vesseltemplate"), "Percent 70\nOwner {Donor}\n");
        Path table = Files.writeString(temp.resolve("donors.csv"), "name,donor\nalice," + donorKey + "\n");
        prepared(mojo).donorTable = table.toFile();
        mojo.vesselTemplate = template.toFile();
        mojo.templateKeys = Map.of("operator", labKey, "lab", "12 34 x");
        String message = refusal(mojo);
        assertHas(message, "Invalid <vesselTemplate> or <templateKeys>:",
                "  <vesselTemplate> " + template + " line 2: '{Donor}' does not have a placeholder name",
                "  <vesselTemplate> " + template + ": found 70: 70 (line 1) (rule: the percentages sum to exactly 100)",
                "  <templateKeys> <lab>: ", "  <templateKeys> <operator>: {operator} is always the public half of the"
                        + " key the build signs with");

        mojo.vesselTemplate = null;
        mojo.templateKeys = Map.of("lab", labKey);
        assertHas(refusal(mojo), "  <templateKeys> keys given for ", ": a key for {lab}, which the template does not"
                + " have (rule: ");

        mojo.vesselTemplate = temp.resolve("missing.vesseltemplate").toFile();
        assertHas(refusal(mojo), "  <vesselTemplate> " + temp.resolve("missing.vesseltemplate") + ": no such file (rule:"
                + " a <vesselTemplate> is a readable file; without one the clearinghouse's template is used)");
    }

    @Test
    @InjectMojo(goal = "customize")
    void exactlyOneSourceOfDonorsIsGivenAndTheTemplateGoesWithATable(CustomizeMojo mojo) throws Exception {
        File table = Files.writeString(temp.resolve("donors.csv"), "name,donor\n").toFile();
        prepared(mojo).donorsDirectory = directory("alice").toFile();
        mojo.donorTable = table;
        assertEquals("<donorTable>: give the donors one way only: <donorsDirectory> and <donorTable> are both set;"
                + " keep one of <donors>, <donorsDirectory>, <donorTable>", refusal(mojo));

        mojo.donorTable = null;
        mojo.vesselTemplate = temp.resolve("lab.vesseltemplate").toFile();
        assertEquals("<vesselTemplate>: applies to the rows of a <donorTable> only, and there is none: set"
                + " <donorTable>, or remove <vesselTemplate> and <templateKeys>", refusal(mojo));
    }
}
