package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.runtime.log.ProgressLog;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

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

    /** A failure caused by the value of one parameter: the message starts with it, as the POM spells it. */
    static MojoFailureException parameterProblem(String parameter, String message) {
        return new MojoFailureException("<" + parameter + ">: " + message);
    }
}
