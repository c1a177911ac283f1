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
        assertTrue(log.text().contains("DEBUG Verified operator-1.0-windows.zip: "), log.text());
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

    /** Issue 8: without a pinned key only integrity is checked; say so, and which key signed them. */
    @Test
    @InjectMojo(goal = "verify")
    void withoutAnExpectedKeyItWarnsThatOnlyIntegrityWasCheckedAndNamesTheKey(VerifyMojo mojo) throws Exception {
        prepared(mojo).execute();
        assertTrue(log.text().contains("INFO All 3 installers verified: 3 base installers (each installer's line at"
                + " debug level, -X)\nWARN Only integrity was checked: without"
                + " <expectedKeyFingerprint> nothing says whose key signed these installers, and anyone can sign a"
                + " changed copy with their own key. They carry the operator key " + operator.fingerprint()
                + ". Check that it is yours (mvn seattle:fingerprint -Dseattle.file=keys/operator.pub.pem, or openssl"
                + " pkey -pubin -in keys/operator.pub.pem -outform DER | sha256sum) and pin it: <expectedKeyFingerprint>"
                + operator.fingerprint().hex() + "</expectedKeyFingerprint>, or -Dseattle.expectedKeyFingerprint="
                + operator.fingerprint().hex()), log.text());
    }

    /** Issue 8: one operator's installers carry one key; two keys fail unless that is what is meant. */
    @Test
    @InjectMojo(goal = "verify")
    void installersOfTwoKeysFailUnlessSeveralKeysAreAllowed(VerifyMojo mojo) throws Exception {
        GeneratedKeyFiles other = TestFixtures.operatorKey(temp.resolve("other-key"));
        Path otherBases = TestFixtures.baseInstallers(temp.resolve("other"), other);
        Files.copy(otherBases.resolve("operator-1.0-linux.tar.gz"), bases.resolve("other-1.0-linux.tar.gz"));
        MojoFailureException failed = assertThrows(MojoFailureException.class, () -> prepared(mojo).execute());
        assertEquals("1 problem in 4 installers:\n  <allowSeveralKeys>: the installers carry 2 different operator keys: "
                + operator.fingerprint() + " in 3 installers: operator-1.0-linux.tar.gz, operator-1.0-macos.tar.gz,"
                + " operator-1.0-windows.zip; " + other.fingerprint() + " in other-1.0-linux.tar.gz (rule: one"
                + " operator's installers all carry the same key: check where each came from; set <allowSeveralKeys>"
                + " to verify several operators' installers together)", failed.getMessage());

        mojo.allowSeveralKeys = true;
        mojo.execute();
        assertTrue(log.text().contains("WARN The installers carry 2 different operator keys (<allowSeveralKeys> is"
                + " set): " + operator.fingerprint() + " in 3 installers: "), log.text());
        assertTrue(log.text().contains("They carry the operator keys " + operator.fingerprint() + ", "
                + other.fingerprint() + "."), log.text());

        mojo.allowSeveralKeys = false;
        mojo.expectedKeyFingerprint = operator.fingerprint().hex();
        failed = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failed.getMessage().startsWith("1 problem in 4 installers:\n  other-1.0-linux.tar.gz:"
                + " seattle/operator.pub.pem: the operator key is " + other.fingerprint()), failed.getMessage());
    }

    /** Issue 8: six hundred installers with one problem are one line that counts them. */
    @Test
    @InjectMojo(goal = "verify")
    void aProblemOfManyInstallersNamesTenAndCountsTheRest(VerifyMojo mojo) throws Exception {
        Path many = Files.createDirectories(temp.resolve("many"));
        for (int copy = 1; copy <= 12; copy++) {
            Files.copy(bases.resolve("operator-1.0-linux.tar.gz"), many.resolve("copy" + copy + "-linux.tar.gz"));
        }
        prepared(mojo).installerDirectory = many.toFile();
        mojo.expectedKeyFingerprint = "00".repeat(32);
        String message = assertThrows(MojoFailureException.class, mojo::execute).getMessage();
        assertTrue(message.startsWith("1 problem in 12 installers:\n  <each of 12 installers: copy1-linux.tar.gz,"
                + " copy10-linux.tar.gz, copy11-linux.tar.gz, copy12-linux.tar.gz, copy2-linux.tar.gz,"
                + " copy3-linux.tar.gz, copy4-linux.tar.gz, copy5-linux.tar.gz, copy6-linux.tar.gz and 3 more>:"
                + " seattle/operator.pub.pem: the operator key is"), message);
    }

    @Test
    @InjectMojo(goal = "verify")
    void theGoalsOwnSkipPropertySkipsItAlone(VerifyMojo mojo) throws Exception {
        prepared(mojo).skipVerify = true;
        mojo.installerDirectory = temp.resolve("nowhere").toFile();
        mojo.execute();
        assertEquals("INFO Skipping verify: seattle.verify.skip is set", log.text());
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
