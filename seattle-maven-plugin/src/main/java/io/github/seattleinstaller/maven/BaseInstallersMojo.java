package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.base.BaseInstallerBuilder;
import io.github.seattleinstaller.builder.base.BaseInstallerRequest;
import io.github.seattleinstaller.builder.base.BaseInstallerResult;
import io.github.seattleinstaller.builder.keys.KeyLoadingException;
import io.github.seattleinstaller.builder.layout.OperatorContact;
import io.github.seattleinstaller.builder.layout.RuntimeJars;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds one signed base installer per platform from the installer runtime: tar.gz for linux and macos,
 * zip for windows. Each holds one top-level directory with the launchers, the runtime and its
 * dependencies, {@code resources.offcut}, {@code vessel.restrictions}, a donor README, the operator's public
 * key and the signed file list; each gets a {@code .sha256} and a detached {@code .sig}. The README names the
 * {@code <operator>} and the published fingerprint, and has CR LF line endings in the zip. Reproducible when
 * {@code project.build.outputTimestamp} is set; a second run with nothing changed does no archiving.
 */
@Mojo(name = "base-installers", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BaseInstallersMojo extends AbstractSigningMojo {
    static final String RUNTIME_GROUP_ID = "io.github.seattleinstaller";
    static final String RUNTIME_ARTIFACT_ID = "seattle-installer-runtime";

    /** The platforms to build installers for: any of linux, macos, windows. */
    @Parameter(property = "seattle.platforms", defaultValue = "linux,macos,windows")
    List<String> platforms;

    /** A {@code resources.offcut} to ship instead of Seattle's (the resources one vessel costs). */
    @Parameter(property = "seattle.offcutFile")
    File offcutFile;

    /** A {@code vessel.restrictions} to ship instead of the default (the calls a vessel may make). */
    @Parameter(property = "seattle.restrictionsFile")
    File restrictionsFile;

    /** The installers' file names are {@code <baseName>-<platform>.<extension>}. */
    @Parameter(property = "seattle.baseName", defaultValue = "${project.build.finalName}")
    String baseName;

    /** The installers' single top-level directory, which donors see after extracting. */
    @Parameter(property = "seattle.topLevelDirectory", defaultValue = "seattle")
    String topLevelDirectory;

    /**
     * Who builds the installers, for the README every installer carries: {@code <name>}, {@code <contact>}
     * (an e-mail address or a web page) and {@code <fingerprintUrl>}, the http(s) address where the operator
     * key's fingerprint is published for donors to compare. Each is optional, and the README tells donors
     * what to do without them. Changing them rebuilds the installers.
     */
    @Parameter
    Operator operator;

    /** Skips this goal only; {@code seattle.skip} skips every goal. */
    @Parameter(property = "seattle.base-installers.skip", defaultValue = "false")
    boolean skipBaseInstallers;

    /** This plugin's own artifacts, among them the installer runtime and its dependencies. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    @Override
    String goal() {
        return "base-installers";
    }

    @Override
    boolean skipsThisGoal() {
        return skipBaseInstallers;
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException, InvalidInputException, KeyLoadingException,
            IOException {
        List<Platform> wanted = Platforms.parse(platforms);
        AttachPolicy policy = attachPolicy();
        OperatorContact contact = operator == null ? OperatorContact.NONE : OperatorContact.of(operator.name,
                operator.contact, operator.fingerprintUrl, part -> label("operator") + " " + label(part));
        BaseInstallerRequest.Builder request = BaseInstallerRequest.builder()
                .operatorKey(loadOperatorKey())
                .operator(contact)
                .platforms(wanted)
                .output(outputPlan())
                .baseFileName(baseName, label("baseName"))
                .topLevelDirectory(topLevelDirectory, label("topLevelDirectory"))
                .offcutFile(offcutFile == null ? null : offcutFile.toPath(), label("offcutFile"))
                .restrictionsFile(restrictionsFile == null ? null : restrictionsFile.toPath(), label("restrictionsFile"));
        addRuntime(request);

        BaseInstallerResult result = new BaseInstallerBuilder(mavenLog()).build(request.build());
        getLog().info(result.upToDate() ? "Base installers are up to date (inputs unchanged): no archiving done"
                : "Built " + result.installers().size() + " base installers");
        BaseInstallerSource.remember(project, result.installers());
        result.installers().forEach((platform, installer) -> publish(installer, platform, platform.classifier(),
                policy.attachesBases()));
    }

    /** The runtime jar and exactly the dependencies its manifest names, from this plugin's own artifacts. */
    private void addRuntime(BaseInstallerRequest.Builder request) throws MojoExecutionException, IOException {
        Artifact runtime = pluginArtifacts.stream()
                .filter(artifact -> RUNTIME_GROUP_ID.equals(artifact.getGroupId())
                        && RUNTIME_ARTIFACT_ID.equals(artifact.getArtifactId()))
                .findFirst()
                .orElseThrow(() -> new MojoExecutionException("The plugin's dependencies lack " + RUNTIME_GROUP_ID
                        + ":" + RUNTIME_ARTIFACT_ID + ": the plugin is damaged, reinstall it"));
        Path runtimeJar = runtime.getFile().toPath();
        List<Path> candidates = pluginArtifacts.stream()
                .filter(artifact -> artifact != runtime && artifact.getFile() != null)
                .map(artifact -> artifact.getFile().toPath())
                .toList();
        request.runtimeJar(runtimeJar).dependencyJars(RuntimeJars.selectDependencies(runtimeJar, candidates));
    }
}
