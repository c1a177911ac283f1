package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import io.github.seattleinstaller.builder.keys.OperatorKeyGenerator;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.seattleinstaller.maven.Refusals.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@MojoTest
class BaseInstallersMojoTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    private final CapturingLog log = new CapturingLog();

    private BaseInstallersMojo prepared(BaseInstallersMojo mojo, Map<String, String> environment) {
        mojo.pluginArtifacts = TestFixtures.pluginArtifacts(temp.resolve("plugin"));
        mojo.outputDirectory = temp.resolve("out").toFile();
        mojo.baseName = "operator-1.0";
        mojo.environment = environment::get;
        mojo.setLog(log);
        lenient().when(project.getArtifact()).thenReturn(TestFixtures.projectArtifact());
        return mojo;
    }

    private BaseInstallersMojo withKeyFile(BaseInstallersMojo mojo) {
        GeneratedKeyFiles key = TestFixtures.operatorKey(temp.resolve("keys"));
        mojo.operatorKeyFile = key.privateKeyPem().toFile();
        return prepared(mojo, Map.of());
    }

    @Test
    @InjectMojo(goal = "base-installers")
    @MojoParameter(name = "outputTimestamp", value = "2026-11-01T00:00:00Z")
    void buildsAndAttachesOneInstallerPerPlatformWithOnlyTheRuntimesDependencies(BaseInstallersMojo mojo)
            throws Exception {
        withKeyFile(mojo).execute();

        Path out = temp.resolve("out");
        for (String name : List.of("operator-1.0-linux.tar.gz", "operator-1.0-macos.tar.gz", "operator-1.0-windows.zip")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
            assertTrue(Files.isRegularFile(out.resolve(name + ".sha256")), name);
            assertTrue(Files.isRegularFile(out.resolve(name + ".sig")), name);
        }
        ArgumentCaptor<Artifact> attached = ArgumentCaptor.forClass(Artifact.class);
        verify(project, atLeastOnce()).addAttachedArtifact(attached.capture());
        assertEquals(List.of("linux tar.gz", "linux tar.gz.sig", "macos tar.gz", "macos tar.gz.sig", "windows zip",
                "windows zip.sig"), attached.getAllValues().stream()
                .map(artifact -> artifact.getClassifier() + " " + artifact.getType()).toList());
        assertTrue(log.text().contains("Operator key: RSA-2048 key sha256:"), log.text());

        String listing = new String(new ProcessBuilder("tar", "-tzf", out.resolve("operator-1.0-linux.tar.gz").toString())
                .start().getInputStream().readAllBytes());
        assertTrue(listing.contains("seattle/lib/oshi-core-6.12.0.jar"), listing);
        assertFalse(listing.contains("bcprov"), "only the runtime's Class-Path is shipped:\n" + listing);
    }

    @Test
    @InjectMojo(goal = "base-installers")
    @MojoParameter(name = "outputTimestamp", value = "2026-11-01T00:00:00Z")
    void aSecondRunWithNothingChangedSaysItIsUpToDate(BaseInstallersMojo mojo) throws Exception {
        withKeyFile(mojo).execute();
        mojo.execute();
        assertTrue(log.text().contains("Base installers are up to date (inputs unchanged): no archiving done"),
                log.text());
    }

    @Test
    @InjectMojo(goal = "base-installers")
    @MojoParameter(name = "passphrase", value = "hunter2")
    void aPassphraseInThePomIsRefused(BaseInstallersMojo mojo) {
        MojoFailureException refused = assertThrows(MojoFailureException.class, () -> withKeyFile(mojo).execute());
        assertTrue(refused.getMessage().startsWith("<passphrase>: a passphrase in the POM or on the command line is"
                + " refused"), refused.getMessage());
        assertTrue(refused.getMessage().contains("SEATTLE_OPERATOR_KEY_PASSPHRASE"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"));
        assertFalse(Files.exists(temp.resolve("out")));
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void withoutAKeyTheMessageNamesTheParameterAndTheVariable(BaseInstallersMojo mojo) {
        MojoFailureException refused = assertThrows(MojoFailureException.class,
                () -> prepared(mojo, Map.of()).execute());
        assertTrue(refused.getMessage().startsWith("<operatorKeyFile>: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("SEATTLE_OPERATOR_KEY"), refused.getMessage());
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void aKeyFromTheEnvironmentIsUsedAndAnEncryptedOneNeedsItsPassphrase(BaseInstallersMojo mojo) throws Exception {
        GeneratedKeyFiles key = TestFixtures.operatorKey(temp.resolve("keys"));
        String pem = Files.readString(key.privateKeyPem());
        prepared(mojo, Map.of("SEATTLE_OPERATOR_KEY", pem)).execute();
        assertTrue(log.text().contains("from environment variable SEATTLE_OPERATOR_KEY"), log.text());
        assertFalse(log.text().contains(pem.substring(40, 80)), "the key never appears in the log");
    }

    @Test
    @InjectMojo(goal = "base-installers")
    @MojoParameter(name = "platforms", value = "linux,solaris")
    void anUnknownPlatformNamesTheParameter(BaseInstallersMojo mojo) {
        MojoFailureException refused = assertThrows(MojoFailureException.class, () -> withKeyFile(mojo).execute());
        assertTrue(refused.getMessage().startsWith("<platforms>: unknown platform 'solaris'"), refused.getMessage());
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void aBadOffcutFileNamesTheParameterTheFileAndTheLine(BaseInstallersMojo mojo) throws Exception {
        Path offcut = Files.writeString(temp.resolve("my.offcut"), "resource cpu .002\nresource memory lots\n");
        withKeyFile(mojo).offcutFile = offcut.toFile();
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("<offcutFile> " + offcut + " line 2: value 'lots' of memory is not a"
                + " number"), refused.getMessage());
        assertFalse(Files.exists(temp.resolve("out/operator-1.0-linux.tar.gz")));
    }

    /** The message of a refused run, which must not have written anything. */
    private String refusal(BaseInstallersMojo mojo) {
        return Refusals.refusal(mojo, temp.resolve("out/operator-1.0-linux.tar.gz"));
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void inTheDefaultConfigurationABadBaseNameNamesTheParameter(BaseInstallersMojo mojo) {
        // With neither <offcutFile> nor <restrictionsFile> this once failed with "duplicate key: null".
        withKeyFile(mojo).baseName = "-bad";
        assertHas(refusal(mojo), "Cannot build the base installers:\n  <baseName>: '-bad' (rule: the base file name"
                + " is letters, digits and . _ + - (starting with a letter or digit))");
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void aBadTopLevelDirectoryNamesTheParameter(BaseInstallersMojo mojo) {
        withKeyFile(mojo).topLevelDirectory = "seattle/x";
        assertHas(refusal(mojo), "<topLevelDirectory>: 'seattle/x': the top-level directory is a single name, not a"
                + " path (rule: the top-level directory is one plain name)");

        mojo.topLevelDirectory = "s".repeat(80);
        assertHas(refusal(mojo), "<topLevelDirectory>: '" + "s".repeat(80) + "/vessel.restrictions' has 100 (rule: an"
                + " archive entry name has at most 99 characters (plain tar header))");
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void anOutputTimestampThatIsUnreadableOrOutsideWhatZipStoresNamesTheParameter(BaseInstallersMojo mojo) {
        withKeyFile(mojo).outputTimestamp = "yesterday";
        assertTrue(refusal(mojo).startsWith("<outputTimestamp>: 'yesterday' is neither an ISO-8601 date-time"));

        mojo.outputTimestamp = "1970-01-01T00:00:00Z";
        assertHas(refusal(mojo), "<outputTimestamp>: 1970-01-01T00:00:00Z is outside what zip can store (rule: an"
                + " output timestamp lies in 1980-01-01T00:00:00Z .. 2099-12-31T23:59:59Z)");
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void anOutputDirectoryThatIsAFileOrHoldsADirectoryWhereAnOutputGoesNamesTheParameter(BaseInstallersMojo mojo)
            throws Exception {
        Path file = Files.writeString(temp.resolve("a file"), "x");
        withKeyFile(mojo).outputDirectory = file.toFile();
        assertHas(refusal(mojo), "<outputDirectory> " + file + ": it is a file (rule: the output directory is a"
                + " directory)");

        mojo.outputDirectory = file.resolve("seattle").toFile();
        assertHas(refusal(mojo), "<outputDirectory> " + file.resolve("seattle") + ": it lies inside " + file
                + ", which is a file");

        Path taken = Files.createDirectories(temp.resolve("out/operator-1.0-windows.zip.sha256"));
        mojo.outputDirectory = temp.resolve("out").toFile();
        assertHas(refusal(mojo), "<outputDirectory> " + taken + ": it is a directory (rule: an output can replace"
                + " what is at its path)");
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void aMissingOrUnreadableOverrideNamesTheParameter(BaseInstallersMojo mojo) throws Exception {
        Path missing = temp.resolve("none.offcut");
        withKeyFile(mojo).offcutFile = missing.toFile();
        assertHas(refusal(mojo), "<offcutFile> " + missing + ": no such file (rule: the offcut override is a readable"
                + " file)");

        mojo.offcutFile = null;
        mojo.restrictionsFile = missing.toFile();
        assertHas(refusal(mojo), "<restrictionsFile> " + missing + ": no such file (rule: the restrictions override is"
                + " a readable file)");

        Path binary = Files.write(temp.resolve("binary.restrictions"), new byte[] {(byte) 0xff, (byte) 0xfe});
        mojo.restrictionsFile = binary.toFile();
        assertHas(refusal(mojo), "<restrictionsFile> " + binary + ": it holds bytes that are not UTF-8 (rule:"
                + " vessel.restrictions is UTF-8 text)");
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void aPlatformGivenTwiceOrNoneNamesTheParameter(BaseInstallersMojo mojo) {
        withKeyFile(mojo).platforms = List.of("linux", "Linux");
        assertEquals("<platforms>: linux is given twice", refusal(mojo));
        mojo.platforms = List.of();
        assertEquals("<platforms>: give at least one of linux, macos, windows", refusal(mojo));
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void everyKeyParameterThatCanBeWrongIsNamed(BaseInstallersMojo mojo) throws Exception {
        GeneratedKeyFiles key = TestFixtures.operatorKey(temp.resolve("keys"));
        GeneratedKeyFiles other = TestFixtures.operatorKey(temp.resolve("other"));
        String pem = Files.readString(key.privateKeyPem());

        Path missing = temp.resolve("keys/none.pem");
        prepared(mojo, Map.of()).operatorKeyFile = missing.toFile();
        assertEquals("<operatorKeyFile>: The operator key file " + missing + " does not exist.", refusal(mojo));

        prepared(mojo, Map.of("SEATTLE_OPERATOR_KEY", pem)).operatorKeyFile = key.privateKeyPem().toFile();
        assertTrue(refusal(mojo).startsWith("<operatorKeyFile>: Both the operator key file "));

        prepared(mojo, Map.of("SEATTLE_OPERATOR_KEY", "")).operatorKeyFile = null;
        assertTrue(refusal(mojo).startsWith("<operatorKeyEnvironmentVariable>: The environment variable"
                + " SEATTLE_OPERATOR_KEY is set but empty"));

        mojo.operatorKeyEnvironmentVariable = " ";
        assertEquals("<operatorKeyEnvironmentVariable>: is empty: name an environment variable (the default is"
                + " SEATTLE_OPERATOR_KEY), or remove the parameter", refusal(mojo));
        mojo.operatorKeyEnvironmentVariable = "SEATTLE_OPERATOR_KEY";
        mojo.passphraseEnvironmentVariable = "";
        assertTrue(refusal(mojo).startsWith("<passphraseEnvironmentVariable>: is empty"));
        mojo.passphraseEnvironmentVariable = "SEATTLE_OPERATOR_KEY_PASSPHRASE";

        Path encrypted = new OperatorKeyGenerator().generate(temp.resolve("encrypted"), "operator", 2048,
                "correct horse".toCharArray()).privateKeyPem();
        prepared(mojo, Map.of()).operatorKeyFile = encrypted.toFile();
        assertHas(refusal(mojo), "<passphraseEnvironmentVariable>: The operator key in the file " + encrypted
                + " is encrypted, but the environment variable SEATTLE_OPERATOR_KEY_PASSPHRASE is not set");

        mojo.operatorKeyFile = key.privateKeyPem().toFile();
        mojo.operatorPublicKeyFile = other.publicKeyPem().toFile();
        assertHas(refusal(mojo), "<operatorPublicKeyFile>: The public key in file " + other.publicKeyPem(),
                "does not belong to the operator key");
    }

    @Test
    @InjectMojo(goal = "base-installers")
    void aPluginWithoutTheRuntimeSaysItIsDamaged(BaseInstallersMojo mojo) {
        withKeyFile(mojo).pluginArtifacts = List.of(mojo.pluginArtifacts.get(0));
        MojoExecutionException damaged = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("The plugin's dependencies lack io.github.seattleinstaller:seattle-installer-runtime: the plugin"
                + " is damaged, reinstall it", damaged.getMessage());
    }

    @Test
    @InjectMojo(goal = "base-installers")
    @MojoParameter(name = "skip", value = "true")
    void skipOrTheGoalsOwnSkipBuildsNothing(BaseInstallersMojo mojo) throws Exception {
        prepared(mojo, Map.of()).execute();
        mojo.skip = false;
        mojo.skipBaseInstallers = true;
        mojo.execute();
        assertFalse(Files.exists(temp.resolve("out")));
        assertEquals("INFO Skipping base-installers: seattle.skip is set\n"
                + "INFO Skipping base-installers: seattle.base-installers.skip is set", log.text());
    }

    /** Issue 8: the README names the operator; a change of their details rebuilds; the bases attach per policy. */
    @Test
    @InjectMojo(goal = "base-installers")
    @MojoParameter(name = "outputTimestamp", value = "2026-11-01T00:00:00Z")
    void theOperatorIsNamedInTheReadmeAndTheirDetailsArePartOfTheUpToDateCheck(BaseInstallersMojo mojo)
            throws Exception {
        withKeyFile(mojo).operator = operator("Example Lab", "ops@example.org", "https://example.org/fp");
        mojo.attach = "manifest";
        mojo.execute();
        Path zip = temp.resolve("out/operator-1.0-windows.zip");
        String readme = new String(new ProcessBuilder("unzip", "-p", zip.toString(), "seattle/README.txt").start()
                .getInputStream().readAllBytes());
        assertTrue(readme.contains("Operator:  Example Lab\r\nContact:   ops@example.org\r\n"), readme);
        assertTrue(readme.contains("https://example.org/fp"), readme);
        verify(project, never()).addAttachedArtifact(any());

        mojo.execute();
        assertTrue(log.text().contains("Base installers are up to date"), log.text());
        mojo.operator = operator("Example Lab", "seattle@example.org", "https://example.org/fp");
        mojo.execute();
        assertTrue(log.text().lines().filter(line -> line.contains("Built 3 base installers")).count() == 2,
                "the new contact rebuilt them:\n" + log.text());

        mojo.operator = operator("Example\nLab", null, "example.org/fp");
        assertHas(Refusals.refusal(mojo, temp.resolve("nothing")),
                "<operator> <name>: it spans several lines (rule: the operator's name and contact are one line",
                "<operator> <fingerprintUrl>: 'example.org/fp' is not an http:// or https:// URL");
    }

    private static Operator operator(String name, String contact, String fingerprintUrl) {
        Operator operator = new Operator();
        operator.name = name;
        operator.contact = contact;
        operator.fingerprintUrl = fingerprintUrl;
        return operator;
    }
}
