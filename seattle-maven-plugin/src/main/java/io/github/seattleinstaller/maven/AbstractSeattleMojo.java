package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.runtime.log.ProgressLog;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.nio.file.Path;
import java.util.function.Function;

/** What every goal shares: {@code seattle.skip}, and the environment that keys and passphrases come from. */
abstract class AbstractSeattleMojo extends AbstractMojo {

    /** Skips the goal (for example {@code -Dseattle.skip} on a build that needs no installers). */
    @Parameter(property = "seattle.skip", defaultValue = "false")
    boolean skip;

    /** Where environment variables are read; tests replace it. */
    Function<String, String> environment = System::getenv;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + ": seattle.skip is set");
            return;
        }
        run();
    }

    /** The goal's name, for messages. */
    abstract String goal();

    abstract void run() throws MojoExecutionException, MojoFailureException;

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

    /** A failure caused by the value of one parameter: the message starts with it, as the POM spells it. */
    static MojoFailureException parameterProblem(String parameter, String message) {
        return new MojoFailureException("<" + parameter + ">: " + message);
    }
}
