package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.GeneratedKeyFiles;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MojoTest
class VerifyMojoTest {
    @TempDir
    Path temp;

    private final CapturingLog log = new CapturingLog();
    private GeneratedKeyFiles operator;
    private Path bases;

    @BeforeEach
    void buildBases() {
        operator = TestFixtures.operatorKey(temp.resolve("operator"));
        bases = TestFixtures.baseInstallers(temp, operator);
    }

    private VerifyMojo prepared(VerifyMojo mojo) {
        mojo.installerDirectory = bases.toFile();
        mojo.setLog(log);
        return mojo;
    }

    @Test
    @InjectMojo(goal = "verify")
    void verifiesEveryInstallerOfTheDirectoryAgainstTheExpectedKey(VerifyMojo mojo) throws Exception {
        prepared(mojo).expectedKeyFingerprint = operator.fingerprint().toString();
        mojo.execute();
        assertTrue(log.text().contains("Verified operator-1.0-windows.zip: "), log.text());
        assertTrue(log.text().contains("All 3 installers verified against " + operator.fingerprint()), log.text());
    }

    @Test
    @InjectMojo(goal = "verify")
    void aChangedInstallerFailsTheBuildNamingTheArchive(VerifyMojo mojo) throws Exception {
        Path zip = bases.resolve("operator-1.0-windows.zip");
        byte[] bytes = Files.readAllBytes(zip);
        bytes[100] ^= 0x01;
        Files.write(zip, bytes);
        MojoFailureException failed = assertThrows(MojoFailureException.class, () -> prepared(mojo).execute());
        assertTrue(failed.getMessage().contains("operator-1.0-windows.zip"), failed.getMessage());
        assertTrue(failed.getMessage().contains("in 3 installers"), failed.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify")
    void requiringAVesselinfoFailsOnBaseInstallers(VerifyMojo mojo) {
        prepared(mojo).requireVesselInfo = true;
        mojo.installers = List.of(bases.resolve("operator-1.0-linux.tar.gz").toFile());
        MojoFailureException failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failed.getMessage().contains("operator-1.0-linux.tar.gz: carries no vesselinfo (<requireVesselInfo>"
                + " is set)"), failed.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify")
    void anotherKeyOrABadFingerprintIsAProblem(VerifyMojo mojo) {
        prepared(mojo).expectedKeyFingerprint = "00".repeat(32);
        MojoFailureException failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failed.getMessage().contains("not the expected sha256:" + "00".repeat(32)), failed.getMessage());

        mojo.expectedKeyFingerprint = "xyz";
        failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failed.getMessage().startsWith("<expectedKeyFingerprint>: "), failed.getMessage());
    }

    @Test
    @InjectMojo(goal = "verify")
    void anEmptyDirectoryIsNothingToVerify(VerifyMojo mojo) throws Exception {
        prepared(mojo).installerDirectory = Files.createDirectories(temp.resolve("empty")).toFile();
        MojoFailureException failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failed.getMessage().startsWith("<installerDirectory>: no *.tar.gz or *.zip installers"),
                failed.getMessage());
    }

    /** Issue 7 finding 12: "All 1 installers", and "16 signed files" counting the list itself and vesselinfo. */
    @Test
    @InjectMojo(goal = "verify")
    void oneInstallerIsCountedInTheSingularWithOnlyItsSignedFiles(VerifyMojo mojo) throws Exception {
        prepared(mojo).installers = List.of(bases.resolve("operator-1.0-linux.tar.gz").toFile());
        mojo.execute();
        assertTrue(log.text().contains("The installer was verified"), log.text());
        assertFalse(log.text().contains("All 1 installers"), log.text());
        int signed = new io.github.seattleinstaller.builder.verify.InstallerVerifier()
                .examine(bases.resolve("operator-1.0-linux.tar.gz"), java.util.Optional.empty()).signedFiles().size();
        assertTrue(log.text().contains("Verified operator-1.0-linux.tar.gz: " + signed + " signed files, operator key "),
                log.text());
        assertEquals(8, signed, "every file but metainfo and metainfo.sig");
    }

    /** Issue 7 finding 12: one identical fingerprint-mismatch line per installer. */
    @Test
    @InjectMojo(goal = "verify")
    void anIdenticalProblemOfSeveralInstallersIsOneLineNamingThem(VerifyMojo mojo) {
        prepared(mojo).expectedKeyFingerprint = "00".repeat(32);
        MojoFailureException failed = assertThrows(MojoFailureException.class, mojo::execute);
        String message = failed.getMessage();
        assertTrue(message.startsWith("1 problem in 3 installers:\n  <each of 3 installers: operator-1.0-linux.tar.gz,"
                + " operator-1.0-macos.tar.gz, operator-1.0-windows.zip>: seattle/operator.pub.pem: the operator key is"),
                message);
        assertEquals(2, message.lines().count(), message);
    }

    /** Issue 7 finding 11: the project-less default showed ${project.basedir}. */
    @Test
    @InjectMojo(goal = "verify")
    void withoutAProjectTheDefaultDirectoryIsTargetSeattleInTheWorkingDirectory(VerifyMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.session = Sessions.of(null);
        mojo.installerDirectory = null;
        MojoFailureException failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<installerDirectory>: " + Path.of("target/seattle").toAbsolutePath()
                + " does not exist: nothing to verify", failed.getMessage());

        mojo.session = Sessions.of(temp);
        Files.createDirectories(temp.resolve("target/seattle"));
        for (String name : List.of("operator-1.0-linux.tar.gz", "operator-1.0-linux.tar.gz.sig",
                "operator-1.0-linux.tar.gz.sha256")) {
            Files.copy(bases.resolve(name), temp.resolve("target/seattle").resolve(name));
        }
        mojo.execute();
        assertTrue(log.text().contains("Verified operator-1.0-linux.tar.gz"), log.text());
    }

    @Test
    @InjectMojo(goal = "verify")
    void aMissingInstallerOrDirectorySaysWhatIsMissing(VerifyMojo mojo) {
        Path missing = temp.resolve("operator-1.0-solaris.zip");
        prepared(mojo).installers = List.of(missing.toFile());
        MojoFailureException failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("1 problem in 1 installer:\n  operator-1.0-solaris.zip: cannot be read: " + missing
                + ": no such file", failed.getMessage());

        Path nowhere = temp.resolve("nowhere");
        mojo.installers = null;
        mojo.installerDirectory = nowhere.toFile();
        failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<installerDirectory>: " + nowhere + " does not exist: nothing to verify", failed.getMessage());
    }
}
