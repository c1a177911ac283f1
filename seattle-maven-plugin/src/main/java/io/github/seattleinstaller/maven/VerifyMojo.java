package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.io.IoFailures;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import org.apache.maven.execution.MavenSession;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The directory whose {@code *.tar.gz} and {@code *.zip} files are verified when no installers are
     * listed. Default: {@code seattle} in the project's build directory ({@code target/seattle}), or
     * {@code target/seattle} in the working directory when run without a project.
     */
    @Parameter(property = "seattle.installerDirectory")
    File installerDirectory;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

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
        // Each problem once, with the installers that have it: one wrong key is one line, not one per installer.
        Map<String, List<String>> installersByProblem = new LinkedHashMap<>();
        for (Path archive : archives) {
            String label = archive.getFileName().toString();
            List<String> problems = new ArrayList<>();
            try {
                InstallerReport report = verifier.examine(archive, expected);
                problems.addAll(report.problems());
                if (requireVesselInfo && !report.hasVesselinfo()) {
                    problems.add(label + ": carries no vesselinfo (<requireVesselInfo> is set)");
                }
                if (problems.isEmpty()) {
                    getLog().info("Verified " + label + ": " + count(report.signedFiles().size(), "signed file")
                            + ", operator key " + report.operatorKey().map(String::valueOf).orElse("?")
                            + (report.hasVesselinfo() ? ", with a signed vesselinfo" : ", base installer"));
                }
            } catch (IOException e) {
                problems.add(label + ": cannot be read: " + IoFailures.describe(e));
            }
            for (String problem : problems) {
                String rest = problem.startsWith(label) ? problem.substring(label.length()) : "\n" + problem;
                installersByProblem.computeIfAbsent(rest, key -> new ArrayList<>()).add(label);
            }
        }
        if (!installersByProblem.isEmpty()) {
            List<String> lines = new ArrayList<>();
            installersByProblem.forEach((rest, labels) -> lines.add(rest.startsWith("\n") ? rest.substring(1)
                    : (labels.size() == 1 ? labels.get(0) : "<each of " + count(labels.size(), "installer") + ": "
                    + String.join(", ", labels) + ">") + rest));
            throw new MojoFailureException(count(lines.size(), "problem") + " in " + count(archives.size(), "installer")
                    + ":\n  " + String.join("\n  ", lines));
        }
        String against = expected.map(key -> " against " + key).orElse("");
        getLog().info(archives.size() == 1 ? "The installer was verified" + against
                : "All " + archives.size() + " installers verified" + against);
    }

    /** "1 installer", "3 installers". */
    private static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    private List<Path> archives() throws MojoExecutionException, MojoFailureException {
        if (installers != null && !installers.isEmpty()) {
            return installers.stream().map(File::toPath).toList();
        }
        Path directory = installerDirectory != null ? installerDirectory.toPath() : defaultDirectory(session,
                project -> Path.of(project.getBuild().getDirectory(), "seattle"), "target/seattle");
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
            throw new MojoExecutionException("Cannot list <installerDirectory> " + directory + ": "
                    + IoFailures.describe(e), e);
        }
    }
}
