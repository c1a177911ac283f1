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
}
