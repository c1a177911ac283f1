package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import javax.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.verify;

@MojoTest
class CustomizeMojoTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    private final CapturingLog log = new CapturingLog();
    private GeneratedKeyFiles operator;
    private GeneratedKeyFiles donorKey;
    private Path bases;

    @BeforeEach
    void buildBases() {
        operator = TestFixtures.operatorKey(temp.resolve("operator"));
        donorKey = TestFixtures.operatorKey(temp.resolve("donor"));
        bases = TestFixtures.baseInstallers(temp, operator);
    }

    private CustomizeMojo prepared(CustomizeMojo mojo, List<Donor> donors) {
        mojo.donors = donors;
        mojo.baseInstallersDirectory = bases.toFile();
        mojo.outputDirectory = temp.resolve("out").toFile();
        mojo.operatorKeyFile = operator.privateKeyPem().toFile();
        mojo.environment = Map.<String, String>of()::get;
        mojo.setLog(log);
        lenient().when(project.getArtifact()).thenReturn(TestFixtures.projectArtifact());
        return mojo;
    }

    private static Vessel vessel(Integer percent, String owner, String... users) {
        Vessel vessel = new Vessel();
        vessel.percent = percent;
        vessel.owner = owner;
        vessel.users = List.of(users);
        return vessel;
    }

    private static Donor donor(String name, Vessel... vessels) {
        Donor donor = new Donor();
        donor.name = name;
        donor.vessels = List.of(vessels);
        return donor;
    }

    @Test
    @InjectMojo(goal = "customize")
    void writesAndAttachesEachDonorsInstallersWithTheSplitFromThePom(CustomizeMojo mojo) throws Exception {
        String seattleText = Files.readString(donorKey.seattlePublicKey());
        Donor alice = donor("alice", vessel(80, seattleText, donorKey.publicKeyPem().toString()),
                vessel(20, operator.publicKeyPem().toString()));
        Donor bob = new Donor();
        bob.name = "bob";
        bob.vesselInfoFile = Files.writeString(temp.resolve("bob.vesselinfo"),
                "Percent 100\r\nOwner " + seattleText + "\r\n").toFile();

        prepared(mojo, List.of(alice, bob)).execute();

        ArgumentCaptor<Artifact> attached = ArgumentCaptor.forClass(Artifact.class);
        verify(project, atLeastOnce()).addAttachedArtifact(attached.capture());
        assertEquals(List.of("alice-linux tar.gz", "alice-linux tar.gz.sig", "alice-macos tar.gz",
                        "alice-macos tar.gz.sig", "alice-windows zip", "alice-windows zip.sig", "bob-linux tar.gz",
                        "bob-linux tar.gz.sig", "bob-macos tar.gz", "bob-macos tar.gz.sig", "bob-windows zip",
                        "bob-windows zip.sig"),
                attached.getAllValues().stream().map(artifact -> artifact.getClassifier() + " " + artifact.getType())
                        .toList());

        InstallerReport aliceLinux = new InstallerVerifier().verify(
                temp.resolve("out/operator-1.0-alice-linux.tar.gz"), Optional.empty());
        String expected = "Percent 80\nOwner " + seattleText + "\nUser " + seattleText + "\nPercent 20\nOwner "
                + Files.readString(operator.seattlePublicKey()) + "\n";
        assertEquals(expected, new String(aliceLinux.vesselinfo().orElseThrow(), StandardCharsets.UTF_8));
        InstallerReport bobWindows = new InstallerVerifier().verify(
                temp.resolve("out/operator-1.0-bob-windows.zip"), Optional.empty());
        assertEquals("Percent 100\nOwner " + seattleText + "\n",
                new String(bobWindows.vesselinfo().orElseThrow(), StandardCharsets.UTF_8), "written canonically");
    }

    @Test
    @InjectMojo(goal = "customize")
    void everyProblemOfEveryDonorIsReportedNamingTheParameterAndNothingIsWritten(CustomizeMojo mojo) throws Exception {
        String seattleText = Files.readString(donorKey.seattlePublicKey());
        List<Donor> donors = new ArrayList<>(List.of(
                donor("alice", vessel(75, seattleText), vessel(25, seattleText)),
                donor("bob", vessel(null, seattleText), vessel(50, "12 34 56")),
                donor("Alice", vessel(100, seattleText)),
                donor("-x", vessel(100, seattleText)),
                donor("carol", vessel(100, temp.resolve("missing.pub.pem").toString()))));
        prepared(mojo, donors);
        mojo.operatorKeyFile = null;

        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        String message = refused.getMessage();
        for (String expected : List.of(
                "<donors> donor alice <vessels>: vessel 1 has 75 (rule: each percentage is one of 10, 20, ..., 100)",
                "<donors> donor bob vessel 1 <percent>: missing",
                "<donors> donor bob vessel 2 <owner>",
                "<donors> donor Alice <name>: given twice (rule: donor names are unique, ignoring case)",
                "<donors> donor 4 <name>: found '-x'",
                "<donors> donor carol vessel 1 <owner>")) {
            assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
        }
        assertFalse(message.contains("Exception"), message);
        assertFalse(Files.exists(temp.resolve("out")));
    }

    @Test
    @InjectMojo(goal = "customize")
    void aTamperedBaseIsRefusedNamingTheFile(CustomizeMojo mojo) throws Exception {
        Path base = bases.resolve("operator-1.0-linux.tar.gz");
        byte[] bytes = Files.readAllBytes(base);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(base, bytes);
        prepared(mojo, List.of(donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())))));

        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("operator-1.0-linux.tar.gz"), refused.getMessage());
        assertFalse(Files.exists(temp.resolve("out")));
    }

    @Test
    @InjectMojo(goal = "customize")
    void basesSignedByAnotherKeyThanExpectedAreRefused(CustomizeMojo mojo) throws Exception {
        prepared(mojo, List.of(donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())))));
        mojo.expectedKeyFingerprint = donorKey.fingerprint().hex();
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("not the expected " + donorKey.fingerprint()), refused.getMessage());

        mojo.expectedKeyFingerprint = "not a fingerprint";
        refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().startsWith("<expectedKeyFingerprint>: "), refused.getMessage());
    }

    @Test
    @InjectMojo(goal = "customize")
    void withoutBasesTheMessageSaysWhereTheyCanComeFrom(CustomizeMojo mojo) throws Exception {
        prepared(mojo, List.of(donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())))));
        mojo.baseInstallersDirectory = null;
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("run the base-installers goal earlier in this build, or set"
                + " <baseInstallersDirectory> or <baseInstallersArtifact>"), refused.getMessage());

        mojo.baseInstallersDirectory = bases.toFile();
        mojo.baseInstallersArtifact = "org.example:operator:1.0";
        refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().startsWith("<baseInstallersArtifact>: give either"), refused.getMessage());

        mojo.baseInstallersDirectory = new File(temp.toFile(), "nowhere");
        mojo.baseInstallersArtifact = null;
        refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().startsWith("<baseInstallersDirectory>: "), refused.getMessage());
    }
}
