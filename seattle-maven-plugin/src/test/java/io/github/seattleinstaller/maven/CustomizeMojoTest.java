package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import javax.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.seattleinstaller.maven.Refusals.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.times;
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
        TestFixtures.customizing(mojo, temp, operator, bases, log).donors = donors;
        lenient().when(project.getArtifact()).thenReturn(TestFixtures.projectArtifact());
        lenient().when(project.getBasedir()).thenReturn(temp.toFile());
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
                        "bob-windows zip.sig", "installers json", "installers csv"),
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
        assertEquals("<baseInstallersDirectory>: no base installers: run the base-installers goal earlier in this"
                + " build, or set <baseInstallersDirectory> or <baseInstallersArtifact>", refusal(mojo));

        mojo.baseInstallersDirectory = bases.toFile();
        mojo.baseInstallersArtifact = "org.example:operator:1.0";
        assertEquals("<baseInstallersArtifact>: give either <baseInstallersArtifact> or <baseInstallersDirectory>,"
                + " not both", refusal(mojo));

        Path nowhere = temp.resolve("nowhere");
        mojo.baseInstallersDirectory = nowhere.toFile();
        mojo.baseInstallersArtifact = null;
        assertHas(refusal(mojo), "<baseInstallersDirectory> " + nowhere + ": no such directory (rule: the base"
                + " installers' directory exists)");

        Files.copy(bases.resolve("operator-1.0-linux.tar.gz"), bases.resolve("other-linux.tar.gz"));
        mojo.baseInstallersDirectory = bases.toFile();
        assertHas(refusal(mojo), "<baseInstallersDirectory> " + bases + ": 2 for linux: [operator-1.0-linux.tar.gz,"
                + " other-linux.tar.gz]");
    }

    /** Issue 8: {@code <attach>} decides what install and deploy publish; the manifest is written either way. */
    @Test
    @InjectMojo(goal = "customize")
    void theAttachPolicyDecidesWhatIsAttachedAndEverythingIsWritten(CustomizeMojo mojo) throws Exception {
        prepared(mojo, List.of(donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())))));
        mojo.platforms = List.of("linux");
        mojo.manifestClassifier = "donors";
        for (String policy : List.of("bases", "MANIFEST")) {
            mojo.attach = policy;
            mojo.execute();
        }
        ArgumentCaptor<Artifact> attached = ArgumentCaptor.forClass(Artifact.class);
        verify(project, atLeastOnce()).addAttachedArtifact(attached.capture());
        assertEquals(List.of("donors json", "donors csv", "donors json", "donors csv"), attached.getAllValues().stream()
                .map(artifact -> artifact.getClassifier() + " " + artifact.getType()).toList());
        assertEquals(temp.resolve("out/operator-1.0-installers.csv").toFile(), attached.getValue().getFile());
        assertTrue(log.text().contains("INFO Attached (<attach> manifest): the manifest only; the installers stay in "
                + temp.resolve("out")), log.text());

        mojo.attach = "none";
        mojo.execute();
        verify(project, times(4)).addAttachedArtifact(any());
        assertTrue(Files.isRegularFile(temp.resolve("out/operator-1.0-alice-linux.tar.gz")));
        assertTrue(Files.readString(temp.resolve("out/operator-1.0-installers.json")).contains(
                "\"file\": \"operator-1.0-alice-linux.tar.gz\""));

        mojo.attach = "false";
        assertEquals("<attach>: 'false' is not a policy: give one of all, bases, manifest, none (attach used to be true"
                + " or false: false is now none)", Refusals.refusal(mojo, temp.resolve("nothing")));
        mojo.attach = "all";
        mojo.manifestName = "../manifest";
        assertEquals("Cannot customize the installers:\n  <manifestName>: '../manifest' (rule: the manifest name is"
                + " letters, digits and . _ + - (starting with a letter or digit))",
                Refusals.refusal(mojo, temp.resolve("manifest.json")));
        mojo.manifestName = "installers";
        mojo.manifestClassifier = "../x";
        assertEquals("<manifestClassifier>: '../x' is not a plain name: letters, digits and . _ + - (starting with a"
                + " letter or digit)", Refusals.refusal(mojo, temp.resolve("installers.json")));
    }

    /** Issue 8: {@code mvn seattle:customize} runs without the POM's execution configuration: say how to use it. */
    @Test
    @InjectMojo(goal = "customize")
    void fromTheCommandLineWithoutDonorsTheMessageNamesThePomsExecutions(CustomizeMojo mojo) {
        prepared(mojo, null);
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("io.github.seattleinstaller");
        plugin.setArtifactId("seattle-maven-plugin");
        MojoDescriptor descriptor = new MojoDescriptor();
        descriptor.setPluginDescriptor(plugin);
        mojo.mojoExecution = new MojoExecution(descriptor, "default-cli");
        Plugin inPom = new Plugin();
        inPom.setGroupId("io.github.seattleinstaller");
        inPom.setArtifactId("seattle-maven-plugin");
        inPom.addExecution(execution("base-installers", "base-installers"));
        inPom.addExecution(execution("donor-installers", "customize"));
        inPom.addExecution(execution("more-donors", "customize"));
        lenient().when(project.getBuildPlugins()).thenReturn(List.of(inPom));

        assertEquals("<donors>: no donors: give <donors> (each <donor> with a <name> and <vessels> or a"
                + " <vesselInfoFile>), a <donorsDirectory> of <donor>.vesselinfo files, or a <donorTable> with a row per"
                + " donor. On the command line, mvn seattle:customize runs the goal with the command line's"
                + " configuration only (-Dseattle.donorsDirectory=DIR or -Dseattle.donorTable=FILE); to run an"
                + " execution of the POM with its configuration, name its id: mvn seattle:customize@donor-installers"
                + " (this POM's executions of customize: donor-installers, more-donors)", refusal(mojo));

        lenient().when(project.getBuildPlugins()).thenReturn(List.of());
        assertTrue(refusal(mojo).endsWith("mvn seattle:customize@donor-installers (this POM has no execution of"
                + " customize)"));
        mojo.mojoExecution = new MojoExecution(descriptor, "donor-installers");
        assertTrue(refusal(mojo).endsWith("with a row per donor"), "no hint inside a POM execution");
    }

    private static PluginExecution execution(String id, String goal) {
        PluginExecution execution = new PluginExecution();
        execution.setId(id);
        execution.addGoal(goal);
        return execution;
    }

    @Test
    @InjectMojo(goal = "customize")
    void theGoalsOwnSkipPropertySkipsItAlone(CustomizeMojo mojo) throws Exception {
        prepared(mojo, null).skipCustomize = true;
        mojo.execute();
        assertEquals("INFO Skipping customize: seattle.customize.skip is set", log.text());
    }

    /** The message of a refused run, which must not have written anything. */
    private String refusal(CustomizeMojo mojo) {
        return Refusals.refusal(mojo, temp.resolve("out"));
    }


    @Test
    @InjectMojo(goal = "customize")
    void noDonorsOrADonorWithBothOrNeitherSplitNamesTheParameter(CustomizeMojo mojo) throws Exception {
        prepared(mojo, List.of());
        assertEquals("<donors>: no donors: give <donors> (each <donor> with a <name> and <vessels> or a"
                + " <vesselInfoFile>), a <donorsDirectory> of <donor>.vesselinfo files, or a <donorTable> with a row per"
                + " donor", refusal(mojo));

        Donor both = donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())));
        both.vesselInfoFile = temp.resolve("alice.vesselinfo").toFile();
        Donor neither = new Donor();
        neither.name = "bob";
        mojo.donors = List.of(both, neither);
        assertHas(refusal(mojo), "<donors> donor alice: both are given (rule: a donor has either <vessels> or a"
                + " <vesselInfoFile>)", "<donors> donor bob: neither is given");
    }

    @Test
    @InjectMojo(goal = "customize")
    void aMissingOrInvalidVesselInfoFileNamesTheParameterTheFileAndTheLine(CustomizeMojo mojo) throws Exception {
        Path missing = temp.resolve("bob.vesselinfo");
        Donor bob = new Donor();
        bob.name = "bob";
        bob.vesselInfoFile = missing.toFile();
        prepared(mojo, List.of(bob));
        String message = refusal(mojo);
        assertHas(message, "<donors> donor bob <vesselInfoFile>: " + missing + ": no such file; give the path of the"
                + " donor's vesselinfo file, or <vessels> (rule: a <vesselInfoFile> is a readable vesselinfo file; a"
                + " relative path is resolved against the project's directory)");
        assertFalse(message.contains(missing + ": " + missing), "the path once stood twice: " + message);

        Files.writeString(missing, "Percent 100\nOwner 12 34 56\n");
        assertHas(refusal(mojo), "<donors> donor bob <vesselInfoFile> " + missing + " line 2: ");
    }

    @Test
    @InjectMojo(goal = "customize")
    void unknownOrUnbuiltPlatformsNameTheParameter(CustomizeMojo mojo) throws Exception {
        prepared(mojo, List.of(donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())))));
        mojo.platforms = List.of("amiga");
        assertEquals("<platforms>: unknown platform 'amiga': the platforms are linux, macos, windows", refusal(mojo));

        // This build's bases: base-installers attached only the linux one.
        mojo.baseInstallersDirectory = null;
        mojo.platforms = List.of("linux", "macos");
        lenient().when(project.getContextValue(anyString())).thenReturn(Map.of(Platform.LINUX,
                bases.resolve("operator-1.0-linux.tar.gz")));
        assertEquals("<platforms>: this build made no macos base installer", refusal(mojo));

        mojo.platforms = List.of("linux");
        mojo.execute();
        assertTrue(Files.isRegularFile(temp.resolve("out/operator-1.0-alice-linux.tar.gz")));
    }

    @Test
    @InjectMojo(goal = "customize")
    void releasedCoordinatesThatAreMalformedOrDoNotResolveSayWhatToCheck(CustomizeMojo mojo) throws Exception {
        prepared(mojo, List.of(donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())))));
        mojo.baseInstallersDirectory = null;
        mojo.baseInstallersArtifact = "org.example:operator";
        assertEquals("<baseInstallersArtifact>: 'org.example:operator' is not groupId:artifactId:version (for example"
                + " org.example:operator-installers:1.0.0)", refusal(mojo));

        mojo.baseInstallersArtifact = "org.example:operator:9.9";
        mojo.remoteRepositories = List.of(new RemoteRepository.Builder("central", "default",
                "https://repo.maven.apache.org/maven2").build());
        mojo.repositorySession = mock(RepositorySystemSession.class);
        when(mojo.repositorySession.getLocalRepository()).thenReturn(new LocalRepository(temp.resolve("repo").toFile()));
        mojo.repositorySystem = mock(RepositorySystem.class);
        when(mojo.repositorySystem.resolveArtifact(any(), any())).thenAnswer(call -> {
            ArtifactRequest request = call.getArgument(1);
            ArtifactResult result = new ArtifactResult(request);
            result.addException(new ArtifactNotFoundException(request.getArtifact(), request.getRepositories().get(0)));
            throw new ArtifactResolutionException(List.of(result));
        });
        String message = refusal(mojo);
        assertHas(message, "<baseInstallersArtifact>: cannot resolve the base installers of org.example:operator:9.9:\n"
                        + "  linux: org.example:operator:tar.gz:linux:9.9 is in neither the local repository "
                        + temp.resolve("repo") + " nor central (https://repo.maven.apache.org/maven2)\n"
                        + "  macos: org.example:operator:tar.gz:macos:9.9 is in neither",
                "  windows: org.example:operator:zip:windows:9.9 is in neither",
                "Check the coordinates, and that this release was deployed with its installers attached"
                        + " (seattle:base-installers attaches them with classifier linux, macos or windows).");
        assertFalse(message.contains("{") || message.contains("="), "no Java map: " + message);
    }

    @Test
    @InjectMojo(goal = "customize")
    void theOutputParametersAndABaseOfAnotherKeyAreNamed(CustomizeMojo mojo) throws Exception {
        prepared(mojo, List.of(donor("alice", vessel(100, Files.readString(donorKey.seattlePublicKey())))));
        Path file = Files.writeString(temp.resolve("a file"), "x");
        mojo.outputDirectory = file.toFile();
        mojo.outputTimestamp = "2100-01-01T00:00:00Z";
        assertHas(refusal(mojo), "<outputTimestamp>: 2100-01-01T00:00:00Z is outside what zip can store",
                "<outputDirectory> " + file + ": it is a file");

        mojo.outputDirectory = temp.resolve("out").toFile();
        mojo.outputTimestamp = null;
        mojo.operatorKeyFile = donorKey.privateKeyPem().toFile();
        assertHas(refusal(mojo), "<baseInstallersDirectory> " + bases.resolve("operator-1.0-linux.tar.gz")
                + ": the base carries " + operator.fingerprint() + ", the signing key is " + donorKey.fingerprint());
    }

}
