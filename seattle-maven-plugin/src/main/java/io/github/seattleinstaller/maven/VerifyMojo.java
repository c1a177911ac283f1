package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.archive.ArchiveFormat;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Verifies installers and fails the build on any problem: structure (one top-level directory, plain
 * paths), every file against the signed file list, the list's signature, optionally the operator key's
 * fingerprint, the {@code .sha256} and {@code .sig} beside each archive, and a customized installer's
 * {@code vesselinfo} against the installer's rules. For CI gates and for operators checking what they got.
 * Without {@code <expectedKeyFingerprint>} it warns that only integrity was checked, naming the keys it saw;
 * installers that carry several operator keys fail unless {@code <allowSeveralKeys>} is set.
 * Runs without a project too: {@code mvn io.github.seattleinstaller:seattle-maven-plugin:verify
 * -Dseattle.installers=x.tar.gz}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractSeattleMojo {
    /** The most installers a line names; more are counted. */
    private static final int MAX_NAMED = 10;

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

    /**
     * Accept installers signed with different operator keys, as when several operators' installers are checked
     * together; the keys are listed in a warning. By default, installers that carry more than one operator key
     * fail the goal, since one operator's installers all carry the same key.
     */
    @Parameter(property = "seattle.allowSeveralKeys", defaultValue = "false")
    boolean allowSeveralKeys;

    /** Skips this goal only; {@code seattle.skip} skips every goal. */
    @Parameter(property = "seattle.verify.skip", defaultValue = "false")
    boolean skipVerify;

    @Override
    String goal() {
        return "verify";
    }

    @Override
    boolean skipsThisGoal() {
        return skipVerify;
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Optional<KeyFingerprint> expected = ExpectedKeyFingerprint.parse(expectedKeyFingerprint);
        List<Path> archives = archives();
        InstallerVerifier verifier = new InstallerVerifier();
        // Each problem once, with the installers that have it: one wrong key is one line, not one per installer.
        Map<String, List<String>> installersByProblem = new LinkedHashMap<>();
        Map<KeyFingerprint, List<String>> installersByKey = new LinkedHashMap<>();
        int customized = 0;
        for (Path archive : archives) {
            String label = archive.getFileName().toString();
            List<String> problems = new ArrayList<>();
            try {
                InstallerReport report = verifier.examine(archive, expected);
                report.operatorKey().ifPresent(key -> installersByKey.computeIfAbsent(key, seen -> new ArrayList<>())
                        .add(label));
                problems.addAll(report.problems());
                if (requireVesselInfo && !report.hasVesselinfo()) {
                    problems.add(label + ": carries no vesselinfo (<requireVesselInfo> is set)");
                }
                if (report.hasVesselinfo()) {
                    customized++;
                }
                if (problems.isEmpty()) {
                    getLog().debug("Verified " + label + ": " + count(report.signedFiles().size(), "signed file")
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
        List<String> lines = new ArrayList<>();
        installersByProblem.forEach((rest, labels) -> lines.add(rest.startsWith("\n") ? rest.substring(1)
                : (labels.size() == 1 ? labels.get(0) : "<each of " + named(labels) + ">") + rest));
        if (expected.isEmpty() && installersByKey.size() > 1 && !allowSeveralKeys) {
            // With a pinned key every other key is a problem of its installers already.
            lines.add(label("allowSeveralKeys") + ": the installers carry " + installersByKey.size()
                    + " different operator keys: " + describe(installersByKey) + " (rule: one operator's installers"
                    + " all carry the same key: check where each came from; set <allowSeveralKeys> to verify several"
                    + " operators' installers together)");
        }
        if (!lines.isEmpty()) {
            throw new MojoFailureException(count(lines.size(), "problem") + " in " + count(archives.size(), "installer")
                    + ":\n  " + String.join("\n  ", lines));
        }
        String against = expected.map(key -> " against " + key).orElse("");
        int bases = archives.size() - customized;
        getLog().info((archives.size() == 1 ? "The installer was verified" + against
                : "All " + archives.size() + " installers verified" + against) + ": "
                + (bases == 0 ? "" : count(bases, "base installer") + (customized == 0 ? "" : ", "))
                + (customized == 0 ? "" : customized + (customized == 1 ? " donor installer" : " donors' installers")
                        + " with a signed vesselinfo")
                + " (each installer's line at debug level, -X)");
        if (installersByKey.size() > 1) {
            getLog().warn("The installers carry " + installersByKey.size() + " different operator keys"
                    + " (<allowSeveralKeys> is set): " + describe(installersByKey));
        }
        if (expected.isEmpty() && !installersByKey.isEmpty()) {
            warnOnlyIntegrity(installersByKey.keySet());
        }
    }

    /**
     * Without a pinned key a verification shows only that each installer is as its signer made it: anyone can
     * sign a changed copy with their own key, and it verifies as well.
     */
    private void warnOnlyIntegrity(Collection<KeyFingerprint> keys) {
        String example = keys.iterator().next().hex();
        getLog().warn("Only integrity was checked: without <expectedKeyFingerprint> nothing says whose key signed"
                + " these installers, and anyone can sign a changed copy with their own key. "
                + (keys.size() == 1 ? "They carry the operator key " + keys.iterator().next()
                        : "They carry the operator keys " + keys.stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")))
                + ". Check that it is yours (mvn seattle:fingerprint -Dseattle.file=keys/operator.pub.pem, or openssl"
                + " pkey -pubin -in keys/operator.pub.pem -outform DER | sha256sum) and pin it: <expectedKeyFingerprint>"
                + example + "</expectedKeyFingerprint>, or -Dseattle.expectedKeyFingerprint=" + example);
    }

    /** "sha256:aa.. in 2 installers (a, b); sha256:bb.. in c". */
    private static String describe(Map<KeyFingerprint, List<String>> installersByKey) {
        return installersByKey.entrySet().stream()
                .map(key -> key.getKey() + " in " + (key.getValue().size() == 1 ? key.getValue().get(0)
                        : named(key.getValue())))
                .collect(Collectors.joining("; "));
    }

    /** "3 installers: a, b, c", or for many "600 installers: a, b, c, d, e and 595 more". */
    private static String named(List<String> labels) {
        List<String> shown = labels.size() <= MAX_NAMED ? labels : labels.subList(0, MAX_NAMED - 1);
        return count(labels.size(), "installer") + ": " + String.join(", ", shown)
                + (shown.size() < labels.size() ? " and " + (labels.size() - shown.size()) + " more" : "");
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
                    .filter(file -> ArchiveFormat.ofFileName(file.toString()).isPresent())
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
