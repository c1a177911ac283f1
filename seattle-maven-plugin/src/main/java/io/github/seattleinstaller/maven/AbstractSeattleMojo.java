package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.builder.keys.KeyLoadingException;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.io.IoFailures;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What every goal shares: {@code seattle.skip}, the environment that keys and passphrases come from, and
 * the one translation of the core's problems into Maven failures. Goals hand each parameter's label
 * ({@link #label}) to the request builders with its value, so the core's problems already name the
 * parameter, and a goal only lets them through.
 */
abstract class AbstractSeattleMojo extends AbstractMojo {

    /**
     * Skips every goal of this plugin (for example {@code -Dseattle.skip} on a build that needs no installers).
     * Each goal also has its own, {@code seattle.<goal>.skip}: {@code -Dseattle.customize.skip}.
     */
    @Parameter(property = "seattle.skip", defaultValue = "false")
    boolean skip;

    /** Where environment variables are read; tests replace it. */
    Function<String, String> environment = System::getenv;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipsThisGoal()) {
            getLog().info("Skipping " + goal() + ": " + (skip ? "seattle.skip" : skipProperty()) + " is set");
            return;
        }
        try {
            run();
        } catch (InvalidInputException invalid) {
            // One line per problem, each starting with the label of the parameter it is about.
            throw new MojoFailureException(invalid.getMessage(), invalid);
        } catch (KeyLoadingException badKey) {
            throw parameterProblem(parameterOf(badKey.input()), badKey.getMessage());
        } catch (IOException failed) {
            throw new MojoExecutionException("seattle:" + goal() + " failed: " + IoFailures.describe(failed), failed);
        }
    }

    /** The goal's name, for messages. */
    abstract String goal();

    /** Whether the goal's own skip parameter, {@link #skipProperty()}, is set. */
    abstract boolean skipsThisGoal();

    /** The property of the goal's own skip parameter: {@code seattle.<goal>.skip}. */
    final String skipProperty() {
        return "seattle." + goal() + ".skip";
    }

    abstract void run() throws MojoExecutionException, MojoFailureException, InvalidInputException,
            KeyLoadingException, IOException;

    /** The core's log lines, as Maven log lines. */
    ProgressLog mavenLog() {
        return new ProgressLog() {
            @Override
            public void info(String message) {
                getLog().info(message);
            }

            @Override
            public void warn(String message) {
                getLog().warn(message);
            }
        };
    }

    /** "1 installer", "3 installers". */
    static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    /** How messages name a parameter, as the POM spells it: {@code <offcutFile>}. */
    static String label(String parameter) {
        return "<" + parameter + ">";
    }

    /**
     * The default of a directory parameter of a goal that also runs without a project, where
     * {@code ${project.*}} expressions do not resolve (and would be used as literal folder names): the
     * directory in the project when there is one, else the same relative path below the working directory.
     *
     * @param session   the build's session, or null (a test harness without one): the working directory
     * @param inProject the directory in the current project
     * @param relative  the directory relative to the working directory, without a project
     */
    static Path defaultDirectory(MavenSession session, Function<MavenProject, Path> inProject, String relative) {
        if (session != null && session.getRequest() != null && session.getRequest().isProjectPresent()
                && session.getCurrentProject() != null && session.getCurrentProject().getBasedir() != null) {
            return inProject.apply(session.getCurrentProject());
        }
        return Path.of(relative).toAbsolutePath();
    }

    /**
     * The core's problems with what a parameter gave (a file, or a directory's files), each starting with the
     * parameter's label ({@link #label}, or a longer one such as {@code <donors> donor bob <vesselInfoFile>}),
     * then the problem's own source (the file, and its line), as the core reported it.
     */
    static InvalidInputException labelled(String label, String summary, InvalidInputException invalid) {
        return new InvalidInputException(summary, invalid.problems().stream()
                .map(problem -> new InputProblem(label + " " + problem.source(), problem.line(),
                        problem.rule(), problem.detail()))
                .toList());
    }

    /** A failure caused by the value of one parameter: the message starts with it, as the POM spells it. */
    static MojoFailureException parameterProblem(String parameter, String message) {
        return new MojoFailureException(label(parameter) + ": " + message);
    }

    private static String parameterOf(KeyLoadingException.Input input) {
        return switch (input) {
            case KEY_FILE, KEY_SOURCE -> "operatorKeyFile";
            case KEY_VARIABLE -> "operatorKeyEnvironmentVariable";
            case PASSPHRASE_VARIABLE -> "passphraseEnvironmentVariable";
            case PUBLIC_KEY_FILE -> "operatorPublicKeyFile";
        };
    }
}
