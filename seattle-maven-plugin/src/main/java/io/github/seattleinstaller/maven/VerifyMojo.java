package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Verifies installers and fails the build on any problem: structure (one top-level directory, plain
 * paths), every file against the signed file list, the list's signature, optionally the operator key's
 * fingerprint, the {@code .sha256} and {@code .sig} beside each archive, and a customized installer's
 * {@code vesselinfo} against the installer's rules. For CI gates and for operators checking what they got.
 * Runs without a project too: {@code mvn io.github.seattleinstaller:seattle-maven-plugin:verify
 * -Dseattle.installers=x.tar.gz}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractSeattleMojo {

    /** The installers to verify; when not set, every installer in {@code installerDirectory}. */
    @Parameter(property = "seattle.installers")
    List<File> installers;

    /** The directory whose {@code *.tar.gz} and {@code *.zip} files are verified when no installers are listed. */
    @Parameter(property = "seattle.installerDirectory", defaultValue = "${project.build.directory}/seattle")
    File installerDirectory;

    /** The SHA-256 fingerprint (64 hex digits) the installers' operator key must have. */
    @Parameter(property = "seattle.expectedKeyFingerprint")
    String expectedKeyFingerprint;

    /** Require every installer to carry a vesselinfo (that is, to be customized for a donor). */
    @Parameter(property = "seattle.requireVesselInfo", defaultValue = "false")
    boolean requireVesselInfo;

    @Override
    String goal() {
        return "verify";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Optional<KeyFingerprint> expected = ExpectedKeyFingerprint.parse(expectedKeyFingerprint);
        List<Path> archives = archives();
        InstallerVerifier verifier = new InstallerVerifier();
        List<String> problems = new ArrayList<>();
        for (Path archive : archives) {
            InstallerReport report;
            try {
                report = verifier.examine(archive, expected);
            } catch (IOException e) {
                problems.add(archive + ": cannot be read: " + e.getMessage());
                continue;
            }
            problems.addAll(report.problems());
            if (requireVesselInfo && !report.hasVesselinfo()) {
                problems.add(archive.getFileName() + ": carries no vesselinfo (<requireVesselInfo> is set)");
            }
            if (report.isValid()) {
                getLog().info("Verified " + archive.getFileName() + ": " + report.files().size()
                        + " signed files, operator key " + report.operatorKey().map(String::valueOf).orElse("?")
                        + (report.hasVesselinfo() ? ", with vesselinfo" : ", base installer"));
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException(problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + " in " + archives.size() + " installers:\n  " + String.join("\n  ", problems));
        }
        getLog().info("All " + archives.size() + " installers verified" + expected.map(key -> " against " + key).orElse(""));
    }

    private List<Path> archives() throws MojoExecutionException, MojoFailureException {
        if (installers != null && !installers.isEmpty()) {
            return installers.stream().map(File::toPath).toList();
        }
        Path directory = installerDirectory.toPath();
        if (!Files.isDirectory(directory)) {
            throw parameterProblem("installerDirectory", directory + " does not exist: nothing to verify");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".tar.gz") || file.toString().endsWith(".zip"))
                    .sorted().toList();
            if (found.isEmpty()) {
                throw parameterProblem("installerDirectory", "no *.tar.gz or *.zip installers in " + directory);
            }
            return found;
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot list <installerDirectory> " + directory + ": " + e.getMessage(), e);
        }
    }
}
