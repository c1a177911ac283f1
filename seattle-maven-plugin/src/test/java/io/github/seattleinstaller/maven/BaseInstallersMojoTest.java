package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.lenient;
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

    @Test
    @InjectMojo(goal = "base-installers")
    @MojoParameter(name = "skip", value = "true")
    void skipBuildsNothing(BaseInstallersMojo mojo) throws Exception {
        prepared(mojo, Map.of()).execute();
        assertFalse(Files.exists(temp.resolve("out")));
        assertTrue(log.text().contains("Skipping base-installers: seattle.skip is set"), log.text());
    }
}
